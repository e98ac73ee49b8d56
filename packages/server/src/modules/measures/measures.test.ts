import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, TimelineEntry } from '@binhan/domain';
import { setClockOffset } from '../../lib/clock.js';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { caseIntake, HOUR } from '../../test/factories.js';
import type { FollowUpView, MeasureView } from './service.js';

const iso = (ms: number) => new Date(ms).toISOString();

const intake = (unitId: string, phone: string) =>
  caseIntake(unitId, { detectionSource: 'neighbour', survivor: { fullName: 'Hoàng Thị Thu', dateOfBirth: '1988-06-02', phone } });

describe.each(DATABASES)('protection measures and follow-ups on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let tranPhu: string;
  let phones = 0;
  beforeAll(async () => {
    t = await createTestApp(kind);
    tranPhu = await t.unitId('02176');
    officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
  });
  afterAll(async () => t.close());
  afterEach(() => setClockOffset(0));

  const openCase = async () => {
    phones += 1;
    const response = await t.inject({ method: 'POST', url: '/api/cases', cookie: officer, payload: intake(tranPhu, `09123400${String(phones).padStart(2, '0')}`) });
    expect(response.statusCode).toBe(201);
    return response.json<CaseDetail>();
  };
  const measures = (caseId: string, cookie = officer) => t.inject({ method: 'GET', url: `/api/cases/${caseId}/measures`, cookie });
  const addMeasure = (caseId: string, payload: object, cookie = officer) => t.inject({ method: 'POST', url: `/api/cases/${caseId}/measures`, cookie, payload });
  const moveMeasure = (caseId: string, measureId: string, payload: object, cookie = officer) =>
    t.inject({ method: 'PATCH', url: `/api/cases/${caseId}/measures/${measureId}`, cookie, payload });
  const addFollowUp = (caseId: string, payload: object, cookie = officer) => t.inject({ method: 'POST', url: `/api/cases/${caseId}/follow-ups`, cookie, payload });
  const version = async (caseId: string) => (await t.inject({ method: 'GET', url: `/api/cases/${caseId}`, cookie: officer })).json<CaseDetail>().version;
  const timeline = async (caseId: string) => (await t.inject({ method: 'GET', url: `/api/cases/${caseId}/timeline`, cookie: officer })).json<{ items: TimelineEntry[] }>().items;
  /** Everything a write touches, to show that a refusal leaves no trace. */
  const footprint = async (caseId: string) => ({
    measures: (await t.deps.db.selectFrom('protection_measures').select(['id', 'status', 'decided_at', 'starts_at', 'ends_at']).where('case_id', '=', caseId).orderBy('id').execute()),
    followUps: (await t.deps.db.selectFrom('follow_ups').select('id').where('case_id', '=', caseId).execute()).length,
    events: (await t.deps.db.selectFrom('case_events').select('id').where('case_id', '=', caseId).execute()).length,
    audits: (await t.deps.db.selectFrom('audit_log').select('seq').where('resource_id', '=', caseId).where('action', 'like', 'case.%').where('action', '!=', 'case.view').execute()).length,
    version: Number((await t.deps.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version),
  });
  const chairmanOrder = (startsAt: number, hours: number, extra: object = {}) => ({
    type: 'no_contact', issuer: 'commune_chairman', decisionNumber: '15/QĐ-UBND', startsAt: iso(startsAt), endsAt: iso(startsAt + hours * HOUR), ...extra,
  });

  it('accepts a commune chairman’s no-contact order of 3 days and refuses one of 4 days on its end, writing nothing', async () => {
    const created = await openCase();
    const start = Date.now() - HOUR;
    const accepted = await addMeasure(created.id, chairmanOrder(start, 72, { decidedAt: iso(start), note: 'Chồng đã được thông báo quyết định.' }));
    expect(accepted.statusCode).toBe(201);
    const [order] = accepted.json<{ items: MeasureView[] }>().items;
    expect(order).toMatchObject({
      type: 'no_contact', issuer: 'commune_chairman', status: 'in_effect', isActive: true, decisionNumber: '15/QĐ-UBND',
      expiresAt: iso(start + 72 * HOUR), decisionDueAt: null, note: 'Chồng đã được thông báo quyết định.', allowedTransitions: ['ended', 'revoked', 'breached'],
    });
    expect(order?.createdBy?.id).toBeDefined();
    // The note is stored encrypted, on the measure and on the timeline.
    const stored = JSON.stringify(await t.deps.db.selectFrom('protection_measures').selectAll().execute()) + JSON.stringify(await t.deps.db.selectFrom('case_events').selectAll().execute());
    expect(stored).not.toContain('thông báo');
    expect((await timeline(created.id))[0]).toMatchObject({ kind: 'measure', note: 'Chồng đã được thông báo quyết định.', details: { measureId: order?.id, type: 'no_contact' } });
    expect(await version(created.id)).toBe(created.version + 1);

    const before = await footprint(created.id);
    const tooLong = await addMeasure(created.id, chairmanOrder(start, 96));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.issues).toEqual([{ path: 'endsAt', message: 'thời hạn vượt quá mức tối đa pháp luật cho phép cho cấp quyết định này' }]);
    const english = await t.inject({ method: 'POST', url: `/api/cases/${created.id}/measures`, cookie: officer, payload: chairmanOrder(start, 96), headers: { 'accept-language': 'en' } });
    expect(english.json().error.issues).toEqual([{ path: 'endsAt', message: 'the term is longer than the law allows this authority to set' }]);
    // Only the chairman and a court may order no contact; a court may set up to 4 months.
    const byPolice = await addMeasure(created.id, { ...chairmanOrder(start, 24), issuer: 'commune_police' });
    expect(byPolice.json().error.issues[0].path).toBe('issuer');
    const noEnd = await addMeasure(created.id, { type: 'no_contact', issuer: 'commune_chairman', startsAt: iso(start) });
    expect(noEnd.json().error.issues[0].path).toBe('endsAt');
    const future = await addMeasure(created.id, chairmanOrder(Date.now() + 2 * HOUR, 24, { decidedAt: iso(Date.now() + 2 * HOUR) }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.issues[0].path).toBe('decidedAt');
    expect(await footprint(created.id)).toEqual(before);

    const court = await addMeasure(created.id, { type: 'no_contact', issuer: 'court', startsAt: iso(start), endsAt: iso(start + 100 * 24 * HOUR) });
    expect(court.statusCode).toBe(201);
    expect(court.json<{ items: MeasureView[] }>().items).toHaveLength(2);
  });

  it('shows a requested chairman’s order as due for decision 12 hours after the request, and moves it through its statuses', async () => {
    const created = await openCase();
    const requestedAt = Date.now() - 2 * HOUR;
    const requested = await addMeasure(created.id, chairmanOrder(requestedAt, 72, { status: 'requested', requestedAt: iso(requestedAt) }));
    expect(requested.statusCode).toBe(201);
    const [order] = requested.json<{ items: MeasureView[] }>().items;
    expect(order).toMatchObject({ status: 'requested', isActive: false, requestedAt: iso(requestedAt), decisionDueAt: iso(requestedAt + 12 * HOUR), expiresAt: null, allowedTransitions: ['in_effect', 'revoked'] });
    const id = order?.id as string;

    // A request recorded without its time is dated when it is recorded.
    const undated = await addMeasure(created.id, chairmanOrder(Date.now(), 48, { status: 'requested' }));
    const recorded = undated.json<{ items: MeasureView[] }>().items.find((m) => m.id !== id);
    expect(Date.parse(recorded?.decisionDueAt as string) - Date.parse(recorded?.requestedAt as string)).toBe(12 * HOUR);
    // Other measures have no legal deadline for the decision.
    const shelter = await addMeasure(created.id, { type: 'shelter_and_essential_needs', issuer: 'service_provider', status: 'requested', startsAt: iso(Date.now()) });
    expect(shelter.json<{ items: MeasureView[] }>().items.find((m) => m.type === 'shelter_and_essential_needs')?.decisionDueAt).toBeNull();

    const before = await footprint(created.id);
    const ended = await moveMeasure(created.id, id, { status: 'ended' });
    expect(ended.statusCode).toBe(409);
    expect(ended.json().error.code).toBe('MEASURE_TRANSITION_INVALID');
    const undecided = await moveMeasure(created.id, id, { status: 'in_effect' });
    expect(undecided.statusCode).toBe(400);
    expect(undecided.json().error.issues).toEqual([{ path: 'decidedAt', message: expect.any(String) }]);
    const decidedAt = requestedAt + HOUR;
    const startsEarly = await moveMeasure(created.id, id, { status: 'in_effect', decidedAt: iso(decidedAt) });
    expect(startsEarly.json().error.issues[0]).toMatchObject({ path: 'startsAt', message: 'biện pháp không được bắt đầu trước khi có quyết định' });
    const tooLong = await moveMeasure(created.id, id, { status: 'in_effect', decidedAt: iso(decidedAt), startsAt: iso(decidedAt), endsAt: iso(decidedAt + 73 * HOUR) });
    expect(tooLong.json().error.issues[0].path).toBe('endsAt');
    const backToRequest = await moveMeasure(created.id, id, { status: 'requested' });
    expect(backToRequest.statusCode).toBe(400);
    expect(await footprint(created.id)).toEqual(before);

    const decided = await moveMeasure(created.id, id, { status: 'in_effect', decidedAt: iso(decidedAt), startsAt: iso(decidedAt), endsAt: iso(decidedAt + 72 * HOUR), decisionNumber: '16/QĐ-UBND' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json<{ items: MeasureView[] }>().items.find((m) => m.id === id)).toMatchObject({
      status: 'in_effect', isActive: true, decidedAt: iso(decidedAt), decisionNumber: '16/QĐ-UBND', decisionDueAt: null, expiresAt: iso(decidedAt + 72 * HOUR),
    });
    const breached = await moveMeasure(created.id, id, { status: 'breached', note: 'Chồng quay về nhà tối qua.' });
    expect(breached.json<{ items: MeasureView[] }>().items.find((m) => m.id === id)).toMatchObject({ status: 'breached', isActive: true });
    const termOnBreach = await moveMeasure(created.id, id, { status: 'ended', endsAt: iso(Date.now()) });
    expect(termOnBreach.statusCode).toBe(400);
    const over = await moveMeasure(created.id, id, { status: 'ended' });
    expect(over.json<{ items: MeasureView[] }>().items.find((m) => m.id === id)).toMatchObject({ status: 'ended', isActive: false, expiresAt: null, allowedTransitions: [] });
    expect((await moveMeasure(created.id, id, { status: 'in_effect', decidedAt: iso(decidedAt) })).statusCode).toBe(409);

    const events = (await timeline(created.id)).filter((e) => e.kind === 'measure_status');
    expect(events.map((e) => [e.details.from, e.details.to])).toEqual([['breached', 'ended'], ['in_effect', 'breached'], ['requested', 'in_effect']]);
    expect(events[1]?.note).toBe('Chồng quay về nhà tối qua.');
    const audits = await t.deps.db.selectFrom('audit_log').select('action').where('resource_id', '=', created.id).where('action', 'like', 'case.measure%').execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['case.measure_add', 'case.measure_add', 'case.measure_add', 'case.measure_status', 'case.measure_status', 'case.measure_status']);

    const elsewhere = await openCase();
    expect((await moveMeasure(elsewhere.id, id, { status: 'ended' })).statusCode).toBe(404);
  });

  it('no longer shows a no-contact order as active once its term has passed, with nothing run in between', async () => {
    const created = await openCase();
    const start = Date.now() - HOUR;
    const order = (await addMeasure(created.id, chairmanOrder(start, 72))).json<{ items: MeasureView[] }>().items[0] as MeasureView;
    expect(order.isActive).toBe(true);
    // Sessions expire over days, so the officer signs in again at each moved time.
    const user = await t.makeUser('commune_officer', { unitCode: '02176' });
    setClockOffset(70 * HOUR);
    expect((await measures(created.id, await t.signIn(user))).json<{ items: MeasureView[] }>().items[0]).toMatchObject({ isActive: true });
    setClockOffset(72 * HOUR);
    const later = await t.signIn(user);
    const after = (await measures(created.id, later)).json<{ items: MeasureView[] }>().items[0];
    expect(after).toMatchObject({ status: 'in_effect', isActive: false, expiresAt: iso(start + 72 * HOUR) });
    // Ending it afterwards is still possible, for the record.
    expect((await moveMeasure(created.id, order.id, { status: 'ended' }, later)).statusCode).toBe(200);
  });

  it('records a follow-up, lists it, and shows its note only to those who may see identities', async () => {
    const created = await openCase();
    const contactedAt = iso(Date.now() - HOUR);
    const recorded = await addFollowUp(created.id, {
      contactedAt, method: 'home_visit', survivorSafe: 'yes', violenceRecurred: false, newNeeds: ['legal_aid', 'economic_support'],
      note: 'Chị đã về nhà mẹ đẻ, ổn định.', nextFollowUpOn: '2099-01-15',
    });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json<{ items: FollowUpView[] }>().items).toEqual([expect.objectContaining({
      contactedAt, method: 'home_visit', survivorSafe: 'yes', violenceRecurred: false, newNeeds: ['legal_aid', 'economic_support'],
      note: 'Chị đã về nhà mẹ đẻ, ổn định.', nextFollowUpOn: '2099-01-15',
    })]);
    await addFollowUp(created.id, { contactedAt: iso(Date.now()), method: 'phone_call', survivorSafe: 'no', violenceRecurred: true });
    const listed = (await t.inject({ method: 'GET', url: `/api/cases/${created.id}/follow-ups`, cookie: officer })).json<{ items: FollowUpView[] }>().items;
    expect(listed.map((f) => [f.method, f.violenceRecurred, f.newNeeds])).toEqual([['phone_call', true, []], ['home_visit', false, ['legal_aid', 'economic_support']]]);

    const leader = await t.signIn(await t.makeUser('district_leader'));
    const forLeader = await t.inject({ method: 'GET', url: `/api/cases/${created.id}/follow-ups`, cookie: leader });
    expect(forLeader.statusCode).toBe(200);
    expect(forLeader.json<{ items: FollowUpView[] }>().items.map((f) => f.note)).toEqual([null, null]);
    expect((await addFollowUp(created.id, { contactedAt, method: 'home_visit', survivorSafe: 'yes', violenceRecurred: false }, leader)).statusCode).toBe(403);

    expect(JSON.stringify(await t.deps.db.selectFrom('follow_ups').selectAll().execute())).not.toContain('mẹ đẻ');
    expect((await timeline(created.id)).filter((e) => e.kind === 'follow_up')).toHaveLength(2);
    expect(await version(created.id)).toBe(created.version + 2);

    const before = await footprint(created.id);
    const badNext = await addFollowUp(created.id, { contactedAt, method: 'home_visit', survivorSafe: 'yes', violenceRecurred: false, nextFollowUpOn: contactedAt.slice(0, 10) });
    expect(badNext.statusCode).toBe(400);
    expect(badNext.json().error.issues[0].path).toBe('nextFollowUpOn');
    const future = await addFollowUp(created.id, { contactedAt: iso(Date.now() + 3 * HOUR), method: 'home_visit', survivorSafe: 'yes', violenceRecurred: false });
    expect(future.json().error.issues[0].path).toBe('contactedAt');
    expect(await footprint(created.id)).toEqual(before);
  });

  it('refuses another commune’s officer on every route', async () => {
    const created = await openCase();
    const order = (await addMeasure(created.id, chairmanOrder(Date.now(), 24))).json<{ items: MeasureView[] }>().items[0] as MeasureView;
    const neighbour = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02185' }));
    const before = await footprint(created.id);
    const answers = await Promise.all([
      measures(created.id, neighbour),
      addMeasure(created.id, chairmanOrder(Date.now(), 24), neighbour),
      moveMeasure(created.id, order.id, { status: 'revoked' }, neighbour),
      t.inject({ method: 'GET', url: `/api/cases/${created.id}/follow-ups`, cookie: neighbour }),
      addFollowUp(created.id, { contactedAt: iso(Date.now()), method: 'phone_call', survivorSafe: 'yes', violenceRecurred: false }, neighbour),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([403, 403, 403, 403, 403]);
    expect(await footprint(created.id)).toEqual(before);
    const focal = await t.signIn(await t.makeUser('district_focal_point'));
    expect((await measures(created.id, focal)).statusCode).toBe(200);
  });

  it('refuses measures and follow-ups on a closed case', async () => {
    const created = await openCase();
    const order = (await addMeasure(created.id, chairmanOrder(Date.now(), 24))).json<{ items: MeasureView[] }>().items[0] as MeasureView;
    // Closing needs the district focal point (a commune officer's close is only a request).
    const focal = await t.signIn(await t.makeUser('district_focal_point'));
    const closed = await t.inject({ method: 'POST', url: `/api/cases/${created.id}/status`, cookie: focal, payload: { to: 'closed', closureReason: 'not_violence' } });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    const before = await footprint(created.id);
    const answers = [
      await addMeasure(created.id, chairmanOrder(Date.now(), 24)),
      await moveMeasure(created.id, order.id, { status: 'revoked' }),
      await moveMeasure(created.id, order.id, { status: 'in_effect', decidedAt: iso(Date.now()) }),
      await addFollowUp(created.id, { contactedAt: iso(Date.now()), method: 'phone_call', survivorSafe: 'yes', violenceRecurred: false }),
    ];
    expect(answers.map((a) => [a.statusCode, a.json().error.code])).toEqual([[409, 'CASE_CLOSED'], [409, 'CASE_CLOSED'], [409, 'CASE_CLOSED'], [409, 'CASE_CLOSED']]);
    expect(await footprint(created.id)).toEqual(before);
    // Reading stays possible.
    expect((await measures(created.id)).json<{ items: MeasureView[] }>().items).toHaveLength(1);
  });
});
