import { describe, expect, it } from 'vitest';
import { addHours, addMonths, instantMs, vietnamDateOf } from './time.js';

describe('instantMs', () => {
  it('reads ISO datetimes with Z or an offset', () => {
    expect(instantMs('2024-05-24T01:00:00Z')).toBe(Date.UTC(2024, 4, 24, 1));
    expect(instantMs('2024-05-24T08:00:00+07:00')).toBe(Date.UTC(2024, 4, 24, 1));
    expect(instantMs('2024-05-24T01:00:00.250Z')).toBe(Date.UTC(2024, 4, 24, 1, 0, 0, 250));
  });

  it('refuses dates, local times and nonsense', () => {
    for (const bad of ['2024-05-24', '2024-05-24T01:00:00', 'yesterday', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2023-02-29T00:00:00.000Z', '2024-04-31T10:00:00.000Z']) {
      expect(() => instantMs(bad)).toThrow(RangeError);
    }
  });
});

describe('calendar arithmetic', () => {
  it('adds hours', () => {
    expect(addHours('2024-12-31T23:00:00Z', 2)).toBe('2025-01-01T01:00:00.000Z');
  });

  it('adds months in Vietnam time and clamps to the end of a short month', () => {
    expect(addMonths('2024-01-15T03:00:00Z', 4)).toBe('2024-05-15T03:00:00.000Z');
    expect(addMonths('2023-10-31T03:00:00Z', 4)).toBe('2024-02-29T03:00:00.000Z');
    expect(addMonths('2024-10-31T03:00:00Z', 4)).toBe('2025-02-28T03:00:00.000Z');
    // 20:00 UTC on 31/1 is already 1/2 in Vietnam: four months later is 1/6 in Vietnam.
    expect(addMonths('2024-01-31T20:00:00Z', 4)).toBe('2024-05-31T20:00:00.000Z');
  });

  it('gives the date in Vietnam', () => {
    expect(vietnamDateOf('2024-05-24T16:59:59Z')).toBe('2024-05-24');
    expect(vietnamDateOf('2024-05-24T17:00:00Z')).toBe('2024-05-25');
  });
});
