// The staff side of community reports: filing from the staff app, the queue of one's area with its
// order and alerts, the audited report page, and triage — a case opened with the detection source set,
// a link to a case, a close with a reason — each all-or-nothing, and who may see what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDetail, ReportList } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp, type TestUser } from '../../test/test-app.js';
import { caseIntake } from '../../test/factories.js';
import { newId } from '../../lib/ids.js';
import { seedDemo } from '../../db/seed-demo.js';
import { seedDemoCommunityReports } from '../../db/seed-demo-community-reports.js';

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describe.each(DATABASES)('community reports on %s', (kind) => {
  let t: TestApp;
  let tranPhu: string;
  let otherCommune: string;
  let officer: TestUser;
  let otherOfficer: TestUser;
  let focal: TestUser;
  let communicator: TestUser;
  let otherCommunicator: TestUser;
  const cookies = new Map<string, string>();

  const as = async (user: TestUser) => {
    const cached = cookies.get(user.id);
    if (cached) return cached;
    const cookie = await t.signIn(user);
    cookies.set(user.id, cookie);
    return cookie;
  };
  const file = async (user: TestUser, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url: '/api/community-reports', cookie: await as(user), payload, headers });
  const report = (over: Record<string, unknown> = {}) => ({ unitId: tranPhu, concerns: ['beating'], description: 'Chồng đánh vợ tối qua.', occurredWhen: 'today', inDangerNow: 'no', childInvolved: 'no', ...over });
  const count = async (table: 'cases' | 'community_reports') => Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const queue = async (user: TestUser, query = '') => {
    const response = await t.inject({ method: 'GET', url: `/api/community-reports${query}`, cookie: await as(user) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ReportList>();
  };
  const detail = async (user: TestUser, id: string) => t.inject({ method: 'GET', url: `/api/community-reports/${id}`, cookie: await as(user) });

  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [] });
    tranPhu = await t.unitId('02176');
    otherCommune = await t.unitId('02155');
    officer = await t.makeUser('commune_officer');
    otherOfficer = await t.makeUser('commune_officer', { unitCode: '02155' });
    focal = await t.makeUser('district_focal_point');
    communicator = await t.makeUser('communicator', { unitCode: '02176' });
    otherCommunicator = await t.makeUser('communicator', { unitCode: '02176' });
  });
  afterAll(async () => t.close());

  it('takes a report to a case: filed, queued, read, opened as a case with the detection source set and the time to triage', async () => {
    const filed = await file(communicator, report({ reporterRelation: 'neighbour', contact: { phone: '0912 345 678', ways: ['sms'], safeTime: 'sáng' } }));
    expect(filed.statusCode, filed.body).toBe(201);
    const receipt = filed.json<{ id: string; reference: string; status: string }>();
    expect(receipt.reference).toMatch(/^[A-HJ-KMNP-Z2-9]{4}-[A-HJ-KMNP-Z2-9]{4}$/);
    expect(receipt.status).toBe('new');

    const listed = await queue(officer);
    const item = listed.items.find((i) => i.id === receipt.id);
    expect(item).toMatchObject({ channel: 'staff', status: 'new', hasContact: true, concerns: ['beating'], triagedAt: null, case: null });
    expect(item?.waitingMinutes).toBe(0);
    // The list never carries the words or the contact.
    expect(JSON.stringify(listed)).not.toContain('Chồng đánh');
    expect(JSON.stringify(listed)).not.toContain('0912');

    const page = await detail(officer, receipt.id);
    expect(page.statusCode).toBe(200);
    const body = page.json<ReportDetail>();
    expect(body).toMatchObject({ description: 'Chồng đánh vợ tối qua.', reporterRelation: 'neighbour', suggestedDetectionSource: 'neighbour', contact: { phone: '0912 345 678', ways: ['sms'] } });
    expect(body.submittedBy?.id).toBe(communicator.id);
    const viewed = await t.deps.db.selectFrom('audit_log').select('action').where('resource_id', '=', receipt.id).execute();
    expect(viewed.map((v) => v.action)).toEqual(expect.arrayContaining(['community_report.create', 'community_report.view']));

    // The report came in 47 minutes before the officer triages it.
    const receivedAt = new Date(Date.now() - 47 * 60_000 - 5_000).toISOString();
    await t.deps.db.updateTable('community_reports').set({ received_at: receivedAt }).where('id', '=', receipt.id).execute();
    const intake = caseIntake(tranPhu, { detectionSource: body.suggestedDetectionSource, detectedAt: receivedAt });
    const opened = await t.inject({ method: 'POST', url: `/api/community-reports/${receipt.id}/open-case`, cookie: await as(officer), payload: intake });
    expect(opened.statusCode, opened.body).toBe(201);
    const created = opened.json<{ id: string; code: string; detectionSource: string }>();
    expect(created.detectionSource).toBe('neighbour');

    const after = (await detail(officer, receipt.id)).json<ReportDetail>();
    expect(after).toMatchObject({ status: 'case_opened', case: { id: created.id, code: created.code }, triage: { outcome: 'case_opened', by: { id: officer.id } } });
    expect(after.triageMinutes).toBe(47);
    expect(after.waitingMinutes).toBeNull();
    const timeline = await t.inject({ method: 'GET', url: `/api/cases/${created.id}/timeline`, cookie: await as(officer) });
    expect(timeline.json<{ items: Array<{ kind: string; details: Record<string, unknown> }> }>().items.find((e) => e.kind === 'community_report_linked')?.details).toMatchObject({ reference: receipt.reference, outcome: 'case_opened' });

    // The communicator sees where their report stands, never the case behind it.
    const mine = await t.inject({ method: 'GET', url: '/api/community-reports/mine', cookie: await as(communicator) });
    const own = mine.json<{ items: Array<Record<string, unknown>> }>().items.find((i) => i.id === receipt.id);
    expect(own).toMatchObject({ status: 'case_opened', reference: receipt.reference });
    expect(JSON.stringify(own)).not.toContain(created.code);
    expect(own).not.toHaveProperty('case');
    expect(own).not.toHaveProperty('description');

    // Triage happens once: a second attempt writes nothing.
    const cases = await count('cases');
    const again = await t.inject({ method: 'POST', url: `/api/community-reports/${receipt.id}/open-case`, cookie: await as(focal), payload: caseIntake(tranPhu) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('REPORT_ALREADY_TRIAGED');
    expect(await count('cases')).toBe(cases);
  });

  it('opens one case only when two officers triage the same report at once', async () => {
    const id = (await file(officer, report())).json<{ id: string }>().id;
    const cases = await count('cases');
    const [a, b] = await Promise.all([
      t.inject({ method: 'POST', url: `/api/community-reports/${id}/open-case`, cookie: await as(officer), payload: caseIntake(tranPhu) }),
      t.inject({ method: 'POST', url: `/api/community-reports/${id}/open-case`, cookie: await as(focal), payload: caseIntake(tranPhu) }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(await count('cases')).toBe(cases + 1);
  });

  it('answers a resent open-case (same Idempotency-Key) with the case it already opened', async () => {
    const id = (await file(officer, report())).json<{ id: string }>().id;
    const cases = await count('cases');
    const key = `draft-${newId()}`;
    // The same draft, byte for byte: a key sent with another body is refused (see cases/retries.test.ts).
    const draft = caseIntake(tranPhu);
    const send = async () => t.inject({ method: 'POST', url: `/api/community-reports/${id}/open-case`, cookie: await as(officer), payload: draft, headers: { 'idempotency-key': key } });
    const first = await send();
    const second = await send();
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(await count('cases')).toBe(cases + 1);
    // The same key sent for another report (a reused draft) opens that report's own case, not an error.
    const other = (await file(officer, report())).json<{ id: string }>().id;
    const third = await t.inject({ method: 'POST', url: `/api/community-reports/${other}/open-case`, cookie: await as(officer), payload: caseIntake(tranPhu), headers: { 'idempotency-key': key } });
    expect(third.statusCode, third.body).toBe(201);
    expect(third.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
    expect((await detail(officer, other)).json<ReportDetail>().case?.id).toBe(third.json<{ id: string }>().id);
  });

  it('writes nothing when the case cannot be opened: the report stays new', async () => {
    const id = (await file(officer, report())).json<{ id: string }>().id;
    const cases = await count('cases');
    const bad = await t.inject({ method: 'POST', url: `/api/community-reports/${id}/open-case`, cookie: await as(officer), payload: { ...caseIntake(tranPhu), detectedAt: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(bad.statusCode).toBe(400);
    const outside = await t.inject({ method: 'POST', url: `/api/community-reports/${id}/open-case`, cookie: await as(officer), payload: caseIntake(otherCommune) });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.issues[0]).toMatchObject({ path: 'unitId' });
    expect(await count('cases')).toBe(cases);
    expect((await detail(officer, id)).json<ReportDetail>().status).toBe('new');
  });

  it('links a report to a case of my area, and refuses a case outside it', async () => {
    const caseId = (await t.inject({ method: 'POST', url: '/api/cases', cookie: await as(officer), payload: caseIntake(tranPhu) })).json<{ id: string }>().id;
    const elsewhere = (await t.inject({ method: 'POST', url: '/api/cases', cookie: await as(otherOfficer), payload: caseIntake(otherCommune) })).json<{ id: string }>().id;
    const id = (await file(officer, report())).json<{ id: string }>().id;
    const refused = await t.inject({ method: 'POST', url: `/api/community-reports/${id}/link`, cookie: await as(officer), payload: { caseId: elsewhere } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues[0]).toMatchObject({ path: 'caseId' });
    const linked = await t.inject({ method: 'POST', url: `/api/community-reports/${id}/link`, cookie: await as(officer), payload: { caseId, note: 'Cùng vụ việc' } });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json<ReportDetail>()).toMatchObject({ status: 'linked', case: { id: caseId }, triage: { outcome: 'linked', note: 'Cùng vụ việc' } });
  });

  it('closes a report with a reason, asking for a note where the reason needs one', async () => {
    const id = (await file(officer, report())).json<{ id: string }>().id;
    const noNote = await t.inject({ method: 'POST', url: `/api/community-reports/${id}/close`, cookie: await as(officer), payload: { reason: 'other' } });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.issues).toEqual([{ path: 'note', message: 'Hãy ghi rõ lý do đóng tin báo.' }]);
    const closed = await t.inject({ method: 'POST', url: `/api/community-reports/${id}/close`, cookie: await as(officer), payload: { reason: 'not_genuine' } });
    expect(closed.statusCode).toBe(200);
    expect(closed.json<ReportDetail>()).toMatchObject({ status: 'closed', triage: { outcome: 'closed', closeReason: 'not_genuine' } });
    expect((await queue(officer, '?status=closed')).items.map((i) => i.id)).toContain(id);
    expect((await queue(officer)).items.map((i) => i.id)).not.toContain(id);
  });

  it('orders the queue: in danger now first, then a child, then newest; alerts list the urgent ones until triaged', async () => {
    const fresh = await createTestApp(kind, { totpRoles: [] });
    try {
      const unit = await fresh.unitId('02176');
      const worker = await fresh.makeUser('commune_officer');
      const cookie = await fresh.signIn(worker);
      const ids: Record<string, string> = {};
      for (const [name, over] of [['plain-old', {}], ['child', { childInvolved: 'yes' }], ['danger', { inDangerNow: 'yes' }], ['plain-new', {}]] as const) {
        const response = await fresh.inject({ method: 'POST', url: '/api/community-reports', cookie, payload: { ...report(over), unitId: unit } });
        ids[name] = response.json<{ id: string }>().id;
      }
      const list = (await fresh.inject({ method: 'GET', url: '/api/community-reports', cookie })).json<ReportList>();
      expect(list.items.map((i) => i.id)).toEqual([ids.danger, ids.child, ids['plain-new'], ids['plain-old']]);
      expect(list.counts).toEqual({ new: 4, newInDanger: 1, newChild: 1 });
      const urgent = (await fresh.inject({ method: 'GET', url: '/api/community-reports?urgent=true', cookie })).json<ReportList>();
      expect(urgent.items.map((i) => i.id)).toEqual([ids.danger, ids.child]);
      const alerts = (await fresh.inject({ method: 'GET', url: '/api/community-reports/alerts', cookie })).json<{ items: Array<{ kind: string; reportId: string }> }>();
      expect(alerts.items.map((a) => [a.kind, a.reportId])).toEqual([['in_danger', ids.danger], ['child', ids.child]]);
      await fresh.inject({ method: 'POST', url: `/api/community-reports/${ids.danger}/close`, cookie, payload: { reason: 'already_handled' } });
      const later = (await fresh.inject({ method: 'GET', url: '/api/community-reports/alerts', cookie })).json<{ items: Array<{ reportId: string }> }>();
      expect(later.items.map((a) => a.reportId)).toEqual([ids.child]);
      const byReference = (await fresh.inject({ method: 'GET', url: `/api/community-reports?status=all&reference=${encodeURIComponent(list.items[2]?.reference.toLowerCase().replace('-', ' ') ?? '')}`, cookie })).json<ReportList>();
      expect(byReference.items.map((i) => i.id)).toEqual([ids['plain-new']]);
    } finally {
      await fresh.close();
    }
  });

  it('shows a commune officer only their commune, the district focal point every commune', async () => {
    const id = (await file(otherOfficer, report({ unitId: otherCommune }))).json<{ id: string }>().id;
    expect((await queue(officer, '?status=all')).items.map((i) => i.id)).not.toContain(id);
    expect((await queue(otherOfficer)).items.map((i) => i.id)).toContain(id);
    expect((await queue(focal)).items.map((i) => i.id)).toContain(id);
    const foreign = await detail(officer, id);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('UNIT_OUT_OF_SCOPE');
    expect((await t.inject({ method: 'POST', url: `/api/community-reports/${id}/close`, cookie: await as(officer), payload: { reason: 'not_violence' } })).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: `/api/community-reports?unitId=${otherCommune}`, cookie: await as(officer) })).statusCode).toBe(403);
    expect((await detail(focal, newId())).statusCode).toBe(404);
  });

  it('lets a communicator file and follow their own reports, but not read the queue, a report or another’s submissions', async () => {
    const mine = (await file(communicator, report())).json<{ id: string }>().id;
    const theirs = (await file(otherCommunicator, report())).json<{ id: string }>().id;
    const list = (await t.inject({ method: 'GET', url: '/api/community-reports/mine', cookie: await as(communicator) })).json<{ items: Array<{ id: string }> }>();
    expect(list.items.map((i) => i.id)).toContain(mine);
    expect(list.items.map((i) => i.id)).not.toContain(theirs);
    for (const url of ['/api/community-reports', '/api/community-reports/alerts', `/api/community-reports/${theirs}`, `/api/community-reports/${mine}`]) {
      const response = await t.inject({ method: 'GET', url, cookie: await as(communicator) });
      expect(response.statusCode, url).toBe(403);
    }
    const triage = await t.inject({ method: 'POST', url: `/api/community-reports/${mine}/close`, cookie: await as(communicator), payload: { reason: 'not_violence' } });
    expect(triage.statusCode).toBe(403);
  });

  it('stores and returns script tags in every text field as plain text', async () => {
    const filed = await file(officer, report({ description: XSS, placeNote: XSS, contact: { name: XSS, safeTime: XSS, note: XSS, ways: [] } }));
    expect(filed.statusCode, filed.body).toBe(201);
    const body = (await detail(officer, filed.json<{ id: string }>().id)).json<ReportDetail>();
    expect(body.description).toBe(XSS);
    expect(body.placeNote).toBe(XSS);
    expect(body.contact).toMatchObject({ name: XSS, safeTime: XSS, note: XSS });
  });

  it('explains bad reports — unknown commune, village elsewhere, empty, oversized, phone missing — and stores none', async () => {
    const before = await count('community_reports');
    const unknown = await file(officer, report({ unitId: newId() }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues).toEqual([{ path: 'unitId', message: 'Đơn vị hành chính không tồn tại.' }]);
    // A commune that no longer exists since the 2025 merger is not a place to report to.
    const former = await t.deps.db.selectFrom('admin_units').select('id').where('kind', '=', 'commune').where('valid_to', 'is not', null).executeTakeFirstOrThrow();
    const merged = await file(officer, report({ unitId: former.id }));
    expect(merged.json().error.issues).toEqual([{ path: 'unitId', message: 'Đơn vị hành chính không tồn tại.' }]);
    const village = await file(officer, report({ villageId: otherCommune }));
    expect(village.json().error.issues[0]).toMatchObject({ path: 'villageId' });
    const empty = await file(officer, report({ concerns: [], description: '  ' }));
    expect(empty.json().error.issues).toEqual([{ path: 'concerns', message: 'Hãy chọn ít nhất một việc đã xảy ra, hoặc viết vài dòng mô tả.' }]);
    const long = await file(officer, report({ description: 'x'.repeat(3001) }));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.issues[0]).toMatchObject({ path: 'description' });
    const phone = await t.inject({ method: 'POST', url: '/api/community-reports', cookie: await as(officer), headers: { 'accept-language': 'en' }, payload: report({ contact: { ways: ['phone_call'] } }) });
    expect(phone.json().error.issues).toEqual([{ path: 'contact.phone', message: 'To be called or sent a message, write a phone number.' }]);
    const unknownField = await file(officer, { ...report(), caseId: newId() });
    expect(unknownField.statusCode).toBe(400);
    // Far less than the 1 MiB other routes accept: the longest valid report is a few tens of kilobytes.
    const huge = await file(officer, report({ description: 'x'.repeat(100 * 1024) }));
    expect(huge.statusCode).toBe(413);
    expect(await count('community_reports')).toBe(before);
  });

  it('files one report for a form sent twice with the same Idempotency-Key', async () => {
    const key = `k-${newId()}`;
    const first = await file(officer, report(), { 'idempotency-key': key });
    const second = await file(officer, report(), { 'idempotency-key': key });
    expect(second.statusCode).toBe(201);
    expect(second.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
  });

  it('limits how many reports one staff member files in an hour', async () => {
    const busy = await t.makeUser('communicator', { unitCode: '02176' });
    let last = 0;
    for (let i = 0; i < 61; i += 1) last = (await file(busy, report())).statusCode;
    expect(last).toBe(429);
  });
});

describe.each(DATABASES)('demo community reports on %s', (kind) => {
  it('fills the queue and the public page with labelled demo data', async () => {
    const t = await createTestApp(kind, { totpRoles: [] });
    try {
      const accounts = await seedDemo(t.deps);
      const made = await seedDemoCommunityReports(t.deps);
      expect(made).toEqual({ reports: 5, providers: 3 });
      const focal = accounts.find((a) => a.role === 'district_focal_point') as { username: string; password: string };
      const login = await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username: focal.username, password: focal.password } });
      expect(login.statusCode, login.body).toBe(200);
      const cookie = login.cookies.find((c) => c.name.endsWith('binhan_session'))?.value ?? null;
      const list = (await t.inject({ method: 'GET', url: '/api/community-reports', cookie })).json<ReportList>();
      expect(list.counts).toEqual({ new: 4, newInDanger: 1, newChild: 2 });
      expect(list.items[0]?.waitingMinutes).toBe(30);
      const page = await t.inject({ method: 'GET', url: '/' });
      expect(page.body).toContain('Trạm y tế xã Trần Phú (mẫu)');
    } finally {
      await t.close();
    }
  });
});
