// Loading provinces from the national reference lists into a database that already holds the Na Rì seed (every
// start seeds it), on SQLite and PostgreSQL: what is added, what is reused, a second run, a second province, and
// refused data that leaves the database as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attribution, isValidAt, referenceLevelOf, REFERENCE_FILES, type AdminUnit, type ReferenceData, type UnitView } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { loadProvinces, readReferenceData, unitLevel, unitsOfProvinceOn } from './reference.js';

describe.each(DATABASES)('loading provinces from the national lists on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.signIn(await t.makeUser('system_admin'));
  });
  afterAll(async () => t.close());

  const counts = async () => ({
    units: Number((await t.deps.db.selectFrom('admin_units').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    successions: Number((await t.deps.db.selectFrom('unit_successions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });
  const levels = (units: AdminUnit[]) => {
    const result: Record<string, number> = {};
    for (const u of units) result[unitLevel(u.kind)] = (result[unitLevel(u.kind)] ?? 0) + 1;
    return result;
  };
  const province = async (code: string, date: string) => unitsOfProvinceOn(await t.deps.units.graph(), code, date) ?? [];

  it('refuses bad reference data of the province, row by row, and loads nothing', async () => {
    const before = await counts();
    const data: ReferenceData = readReferenceData();
    const commune = data.current.find((r) => r.parentCode === '19' && r.code === '05443');
    const succession = data.successions.find((r) => r.newCode === '05443');
    if (!commune || !succession) throw new Error('05443 is in the list from 1/7/2025');
    const bad: ReferenceData = {
      ...data,
      old: [...data.old, { ...data.old.find((r) => r.code === '05461') as ReferenceData['old'][number], line: 10808 }],
      successions: data.successions.map((r) => (r === succession ? { ...r, oldCode: '05999' } : r)),
    };
    const result = await loadProvinces(t.deps, { provinces: ['19'], data: bad });
    expect(result.problems.map((p) => `${p.file}:${p.line}: ${p.reason}`)).toEqual([
      `${REFERENCE_FILES.old}:10808: mã 05461 (commune) đã có ở dòng ${data.old.find((r) => r.code === '05461')?.line}: hai đơn vị cùng mã có hiệu lực cùng ngày / code 05461 (commune) already on line ${data.old.find((r) => r.code === '05461')?.line}: overlapping validity`,
      `${REFERENCE_FILES.successions}:${succession.line}: mã cũ không rõ / unknown old code 05999 (commune, ${succession.oldName}) not in ${REFERENCE_FILES.old}`,
    ]);
    expect(await counts()).toEqual(before);
  });

  it('loads Thái Nguyên (19) on a fresh install: its 92 communes on 1/1/2026, and on 1/1/2024 the districts and communes of Bắc Kạn and old Thái Nguyên', async () => {
    const naRi = { tranPhu: await t.unitId('02176'), yenLac: await t.unitId('02155', '2020-02-01'), district: await t.unitId('066', '1997-01-01') };
    const result = await loadProvinces(t.deps, { provinces: ['19'] });
    expect(result.problems).toEqual([]);
    const [plan] = result.plans;
    expect(plan?.counts).toEqual([
      { generation: 'old', level: 'province', added: 0, existing: 2 },
      { generation: 'old', level: 'district', added: 16, existing: 1 },
      { generation: 'old', level: 'commune', added: 263, existing: 17 },
      { generation: 'new', level: 'province', added: 0, existing: 1 },
      { generation: 'new', level: 'commune', added: 86, existing: 6 },
    ]);
    expect(levels(await province('19', '2026-01-01'))).toEqual({ province: 1, commune: 92 });
    const before = await province('19', '2024-01-01');
    expect(levels(before)).toEqual({ province: 2, district: 17, commune: 280 });
    expect(before.filter((u) => u.kind === 'province').map((u) => u.name)).toEqual(['Bắc Kạn', 'Thái Nguyên']);
    // The Na Rì units are the seed's own, not copies.
    expect(await t.unitId('02176')).toBe(naRi.tranPhu);
    expect(before.find((u) => u.code === '02155')?.id).toBe(naRi.yenLac);
    expect(before.find((u) => u.code === '066')?.id).toBe(naRi.district);
    // An old unit of the list starts on 2016-01-01, unless the seed has the code until an earlier day.
    const graph = await t.deps.units.graph();
    expect(before.find((u) => u.code === '01834')).toMatchObject({ name: 'Nguyễn Thị Minh Khai', kind: 'ward', validFrom: '2016-01-01', validTo: '2025-06-30' });
    expect(graph.get(before.find((u) => u.code === '01834')?.parentId ?? '')).toMatchObject({ code: '058', kind: 'district' });
  });

  it('keeps one unit per code and level on every day, across the seed and the list', async () => {
    const units = [...(await t.deps.units.graph()).byId.values()];
    for (const day of ['2016-01-01', '2020-01-31', '2020-02-01', '2024-01-01', '2025-06-30', '2025-07-01', '2026-01-01']) {
      const seen = new Set<string>();
      for (const u of units.filter((x) => isValidAt(x, day) && referenceLevelOf(x.kind) !== null)) {
        const key = `${referenceLevelOf(u.kind)}:${u.code}`;
        expect(seen.has(key), `${key} twice on ${day}`).toBe(false);
        seen.add(key);
      }
    }
  });

  it('records the succession with one main successor: the one that kept the code, else the first in the file', async () => {
    const graph = await t.deps.units.graph();
    const old = (code: string) => [...graph.byId.values()].find((u) => u.code === code && u.validTo === '2025-06-30') as AdminUnit;
    const main = (code: string) => graph.successorsOf(old(code).id).filter((s) => s.isMain).map((s) => graph.get(s.toId)?.code);
    expect(main('05461')).toEqual(['05443']);
    expect(main('05467')).toEqual(['05467']);
    expect(graph.successorsOf(old('05461').id).map((s) => s.isPart)).toEqual([true, true]);
    // An old Bắc Kạn ward outside Na Rì is held today by the new ward it went into.
    const mapping = await t.inject({ method: 'GET', url: `/api/admin-units/${old('01834').id}/mapping?at=2026-01-01`, cookie: admin });
    expect(mapping.json().holders.map((h: { unit: UnitView }) => `${h.unit.name} ${h.unit.code}`)).toEqual(['Đức Xuân 01840']);
  });

  it('puts a 2023 record of an old Bắc Kạn commune under the right new commune in today’s units: the main successor of a split one, marked approximate', async () => {
    const graph = await t.deps.units.graph();
    const old = (code: string) => [...graph.byId.values()].find((u) => u.code === code && u.validTo === '2025-06-30') as AdminUnit;
    const thaiNguyen = (await province('19', '2026-01-01'))[0] as AdminUnit;
    const today = new Attribution(graph, thaiNguyen.id, 'today', '2026-01-01');
    const row = (code: string) => {
      const r = today.rowOf(old(code).id);
      return { code: graph.get(r.rowId)?.code, approximate: r.approximate, inArea: today.rows.has(r.rowId) };
    };
    expect(row('01834')).toEqual({ code: '01840', approximate: false, inArea: true });
    expect(row('05461')).toEqual({ code: '05443', approximate: true, inArea: true });
    expect(row('02179')).toEqual({ code: '02176', approximate: false, inArea: true });
    // The commune rows are today's 92 communes (districts, which have no successor, keep rows of their own).
    const communes = [...today.rows].map((id) => graph.get(id) as AdminUnit).filter((u) => referenceLevelOf(u.kind) === 'commune');
    expect(communes.every((u) => u.parentId === thaiNguyen.id && u.validTo === null)).toBe(true);
    expect(communes).toHaveLength(92);
  });

  it('changes nothing the second time', async () => {
    const before = await counts();
    const result = await loadProvinces(t.deps, { provinces: ['19'] });
    expect(result.problems).toEqual([]);
    expect(result.plans[0]).toMatchObject({ units: [], successions: [], successionsAdded: 0, successionsExisting: 285 });
    expect(await counts()).toEqual(before);
  });

  it('adds a second province beside the first', async () => {
    const before = await counts();
    const result = await loadProvinces(t.deps, { provinces: ['20'] });
    expect(result.problems).toEqual([]);
    expect(levels(await province('20', '2026-01-01'))).toMatchObject({ province: 1 });
    expect((await province('20', '2026-01-01')).length).toBeGreaterThan(50);
    expect((await counts()).units).toBe(before.units + (result.plans[0]?.units.length ?? 0));
    expect(levels(await province('19', '2026-01-01'))).toEqual({ province: 1, commune: 92 });
  });

  it('lists over the API what was valid on a day (validOn; at still works)', async () => {
    const list = async (query: string) => (await t.inject({ method: 'GET', url: `/api/admin-units?${query}`, cookie: admin })).json<{ items: UnitView[] }>().items;
    const graph = await t.deps.units.graph();
    const thaiNguyen = (await province('19', '2026-01-01'))[0] as AdminUnit;
    const communesOf19 = (items: UnitView[]) => items.filter((u) => u.parentId === thaiNguyen.id);
    const today = await list('validOn=2026-01-01');
    expect(communesOf19(today)).toHaveLength(92);
    expect(today.every((u) => isValidAt(u, '2026-01-01'))).toBe(true);
    expect((await list('at=2026-01-01')).map((u) => u.id)).toEqual(today.map((u) => u.id));
    const then = await list('validOn=2024-01-01');
    expect(then.filter((u) => u.kind === 'district' && ['06', '19'].includes(graph.get(u.parentId ?? '')?.code ?? ''))).toHaveLength(17);
    expect((await t.inject({ method: 'GET', url: '/api/admin-units?validOn=2026-13-01', cookie: admin })).statusCode).toBe(400);
  });
});
