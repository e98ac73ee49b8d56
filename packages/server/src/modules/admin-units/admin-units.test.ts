import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitView } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';

describe.each(DATABASES)('administrative units on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.signIn(await t.makeUser('system_admin'));
  });
  afterAll(async () => t.close());

  const list = async (cookie: string, at?: string) =>
    (await t.inject({ method: 'GET', url: `/api/admin-units${at ? `?at=${at}` : ''}`, cookie })).json<{ items: UnitView[] }>().items;
  const communes = (units: UnitView[]) => units.filter((u) => ['commune', 'town'].includes(u.kind));

  it('lists the 22 units of 2017, the 17 of 2020 and the 6 communes of today', async () => {
    expect(communes(await list(admin, '2017-05-24'))).toHaveLength(22);
    expect(communes(await list(admin, '2020-02-01'))).toHaveLength(17);
    expect(communes(await list(admin, '2025-07-01'))).toHaveLength(6);
  });

  it('maps Hữu Thác of 2017 to Trần Phú with code 02176 today', async () => {
    const huuThac = await t.unitId('02179', '1997-01-01');
    const response = await t.inject({ method: 'GET', url: `/api/admin-units/${huuThac}/mapping?at=2026-01-01`, cookie: admin });
    expect(response.statusCode).toBe(200);
    expect(response.json().holders.map((h: { unit: UnitView }) => `${h.unit.name} ${h.unit.code}`)).toEqual(['Trần Phú 02176']);
  });

  it('shows a commune officer only their commune, its villages and the communes merged into it', async () => {
    const officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    const units = await list(officer);
    const names = units.map((u) => `${u.name} ${u.code}`).sort();
    expect(names).toContain('Trần Phú 02176');
    expect(names).toContain('Hữu Thác 02179');
    expect(names).not.toContain('Côn Minh 02185');
    expect(units.find((u) => u.kind === 'district')).toBeUndefined();
    const neighbour = await t.unitId('02185');
    const refused = await t.inject({ method: 'GET', url: `/api/admin-units/${neighbour}`, cookie: officer });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('UNIT_OUT_OF_SCOPE');
  });

  it('adds a village under a commune, and refuses a village under the district or a code already in use', async () => {
    const commune = await t.unitId('02176');
    const created = await t.inject({ method: 'POST', url: '/api/admin-units', cookie: admin, payload: { code: '02176-PJ', name: 'Bản Pjạc', kind: 'village', parentId: commune, validFrom: '2025-07-01' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Bản Pjạc', kind: 'village', parentId: commune });

    const officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    expect((await list(officer, '2026-01-01')).map((u) => u.name)).toContain('Bản Pjạc');

    const underDistrict = await t.inject({ method: 'POST', url: '/api/admin-units', cookie: admin, payload: { code: 'X-1', name: 'Sai chỗ', kind: 'village', parentId: await t.unitId('066', '1997-01-01'), validFrom: '2025-07-01' } });
    expect(underDistrict.statusCode).toBe(400);
    expect(underDistrict.json().error.issues[0].path).toBe('parentId');
    const duplicate = await t.inject({ method: 'POST', url: '/api/admin-units', cookie: admin, payload: { code: '02176-PJ', name: 'Trùng mã', kind: 'village', parentId: commune, validFrom: '2025-08-01' } });
    expect(duplicate.statusCode).toBe(409);
    const badDate = await t.inject({ method: 'POST', url: '/api/admin-units', cookie: admin, payload: { code: 'Y-1', name: 'Ngày sai', kind: 'village', parentId: commune, validFrom: '2025-02-30' } });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.issues[0]).toEqual({ path: 'validFrom', message: 'ngày không tồn tại' });
  });

  it('records a merger of two villages into a new one: the old ones end, records map to the new one', async () => {
    const commune = await t.unitId('02155');
    const make = async (code: string, name: string) =>
      (await t.inject({ method: 'POST', url: '/api/admin-units', cookie: admin, payload: { code, name, kind: 'village', parentId: commune, validFrom: '2025-07-01' } })).json<UnitView>().id;
    const a = await make('02155-A', 'Nà Cà');
    const b = await make('02155-B', 'Phiêng Tác');
    const merged = await t.inject({
      method: 'POST', url: '/api/admin-units/mergers', cookie: admin,
      payload: { effectiveDate: '2026-01-01', sources: [{ id: a }, { id: b }], target: { code: '02155-C', name: 'Nà Cà Phiêng', kind: 'village', parentId: commune } },
    });
    expect(merged.statusCode).toBe(201);
    const { target, sources } = merged.json<{ target: UnitView; sources: UnitView[] }>();
    expect(sources.map((s) => s.validTo)).toEqual(['2025-12-31', '2025-12-31']);
    expect(target.predecessors.map((p) => p.id).sort()).toEqual([a, b].sort());
    const mapping = await t.inject({ method: 'GET', url: `/api/admin-units/${a}/mapping?at=2026-06-01`, cookie: admin });
    expect(mapping.json().holders.map((h: { unit: UnitView }) => h.unit.id)).toEqual([target.id]);
    const entry = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'unit.merge').executeTakeFirstOrThrow();
    expect(entry.resource_id).toBe(target.id);

    const intoVillage = await t.inject({ method: 'POST', url: '/api/admin-units/mergers', cookie: admin, payload: { effectiveDate: '2026-03-01', sources: [{ id: commune }], target: { existingId: target.id } } });
    expect(intoVillage.statusCode).toBe(400);
    const provinceIntoCommune = await t.inject({ method: 'POST', url: '/api/admin-units/mergers', cookie: admin, payload: { effectiveDate: '2026-03-01', sources: [{ id: await t.unitId('19', '1997-01-01'), isPart: true }], target: { existingId: await t.unitId('02191') } } });
    expect(provinceIntoCommune.statusCode).toBe(400);
    expect(provinceIntoCommune.json().error.code).toBe('MERGER_INVALID');
    const endBeforeStart = await t.inject({ method: 'PATCH', url: `/api/admin-units/${target.id}`, cookie: admin, payload: { validTo: '2020-01-01' } });
    expect(endBeforeStart.statusCode).toBe(400);
    expect(endBeforeStart.json().error.issues[0]).toEqual({ path: 'validTo', message: 'ngày kết thúc không được trước ngày bắt đầu' });

    const again = await t.inject({ method: 'POST', url: '/api/admin-units/mergers', cookie: admin, payload: { effectiveDate: '2026-03-01', sources: [{ id: a }], target: { existingId: target.id } } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('MERGER_INVALID');
  });
});
