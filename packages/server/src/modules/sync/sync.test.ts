import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseDetail, SyncBatchResult, SyncConflictView, SyncOpResult, TimelineEntry } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp, type TestUser } from '../../test/test-app.js';
import { caseIntake, HOUR } from '../../test/factories.js';
import { activityBody } from '../../test/outreach-fixtures.js';
import { NO_DEVICE } from '../../http/client-op.js';

const iso = (ms: number) => new Date(ms).toISOString();
const followUp = () => ({ contactedAt: iso(Date.now() - HOUR), method: 'home_visit', survivorSafe: 'yes', violenceRecurred: false, note: 'Chị đã an toàn ở nhà mẹ đẻ.' });

describe.each(DATABASES)('offline sync on %s', (kind) => {
  let t: TestApp;
  let tranPhu: string;
  let neighbour: string;
  let officerUser: TestUser;
  let officer: string;
  let colleague: string;
  let neighbourOfficer: string;
  let leader: string;
  let villages: { inside: string; other: string; outside: string };
  const deviceA = randomUUID();
  const deviceB = randomUUID();

  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [] });
    tranPhu = await t.unitId('02176');
    neighbour = await t.unitId('02155');
    officerUser = await t.makeUser('commune_officer', { unitCode: '02176' });
    officer = await t.signIn(officerUser);
    colleague = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    neighbourOfficer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02155' }));
    leader = await t.signIn(await t.makeUser('district_leader'));
    const admin = await t.signIn(await t.makeUser('system_admin'));
    const village = async (code: string, name: string, parentId: string) => {
      const response = await t.inject({ method: 'POST', url: '/api/admin-units', cookie: admin, payload: { code, name, kind: 'village', parentId, validFrom: '2025-07-01' } });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ id: string }>().id;
    };
    villages = { inside: await village('02176-PJ', 'Bản Pjạc', tranPhu), other: await village('02176-NA', 'Bản Nà', tranPhu), outside: await village('02155-KH', 'Bản Khuổi', neighbour) };
  });
  afterAll(async () => t.close());

  const op = (kindOf: string, payload: object, caseRef?: string, opId = randomUUID()) => ({ opId, kind: kindOf, ...(caseRef ? { caseRef } : {}), recordedAt: iso(Date.now() - 2 * HOUR), payload });
  const sync = async (cookie: string, ops: object[], deviceId = deviceA, locale = 'vi') => {
    const response = await t.inject({ method: 'POST', url: '/api/sync', cookie, payload: { deviceId, ops }, headers: { 'accept-language': locale } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<SyncBatchResult>().results;
  };
  const openOnline = async (unitId = tranPhu, cookie = officer) => {
    const response = await t.inject({ method: 'POST', url: '/api/cases', cookie, payload: caseIntake(unitId) });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<CaseDetail>();
  };
  const getCase = async (id: string, cookie = officer) => (await t.inject({ method: 'GET', url: `/api/cases/${id}`, cookie })).json<CaseDetail>();
  const count = async (table: 'cases' | 'follow_ups' | 'case_events' | 'sync_operations' | 'outreach_activities' | 'sync_conflicts' | 'audit_log') =>
    Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  /** Everything a write on a case touches. */
  const footprint = async (caseId: string) => ({
    followUps: (await t.deps.db.selectFrom('follow_ups').select('id').where('case_id', '=', caseId).execute()).length,
    events: (await t.deps.db.selectFrom('case_events').select('id').where('case_id', '=', caseId).execute()).length,
    version: Number((await t.deps.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version),
  });
  const details = (caseId: string, changes: object, baseVersion = 1, cookie = officer) =>
    t.inject({ method: 'PATCH', url: `/api/cases/${caseId}/details`, cookie, payload: { baseVersion, changes } });

  it('opens a case and records its follow-up in one batch (caseRef = the case.open op), and a replayed batch writes nothing twice', async () => {
    const cases = await count('cases');
    const followUps = await count('follow_ups');
    const opened = op('case.open', caseIntake(tranPhu));
    const visit = op('case.follow_up', followUp(), opened.opId);
    const first = await sync(officer, [opened, visit]);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied']);
    const caseId = first[0]?.caseId as string;
    expect(first[0]).toMatchObject({ opId: opened.opId, code: null, message: null, caseCode: expect.stringMatching(/^02176-/), version: 1 });
    expect(first[1]).toMatchObject({ opId: visit.opId, caseId, version: 2 });
    expect(await count('cases')).toBe(cases + 1);
    expect(await count('follow_ups')).toBe(followUps + 1);

    const again = await sync(officer, [opened, visit]);
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(again[0]).toMatchObject({ caseId, caseCode: first[0]?.caseCode });
    expect(again[1]).toMatchObject({ caseId, version: 2 });
    expect(await count('cases')).toBe(cases + 1);
    expect(await count('follow_ups')).toBe(followUps + 1);
    expect((await getCase(caseId)).version).toBe(2);

    // The writes are audited as coming from the sync, with when the user did them; each batch once.
    const audits = await t.deps.db.selectFrom('audit_log').select(['action', 'details']).where('resource_id', '=', caseId).where('action', 'in', ['case.create', 'case.follow_up']).orderBy('seq').execute();
    expect(audits.map((a) => a.action)).toEqual(['case.create', 'case.follow_up']);
    expect(JSON.parse(audits[1]?.details as string)).toMatchObject({ viaSync: true, opId: visit.opId, recordedAt: visit.recordedAt });
    const batches = await t.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'sync.batch').orderBy('seq', 'desc').limit(2).execute();
    expect(batches.map((b) => JSON.parse(b.details))).toEqual([
      { deviceId: deviceA, ops: 2, applied: 0, duplicate: 2, conflict: 0, refused: 0 },
      { deviceId: deviceA, ops: 2, applied: 2, duplicate: 0, conflict: 0, refused: 0 },
    ]);
  });

  it('applies the same operation once when two sends of it arrive at the same time', async () => {
    const created = await openOnline();
    const visit = op('case.follow_up', followUp(), created.id);
    const [a, b] = await Promise.all([sync(officer, [visit]), sync(officer, [visit])]);
    expect([a[0]?.status, b[0]?.status].sort()).toEqual(['applied', 'duplicate']);
    expect((await footprint(created.id)).followUps).toBe(1);
  });

  it('keeps a safety plan edited on two devices from the same value as a visible conflict, and merges edits of different fields', async () => {
    const created = await openOnline();
    const first = await sync(officer, [op('case.details', { baseVersion: 1, changes: { safetyPlan: { from: null, to: '  Chạy sang nhà trưởng bản, gọi 113.  ' } } }, created.id)], deviceA);
    expect(first[0]).toMatchObject({ status: 'applied', version: 2, conflicts: [] });
    const secondOp = op('case.details', { baseVersion: 1, changes: { safetyPlan: { from: null, to: 'Ở nhà chị gái tại Bản Nà.' }, nextFollowUpOn: { from: null, to: '2026-12-10' } } }, created.id);
    const second = await sync(colleague, [secondOp], deviceB);
    expect(second[0]?.status).toBe('conflict');
    expect(second[0]?.version).toBe(3);
    expect(second[0]?.conflicts).toEqual([expect.objectContaining({
      opId: secondOp.opId, caseId: created.id, caseCode: created.code, field: 'safetyPlan', status: 'open', resolution: null,
      baseValue: null, deviceValue: 'Ở nhà chị gái tại Bản Nà.', serverValue: 'Chạy sang nhà trưởng bản, gọi 113.',
    })]);
    const now = await getCase(created.id);
    expect(now).toMatchObject({ safetyPlan: 'Chạy sang nhà trưởng bản, gọi 113.', nextFollowUpOn: '2026-12-10', version: 3 });
    // Only those who work on the case read the plan; it is stored encrypted, the conflict's values too.
    expect((await getCase(created.id, leader)).safetyPlan).toBeNull();
    const stored = JSON.stringify(await t.deps.db.selectFrom('cases').selectAll().where('id', '=', created.id).execute()) + JSON.stringify(await t.deps.db.selectFrom('sync_conflicts').selectAll().execute());
    expect(stored).not.toContain('trưởng bản');
    expect(stored).not.toContain('chị gái');
    // The timeline names the fields, never the plan's text.
    const timeline = (await t.inject({ method: 'GET', url: `/api/cases/${created.id}/timeline`, cookie: officer })).json<{ items: TimelineEntry[] }>().items;
    expect(timeline.filter((e) => e.kind === 'details').map((e) => e.details)).toEqual([{ fields: ['nextFollowUpOn'], nextFollowUpOn: '2026-12-10' }, { fields: ['safetyPlan'] }]);
    expect(JSON.stringify(timeline)).not.toContain('trưởng bản');

    // Both officers see the conflict; the neighbouring commune's officer does not, and cannot resolve it.
    const list = (await t.inject({ method: 'GET', url: `/api/sync/conflicts?caseId=${created.id}`, cookie: officer })).json<{ items: SyncConflictView[] }>().items;
    expect(list).toHaveLength(1);
    const conflictId = list[0]?.id as string;
    expect((await t.inject({ method: 'GET', url: '/api/sync/conflicts', cookie: neighbourOfficer })).json<{ items: SyncConflictView[] }>().items.map((c) => c.id)).not.toContain(conflictId);
    const foreign = await t.inject({ method: 'POST', url: `/api/sync/conflicts/${conflictId}/resolve`, cookie: neighbourOfficer, payload: { choice: 'server' } });
    expect(foreign.statusCode).toBe(404);

    // Resolved for the device: its value applies now, the version moves, the audit says who chose what (never the values).
    const resolved = await t.inject({ method: 'POST', url: `/api/sync/conflicts/${conflictId}/resolve`, cookie: colleague, payload: { choice: 'device' } });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json<SyncConflictView>()).toMatchObject({ id: conflictId, status: 'resolved', resolution: 'device' });
    expect(await getCase(created.id)).toMatchObject({ safetyPlan: 'Ở nhà chị gái tại Bản Nà.', version: 4 });
    const entry = await t.deps.db.selectFrom('audit_log').select(['details', 'actor_id']).where('action', '=', 'case.conflict_resolved').where('resource_id', '=', created.id).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details)).toMatchObject({ conflictId, field: 'safetyPlan', choice: 'device' });
    expect(entry.details).not.toContain('chị gái');
    const twice = await t.inject({ method: 'POST', url: `/api/sync/conflicts/${conflictId}/resolve`, cookie: officer, payload: { choice: 'server' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'SYNC_CONFLICT_RESOLVED', message: expect.stringContaining('đã được xử lý') });
    expect((await t.inject({ method: 'GET', url: `/api/sync/conflicts?caseId=${created.id}`, cookie: officer })).json<{ items: unknown[] }>().items).toEqual([]);

    // A replay of the op that met the conflict answers from its receipt: nothing open any more.
    expect((await sync(colleague, [secondOp], deviceB))[0]).toMatchObject({ status: 'duplicate', conflicts: [] });

    // Resolved for the server: the server's value stays.
    const third = await sync(officer, [op('case.details', { baseVersion: 3, changes: { nextFollowUpOn: { from: null, to: '2026-12-20' } } }, created.id)]);
    expect(third[0]?.status).toBe('conflict');
    const keep = await t.inject({ method: 'POST', url: `/api/sync/conflicts/${third[0]?.conflicts[0]?.id}/resolve`, cookie: officer, payload: { choice: 'server' } });
    expect(keep.json<SyncConflictView>()).toMatchObject({ status: 'resolved', resolution: 'server', serverValue: '2026-12-10', deviceValue: '2026-12-20' });
    expect(await getCase(created.id)).toMatchObject({ nextFollowUpOn: '2026-12-10', version: 4 });
    expect(await t.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'case.conflict_resolved').where('resource_id', '=', created.id).orderBy('seq', 'desc').executeTakeFirstOrThrow()).toMatchObject({ details: expect.stringContaining('"choice":"server"') });
  });

  it('answers a replay of an old change after a newer one as a duplicate and changes nothing', async () => {
    const created = await openOnline();
    const old = op('case.details', { baseVersion: 1, changes: { safetyPlan: { from: null, to: 'Kế hoạch cũ' } } }, created.id);
    expect((await sync(officer, [old]))[0]?.status).toBe('applied');
    const newer = await details(created.id, { safetyPlan: { from: 'Kế hoạch cũ', to: 'Kế hoạch mới' } }, 2);
    expect(newer.statusCode, newer.body).toBe(200);
    expect(newer.json<CaseDetail>()).toMatchObject({ safetyPlan: 'Kế hoạch mới', version: 3 });
    const before = await footprint(created.id);
    expect((await sync(officer, [old]))[0]).toMatchObject({ status: 'duplicate', caseId: created.id });
    expect(await footprint(created.id)).toEqual(before);
    expect((await getCase(created.id)).safetyPlan).toBe('Kế hoạch mới');
  });

  it('refuses changes to a closed case, to a case in another commune and to a forged case id, writing nothing; one refusal does not stop the others', async () => {
    const closed = await openOnline();
    await t.deps.db.updateTable('cases').set({ status: 'closed', closure_reason: 'safe_and_supported' }).where('id', '=', closed.id).execute();
    const elsewhere = await openOnline(neighbour, neighbourOfficer);
    const fine = await openOnline();
    const before = { closed: await footprint(closed.id), elsewhere: await footprint(elsewhere.id), followUps: await count('follow_ups') };
    const closedOp = op('case.follow_up', followUp(), closed.id);
    const results = await sync(officer, [
      closedOp,
      op('case.follow_up', followUp(), elsewhere.id),
      op('case.follow_up', followUp(), randomUUID()),
      op('case.details', { baseVersion: 1, changes: { villageId: { from: null, to: villages.inside } } }, elsewhere.id),
      op('case.follow_up', followUp(), fine.id),
    ]);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['refused', 'CASE_CLOSED'], ['refused', 'SYNC_CASE_OUT_OF_SCOPE'], ['refused', 'SYNC_CASE_NOT_FOUND'], ['refused', 'SYNC_CASE_OUT_OF_SCOPE'], ['applied', null],
    ]);
    expect(results[1]?.message).toBe('Hồ sơ này không còn thuộc địa bàn của bạn (đã chuyển hoặc bạn đã được đổi nhiệm vụ). Thay đổi chưa được ghi; hãy xuất và gửi cho cán bộ phụ trách.');
    expect(results[0]?.message).toContain('Hồ sơ đã đóng');
    expect(await footprint(closed.id)).toEqual(before.closed);
    expect(await footprint(elsewhere.id)).toEqual(before.elsewhere);
    expect(await count('follow_ups')).toBe(before.followUps + 1);
    const batch = await t.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'sync.batch').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(batch.details)).toMatchObject({ ops: 5, applied: 1, refused: 4, refusals: { CASE_CLOSED: 1, SYNC_CASE_OUT_OF_SCOPE: 2, SYNC_CASE_NOT_FOUND: 1 } });
    // The refusal is kept: sent again (here in English), it is refused again with the same code.
    const replay = await sync(officer, [closedOp], deviceA, 'en');
    expect(replay[0]).toMatchObject({ status: 'refused', code: 'CASE_CLOSED', message: 'The case is closed. Reopen it before recording anything more.' });
  });

  it('refuses an op id another user already used, and a caseRef to another user’s case.open, revealing nothing', async () => {
    const opened = op('case.open', caseIntake(tranPhu));
    const mine = await sync(officer, [opened]);
    expect(mine[0]?.status).toBe('applied');
    const cases = await count('cases');
    const theirs = await sync(colleague, [{ ...opened }, op('case.follow_up', followUp(), opened.opId)], deviceB);
    expect(theirs[0]).toMatchObject({ status: 'refused', code: 'SYNC_OP_ID_TAKEN', caseId: null, caseCode: null, version: null });
    expect(theirs[1]).toMatchObject({ status: 'refused', code: 'SYNC_CASE_NOT_FOUND' });
    expect(await count('cases')).toBe(cases);
    expect((await footprint(mine[0]?.caseId as string)).followUps).toBe(0);
    // The owner's own receipt is untouched.
    expect((await sync(officer, [opened]))[0]).toMatchObject({ status: 'duplicate', caseId: mine[0]?.caseId });
  });

  it('refuses with a clear message the queued writes of a user whose role lost the right to work on cases', async () => {
    const user = await t.makeUser('commune_officer', { unitCode: '02176' });
    const cookie = await t.signIn(user);
    const created = await openOnline(tranPhu, cookie);
    await t.deps.db.updateTable('users').set({ role: 'communicator' }).where('id', '=', user.id).execute();
    const before = await footprint(created.id);
    const results = await sync(cookie, [op('case.follow_up', followUp(), created.id), op('case.open', caseIntake(tranPhu))]);
    expect(results.map((r) => [r.status, r.code])).toEqual([['refused', 'SYNC_FORBIDDEN'], ['refused', 'SYNC_FORBIDDEN']]);
    expect(results[0]?.message).toContain('không còn quyền');
    expect(await footprint(created.id)).toEqual(before);
  });

  it('refuses an invalid payload with VALIDATION_FAILED and a readable message, leaving nothing half-written', async () => {
    const created = await openOnline();
    const counts = { cases: await count('cases'), followUps: await count('follow_ups'), events: await count('case_events') };
    const intake = caseIntake(tranPhu) as Record<string, unknown>;
    delete intake.survivor;
    const badOpen = op('case.open', intake);
    const results = await sync(officer, [
      badOpen,
      op('case.follow_up', { ...followUp(), method: 'pigeon' }, created.id),
      op('case.follow_up', { ...followUp(), contactedAt: iso(Date.now() + 48 * HOUR) }, created.id),
      op('case.details', { baseVersion: 1, changes: { nextFollowUpOn: { from: null, to: '2026-02-30' } } }, created.id),
      op('case.details', { baseVersion: 1, changes: { villageId: { from: null, to: villages.outside } } }, created.id),
      op('case.follow_up', followUp()),
      op('case.follow_up', followUp(), badOpen.opId),
    ], deviceA, 'en');
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['refused', 'VALIDATION_FAILED'], ['refused', 'VALIDATION_FAILED'], ['refused', 'VALIDATION_FAILED'], ['refused', 'VALIDATION_FAILED'], ['refused', 'VILLAGE_NOT_IN_COMMUNE'], ['refused', 'VALIDATION_FAILED'],
      ['refused', 'SYNC_CASE_NOT_FOUND'],
    ]);
    expect(results[0]?.message).toContain('survivor: is required');
    expect(results[1]?.message).toContain('method: is not one of the allowed values');
    expect(results[3]?.message).toContain('changes.nextFollowUpOn.to: this date does not exist');
    expect(results[5]?.message).toContain('caseRef: is required');
    expect({ cases: await count('cases'), followUps: await count('follow_ups'), events: await count('case_events') }).toEqual(counts);
  });

  it('records a communication activity from the queue once, checked against the unit like the online route', async () => {
    const before = await count('outreach_activities');
    const activity = op('outreach.activity', activityBody(tranPhu));
    const first = await sync(officer, [activity, op('outreach.activity', activityBody(neighbour))]);
    expect(first[0]).toMatchObject({ status: 'applied', recordId: expect.any(String), caseId: null });
    expect(first[1]).toMatchObject({ status: 'refused', code: 'UNIT_OUT_OF_SCOPE' });
    const again = await sync(officer, [activity]);
    expect(again[0]).toMatchObject({ status: 'duplicate', recordId: first[0]?.recordId });
    expect(await count('outreach_activities')).toBe(before + 1);
    const receipts = await t.deps.db.selectFrom('sync_operations').select(['status', 'user_id']).where('op_id', '=', activity.opId).execute();
    expect(receipts).toEqual([{ status: 'applied', user_id: officerUser.id }]);
  });

  it('edits details online: 200 with the case, 409 with the conflicts (other fields applied), 400 for a village outside the commune', async () => {
    const created = await openOnline();
    const ok = await details(created.id, { villageId: { from: null, to: villages.inside }, safetyPlan: { from: null, to: '' }, nextFollowUpOn: { from: null, to: '2026-12-01' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<CaseDetail>()).toMatchObject({ village: { id: villages.inside, name: 'Bản Pjạc' }, safetyPlan: null, nextFollowUpOn: '2026-12-01', version: 2 });

    const clash = await details(created.id, { villageId: { from: null, to: villages.other }, safetyPlan: { from: null, to: 'Gọi cho cán bộ xã khi có chuyện.' } });
    expect(clash.statusCode).toBe(409);
    const error = clash.json<{ error: { code: string; message: string; conflicts: SyncConflictView[] } }>().error;
    expect(error.code).toBe('SYNC_CONFLICT');
    expect(error.message).toContain('Các trường khác đã được ghi');
    expect(error.conflicts).toEqual([expect.objectContaining({ field: 'villageId', baseValue: null, deviceValue: villages.other, serverValue: villages.inside, status: 'open' })]);
    expect(await getCase(created.id)).toMatchObject({ village: { id: villages.inside }, safetyPlan: 'Gọi cho cán bộ xã khi có chuyện.', version: 3 });

    const outside = await details(created.id, { villageId: { from: villages.inside, to: villages.outside } }, 3);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('VILLAGE_NOT_IN_COMMUNE');
    const tooLong = await details(created.id, { safetyPlan: { from: null, to: 'x'.repeat(4001) } }, 3);
    expect(tooLong.statusCode).toBe(400);
    const empty = await details(created.id, {}, 3);
    expect(empty.statusCode).toBe(400);
    expect((await getCase(created.id)).version).toBe(3);

    // The same edit sent again finds the server already at its value: nothing to do, no conflict.
    const same = await details(created.id, { nextFollowUpOn: { from: null, to: '2026-12-01' } });
    expect(same.statusCode).toBe(200);
    expect(same.json<CaseDetail>().version).toBe(3);
    // A closed case refuses edits.
    await t.deps.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', created.id).execute();
    const closed = await details(created.id, { nextFollowUpOn: { from: '2026-12-01', to: '2026-12-05' } }, 3);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('CASE_CLOSED');
    // Leaders read cases but do not edit them.
    expect((await details(created.id, { nextFollowUpOn: { from: '2026-12-01', to: '2026-12-05' } }, 3, leader)).statusCode).toBe(403);
  });

  it('lists no conflicts for a communicator, who works offline on no case', async () => {
    const communicator = await t.signIn(await t.makeUser('communicator', { unitCode: '02176' }));
    const response = await t.inject({ method: 'GET', url: '/api/sync/conflicts', cookie: communicator });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ items: SyncOpResult[] }>().items).toEqual([]);
  });

  it('answers an unexpected failure as failed (INTERNAL) without a receipt and does not try the rest of the batch, which goes through when sent again', async () => {
    const created = await openOnline();
    const before = { followUps: await count('follow_ups'), cases: await count('cases') };
    const encrypt = t.deps.cipher.encrypt.bind(t.deps.cipher);
    const spy = vi.spyOn(t.deps.cipher, 'encrypt').mockImplementation((plain: string) => {
      if (plain.includes('FORCED-FAILURE')) throw new Error('disk went away');
      return encrypt(plain);
    });
    const opened = op('case.open', caseIntake(tranPhu));
    const batch = [
      op('case.follow_up', followUp(), created.id),
      op('case.note', { body: 'FORCED-FAILURE ghi chú' }, created.id),
      op('case.follow_up', followUp(), created.id),
      opened,
      op('case.follow_up', followUp(), opened.opId),
    ];
    let first: SyncOpResult[];
    try {
      first = await sync(officer, batch, deviceA, 'en');
    } finally {
      spy.mockRestore();
    }
    expect(first.map((r) => [r.status, r.code])).toEqual([
      ['applied', null], ['failed', 'INTERNAL'], ['failed', 'SYNC_NOT_PROCESSED'], ['failed', 'SYNC_NOT_PROCESSED'], ['failed', 'SYNC_NOT_PROCESSED'],
    ]);
    expect(first[1]?.message).toBe('Something went wrong on our side. Nothing was saved. Please try again later.');
    expect(first[2]?.message).toContain('will be sent again');
    expect(first[1]?.message).not.toContain('disk');
    // Only the first op holds a receipt; nothing of the others was written.
    const receipts = await t.deps.db.selectFrom('sync_operations').select('op_id').where('op_id', 'in', batch.map((b) => b.opId)).execute();
    expect(receipts.map((r) => r.op_id)).toEqual([batch[0]?.opId]);
    expect({ followUps: await count('follow_ups'), cases: await count('cases') }).toEqual({ followUps: before.followUps + 1, cases: before.cases });
    const audit = await t.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'sync.batch').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ ops: 5, applied: 1, failed: 4 });

    const again = await sync(officer, batch);
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'applied', 'applied', 'applied', 'applied']);
    expect(again[4]?.caseId).toBe(again[3]?.caseId);
    expect({ followUps: await count('follow_ups'), cases: await count('cases') }).toEqual({ followUps: before.followUps + 3, cases: before.cases + 1 });
  });

  it('refuses a batch whose recordedAt is not an ISO instant', async () => {
    const response = await t.inject({ method: 'POST', url: '/api/sync', cookie: officer, payload: { deviceId: deviceA, ops: [{ ...op('case.note', { body: 'x' }, randomUUID()), recordedAt: 'hôm qua' }] } });
    expect(response.statusCode).toBe(400);
    const noOffset = await t.inject({ method: 'POST', url: '/api/sync', cookie: officer, payload: { deviceId: deviceA, ops: [{ ...op('case.note', { body: 'x' }, randomUUID()), recordedAt: '2026-03-01 08:00' }] } });
    expect(noOffset.statusCode).toBe(400);
  });

  it('on a replay says nothing more about a case the user no longer works on, and always finds the op’s open conflicts', async () => {
    const created = await openOnline();
    expect((await details(created.id, { safetyPlan: { from: null, to: 'Kế hoạch trên máy chủ' } })).statusCode).toBe(200);
    const visit = op('case.follow_up', followUp(), created.id);
    const clash = op('case.details', { baseVersion: 1, changes: { safetyPlan: { from: null, to: 'Kế hoạch trên máy' } } }, created.id);
    const first = await sync(officer, [visit, clash]);
    expect(first.map((r) => r.status)).toEqual(['applied', 'conflict']);

    // A crash between the write and the answer's update: the receipt is as the write's transaction left it.
    await t.deps.db.updateTable('sync_operations').set({ status: 'applied', result_json: '{}' }).where('op_id', '=', clash.opId).execute();
    const rebuilt = await sync(officer, [clash]);
    expect(rebuilt[0]).toMatchObject({ status: 'conflict', caseId: created.id, caseCode: created.code, version: 3 });
    expect(rebuilt[0]?.conflicts).toEqual([expect.objectContaining({ opId: clash.opId, field: 'safetyPlan', deviceValue: 'Kế hoạch trên máy', serverValue: 'Kế hoạch trên máy chủ' })]);

    // The case moves to another commune: the replay is done, but without the case's code, version or conflict values.
    await t.deps.db.updateTable('cases').set({ unit_id: neighbour }).where('id', '=', created.id).execute();
    const moved = await sync(officer, [visit, clash]);
    expect(moved).toEqual([
      expect.objectContaining({ status: 'duplicate', caseId: created.id, caseCode: null, version: null, conflicts: [] }),
      expect.objectContaining({ status: 'duplicate', caseId: created.id, caseCode: null, version: null, conflicts: [] }),
    ]);
    expect(JSON.stringify(moved)).not.toContain('Kế hoạch');
    await t.deps.db.updateTable('cases').set({ unit_id: tranPhu }).where('id', '=', created.id).execute();
    expect((await sync(officer, [clash]))[0]?.status).toBe('conflict');
  });

  it('resolving for the device starts from the server value the conflict showed; a newer server change makes a new conflict instead of being overwritten', async () => {
    const created = await openOnline();
    expect((await details(created.id, { safetyPlan: { from: null, to: 'Giá trị A' } })).statusCode).toBe(200);
    const clash = op('case.details', { baseVersion: 1, changes: { safetyPlan: { from: null, to: 'Giá trị B' } } }, created.id);
    const [result] = await sync(officer, [clash]);
    const old = result?.conflicts[0] as SyncConflictView;
    expect(old).toMatchObject({ serverValue: 'Giá trị A', deviceValue: 'Giá trị B' });
    // Someone changes the field again after the conflict was shown.
    expect((await details(created.id, { safetyPlan: { from: 'Giá trị A', to: 'Giá trị C' } }, 2, colleague)).statusCode).toBe(200);
    const version = (await getCase(created.id)).version;

    const resolve = (id: string, cookie = officer) => t.inject({ method: 'POST', url: `/api/sync/conflicts/${id}/resolve`, cookie, payload: { choice: 'device' } });
    const refused = await resolve(old.id);
    expect(refused.statusCode).toBe(409);
    const error = refused.json<{ error: { code: string; conflicts: SyncConflictView[] } }>().error;
    expect(error.code).toBe('SYNC_CONFLICT');
    expect(error.conflicts).toEqual([expect.objectContaining({ opId: clash.opId, field: 'safetyPlan', baseValue: 'Giá trị A', deviceValue: 'Giá trị B', serverValue: 'Giá trị C', status: 'open', resolution: null })]);
    const replacement = error.conflicts[0] as SyncConflictView;
    expect(replacement.id).not.toBe(old.id);
    // Nothing overwritten; the old conflict is closed as replaced (resolved, no resolution); only the new one is open.
    expect(await getCase(created.id)).toMatchObject({ safetyPlan: 'Giá trị C', version });
    expect(await t.deps.db.selectFrom('sync_conflicts').select(['status', 'resolution']).where('id', '=', old.id).executeTakeFirstOrThrow()).toEqual({ status: 'resolved', resolution: null });
    const open = (await t.inject({ method: 'GET', url: `/api/sync/conflicts?caseId=${created.id}`, cookie: officer })).json<{ items: SyncConflictView[] }>().items;
    expect(open.map((c) => c.id)).toEqual([replacement.id]);
    expect((await resolve(old.id)).json().error.code).toBe('SYNC_CONFLICT_RESOLVED');
    // The device's replay of its op shows the conflict that replaced the old one.
    expect((await sync(officer, [clash]))[0]?.conflicts.map((c) => c.id)).toEqual([replacement.id]);

    // Resolved with nothing changed in between, the device's value applies.
    const ok = await resolve(replacement.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<SyncConflictView>()).toMatchObject({ status: 'resolved', resolution: 'device' });
    expect(await getCase(created.id)).toMatchObject({ safetyPlan: 'Giá trị B', version: version + 1 });
  });

  it('an online write sent with X-Client-Op-Id writes the receipt: the queued copy answers duplicate, the online request sent again 409', async () => {
    const created = await openOnline();
    const opId = randomUUID();
    const device = randomUUID();
    const online = (cookie = officer, id: string = opId) => t.inject({ method: 'POST', url: `/api/cases/${created.id}/follow-ups`, cookie, payload: followUp(), headers: { 'x-client-op-id': id, 'x-device-id': device } });
    const first = await online();
    expect(first.statusCode, first.body).toBe(201);
    expect(await t.deps.db.selectFrom('sync_operations').select(['user_id', 'device_id', 'kind', 'case_id']).where('op_id', '=', opId).executeTakeFirstOrThrow())
      .toEqual({ user_id: officerUser.id, device_id: device, kind: 'case.follow_up', case_id: created.id });
    const audited = await t.deps.db.selectFrom('audit_log').select('details').where('action', '=', 'case.follow_up').where('resource_id', '=', created.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audited.details)).toMatchObject({ clientOpId: opId });
    expect(JSON.parse(audited.details)).not.toHaveProperty('viaSync');
    const queued = await sync(officer, [op('case.follow_up', followUp(), created.id, opId)]);
    expect(queued[0]).toMatchObject({ status: 'duplicate', caseId: created.id, caseCode: created.code, version: 2 });
    expect((await footprint(created.id)).followUps).toBe(1);

    const again = await online();
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'SYNC_ALREADY_APPLIED', message: expect.stringContaining('đã được ghi trên máy chủ') });
    const taken = await online(colleague);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('SYNC_OP_ID_TAKEN');
    expect((await footprint(created.id)).followUps).toBe(1);
    // An id that is not a UUID is ignored; the write goes through as an ordinary online write.
    const plain = await online(officer, 'not-a-uuid');
    expect(plain.statusCode).toBe(201);
    expect((await footprint(created.id)).followUps).toBe(2);

    // Opening a case online with the header: the queued case.open answers duplicate with the same case.
    const intakeOp = randomUUID();
    const cases = await count('cases');
    const opened = await t.inject({ method: 'POST', url: '/api/cases', cookie: officer, payload: caseIntake(tranPhu), headers: { 'x-client-op-id': intakeOp } });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json<CaseDetail>().id;
    expect(await t.deps.db.selectFrom('sync_operations').select(['device_id', 'case_id']).where('op_id', '=', intakeOp).executeTakeFirstOrThrow()).toEqual({ device_id: NO_DEVICE, case_id: caseId });
    const synced = await sync(officer, [op('case.open', caseIntake(tranPhu), undefined, intakeOp), op('case.follow_up', followUp(), intakeOp)]);
    expect(synced.map((r) => [r.status, r.caseId])).toEqual([['duplicate', caseId], ['applied', caseId]]);
    expect(await count('cases')).toBe(cases + 1);
    const reopen = await t.inject({ method: 'POST', url: '/api/cases', cookie: officer, payload: caseIntake(tranPhu), headers: { 'x-client-op-id': intakeOp } });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().error.code).toBe('SYNC_ALREADY_APPLIED');
    expect(await count('cases')).toBe(cases + 1);

    // An activity recorded online with the header: the queued copy answers with the activity's id.
    const activityOp = randomUUID();
    const activities = await count('outreach_activities');
    const saved = await t.inject({ method: 'POST', url: '/api/outreach/activities', cookie: officer, payload: activityBody(tranPhu), headers: { 'x-client-op-id': activityOp } });
    expect(saved.statusCode, saved.body).toBe(201);
    const recordId = saved.json<{ activity: { id: string } }>().activity.id;
    expect((await sync(officer, [op('outreach.activity', activityBody(tranPhu), undefined, activityOp)]))[0]).toMatchObject({ status: 'duplicate', recordId });
    expect(await count('outreach_activities')).toBe(activities + 1);

    // A details edit online with the header: its conflict belongs to the op, and the queued copy answers it.
    const detailsOp = randomUUID();
    expect((await details(created.id, { safetyPlan: { from: null, to: 'Kế hoạch một' } }, 2)).statusCode).toBe(200);
    const clash = await t.inject({ method: 'PATCH', url: `/api/cases/${created.id}/details`, cookie: officer, payload: { baseVersion: 2, changes: { safetyPlan: { from: null, to: 'Kế hoạch hai' } } }, headers: { 'x-client-op-id': detailsOp } });
    expect(clash.statusCode).toBe(409);
    const queuedDetails = await sync(officer, [op('case.details', { baseVersion: 2, changes: { safetyPlan: { from: null, to: 'Kế hoạch hai' } } }, created.id, detailsOp)]);
    expect(queuedDetails[0]).toMatchObject({ status: 'conflict', conflicts: [expect.objectContaining({ opId: detailsOp, deviceValue: 'Kế hoạch hai' })] });
    expect(await t.deps.db.selectFrom('sync_conflicts').select('id').where('op_id', '=', detailsOp).execute()).toHaveLength(1);
  });

  it('accepts a sync batch beyond the 1 MB other routes accept', async () => {
    const big = 'Lời kể dài của chị ở bản. '.repeat(800);
    const ops = Array.from({ length: 100 }, () => op('case.note', { body: big }, randomUUID()));
    const size = JSON.stringify({ deviceId: deviceA, ops }).length;
    expect(size).toBeGreaterThan(2 * 1024 * 1024);
    const results = await sync(officer, ops);
    expect(results).toHaveLength(100);
    expect(new Set(results.map((r) => r.code))).toEqual(new Set(['SYNC_CASE_NOT_FOUND']));
    const created = await openOnline();
    const note = await t.inject({ method: 'POST', url: `/api/cases/${created.id}/notes`, cookie: officer, payload: { body: 'x'.repeat(1024 * 1024 + 10) } });
    expect(note.statusCode).toBe(413);
  });
});
