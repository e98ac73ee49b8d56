// Migration 0017 and `units check`: rows written before the rule "a record belongs to the unit valid on its
// date" are found by their exact Vietnamese day, moved to the unit of that day when one can be named, and
// reported either way; intake refuses new ones, naming the unit valid then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../test/test-app.js';
import { caseIntake } from '../test/factories.js';
import { findMisplaced, repairMisplaced } from './migrations/0017-record-units.js';

describe.each(DATABASES)('records against the unit of their day on %s', (kind) => {
  let t: TestApp;
  let focal: string;
  let tranPhu: string;
  let cuLe: string;
  let naRi: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    focal = await t.signIn(await t.makeUser('district_focal_point'));
    tranPhu = await t.unitId('02176');
    cuLe = await t.unitId('02176', '1997-01-01');
    naRi = await t.unitId('02155');
  });
  afterAll(async () => t.close());

  it('refuses a case detected in 2018 against today’s Trần Phú, naming the unit of that day', async () => {
    const refused = await t.inject({ method: 'POST', url: '/api/cases', cookie: focal, payload: caseIntake(tranPhu, { detectedAt: '2018-03-10T02:00:00.000Z' }) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('UNIT_NOT_VALID_ON_DATE');
    expect(refused.json().error.message).toContain('10/03/2018');
    expect(refused.json().error.message).toContain('Cư Lễ (02176)');
    expect(await t.deps.db.selectFrom('cases').select('id').execute()).toHaveLength(0);
    const english = await t.inject({ method: 'POST', url: '/api/cases', cookie: focal, headers: { 'accept-language': 'en' }, payload: caseIntake(tranPhu, { detectedAt: '2018-03-10T02:00:00.000Z' }) });
    expect(english.json().error.message).toMatch(/did not exist on 10\/03\/2018/);
    // The evening of 30/6/2025 in UTC is already 1/7/2025 in Viet Nam: today's Trần Phú is right then.
    const atMidnight = await t.inject({ method: 'POST', url: '/api/cases', cookie: focal, payload: caseIntake(tranPhu, { detectedAt: '2025-06-30T18:00:00.000Z' }) });
    expect(atMidnight.statusCode, atMidnight.body).toBe(201);
  });

  it('moves rows written before the rule to the unit of their day, and reports those it cannot place', async () => {
    const open = async (unitId: string, detectedAt: string) => {
      const created = await t.inject({ method: 'POST', url: '/api/cases', cookie: focal, payload: caseIntake(unitId, { detectedAt }) });
      expect(created.statusCode, created.body).toBe(201);
      return created.json<CaseDetail>().id;
    };
    // Written right, then put where an older version let them be: 2018 records in units formed in 2025.
    const placeable = await open(cuLe, '2018-03-10T02:00:00.000Z');
    const guess = await open(await t.unitId('02155', '2020-02-01'), '2020-03-10T02:00:00.000Z');
    await t.deps.db.updateTable('cases').set({ unit_id: tranPhu }).where('id', '=', placeable).execute();
    await t.deps.db.updateTable('cases').set({ unit_id: naRi, detected_at: '2018-03-10T02:00:00.000Z' }).where('id', '=', guess).execute();
    const graph = await t.deps.units.graph();
    const found = await findMisplaced(t.deps.db, graph);
    expect(found.map((m) => [m.table, m.rowId, m.date, m.repairTo]).filter(([table]) => table === 'cases')).toEqual([
      ['cases', placeable, '2018-03-10', cuLe],
      // Na Rì (2025) holds Yến Lạc, Kim Lư, Lương Thành and Lam Sơn of 2018: no single one to name.
      ['cases', guess, '2018-03-10', null],
    ]);
    await repairMisplaced(t.deps.db);
    const rows = await t.deps.db.selectFrom('cases').select(['id', 'unit_id']).where('id', 'in', [placeable, guess]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.unit_id]))).toEqual({ [placeable]: cuLe, [guess]: naRi });
    const report = await t.deps.db.selectFrom('unit_repairs').selectAll().where('table_name', '=', 'cases').orderBy('record_date').execute();
    expect(report.map((r) => [r.row_id, r.from_unit_id, r.to_unit_id])).toEqual(expect.arrayContaining([[placeable, tranPhu, cuLe], [guess, naRi, null]]));
    // Only the one left for a person to place is still found.
    expect((await findMisplaced(t.deps.db, graph)).filter((m) => m.table === 'cases').map((m) => m.rowId)).toEqual([guess]);
  });
});
