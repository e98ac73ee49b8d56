import { describe, expect, it } from 'vitest';
import { GENERALISED, INCIDENT_EXPORT_HEADER, generaliseIncidents } from './exports.js';

const col = (name: string) => INCIDENT_EXPORT_HEADER.indexOf(name);

function row(code: string, commune: string, month: string, sex: string, age: string, disability = 'no'): Array<string | number> {
  const r: Array<string | number> = INCIDENT_EXPORT_HEADER.map(() => 'x');
  r[col('incident_code')] = code;
  r[col('survivor_code')] = `S${code}`;
  r[col('commune_code')] = commune;
  r[col('incident_month')] = month;
  r[col('report_month')] = month;
  r[col('survivor_sex')] = sex;
  r[col('survivor_age_group')] = age;
  r[col('survivor_disability')] = disability;
  return r;
}

describe('generaliseIncidents (k-anonymity of the GBVIMS-style list)', () => {
  it('keeps combinations shared by k rows and generalises the rare one until it hides in a crowd', () => {
    const common = Array.from({ length: 5 }, (_, i) => row(`I-${i}`, '02176', '2026-03', 'female', '30_44'));
    // One girl with a disability in a tiny commune: alone in every combination with commune and month.
    const rare = row('I-9', '02143', '2026-04', 'female', '6_15', 'yes');
    const out = generaliseIncidents([...common, rare], 5);
    const kept = out.filter((r) => r[col('commune_code')] === '02176');
    expect(kept).toHaveLength(5);
    for (const r of kept) expect([r[col('incident_month')], r[col('survivor_age_group')], r[col('survivor_disability')]]).toEqual(['2026-03', '30_44', 'no']);
    const g = out.find((r) => r[0] === 'I-9') as Array<string | number>;
    expect(g[col('commune_code')]).toBe(GENERALISED);
    expect(g[col('incident_month')]).toBe('2026');
    expect(g[col('report_month')]).toBe('2026');
    expect(g[col('survivor_age_group')]).toBe('child');
    expect(g[col('survivor_disability')]).toBe(GENERALISED);
    expect(g[col('survivor_sex')]).toBe(GENERALISED);
    // The input is not changed, and the order says nothing about dates.
    expect(rare[col('commune_code')]).toBe('02143');
    expect(out.map((r) => r[0])).toEqual([...out.map((r) => r[0])].sort());
  });

  it('counts survivors, not incidents: five incidents of one survivor are still one person', () => {
    const rows = Array.from({ length: 5 }, (_, i) => {
      const r = row(`I-${i}`, '02176', '2026-03', 'female', '30_44');
      r[col('survivor_code')] = 'S-SAME';
      return r;
    });
    for (const r of generaliseIncidents(rows, 5)) expect(r[col('commune_code')]).toBe(GENERALISED);
  });

  it('stops generalising once the year is enough', () => {
    const rows = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'].map((m, i) => row(`I-${i}`, '02176', m, 'female', '30_44'));
    const out = generaliseIncidents(rows, 5);
    for (const r of out) {
      expect(r[col('incident_month')]).toBe('2026');
      expect(r[col('commune_code')]).toBe('02176');
      expect(r[col('survivor_age_group')]).toBe('30_44');
    }
  });
});
