// Finding 3 of the outside probe: a commune officer typed another commune's perpetrator's phone in the
// duplicate check, linked that person to an incident of her own case with the token she got, and could
// then reveal the identity and read the other commune's counselling record. The link is now a request
// that the record's commune (or the focal point above both) approves or declines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CasePerpetratorView, PerpetratorLinkRequestList, PerpetratorLinkRequestView, PerpetratorSearchResult } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { caseIntake } from '../../test/factories.js';
import { todayInVietnam } from '../../lib/clock.js';

const PERSON = { fullName: 'Hoàng Văn Pản', sex: 'male', dateOfBirth: '1980-06-02', phone: '0389 112 233' };

describe.each(DATABASES)('cross-commune link requests on %s', (kind) => {
  let t: TestApp;
  const unit: Record<string, string> = {};
  const cookie: Record<string, string> = {};
  let perpetratorId: string;
  let theirCase: CaseDetail;

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const [name, code] of [['tranPhu', '02176'], ['conMinh', '02185'], ['vanLang', '02143']] as const) {
      unit[name] = await t.unitId(code);
      cookie[name] = await t.signIn(await t.makeUser('commune_officer', { unitCode: code }));
    }
    cookie.focal = await t.signIn(await t.makeUser('district_focal_point'));
    // Trần Phú holds the record, with a counselling session and its notes.
    const payload = caseIntake(unit.tranPhu as string, { survivor: { fullName: 'Nông Thị Mai', phone: '0912 000 777' } });
    payload.firstIncident.perpetrators = [{ sex: 'male', relationship: 'husband', newPerpetrator: { identity: PERSON } } as never];
    const opened = await t.inject({ method: 'POST', url: '/api/cases', cookie: cookie.tranPhu, payload });
    expect(opened.statusCode, opened.body).toBe(201);
    perpetratorId = opened.json<CaseDetail>().incidents[0]?.perpetrators?.[0]?.perpetratorId as string;
    const session = await t.inject({ method: 'POST', url: `/api/perpetrators/${perpetratorId}/counselling`, cookie: cookie.tranPhu, payload: { heldOn: todayInVietnam(), counsellor: 'Tổ hòa giải', topic: 'anger_management', attendance: 'attended', outcome: 'Ghi chú riêng của xã Trần Phú' } });
    expect(session.statusCode, session.body).toBe(201);
    const own = caseIntake(unit.conMinh as string, { survivor: { fullName: 'Lục Thị Nga', phone: '0912 000 888' } });
    own.firstIncident.perpetrators = [{ sex: 'male', ageYears: 40, relationship: 'partner' }];
    theirCase = (await t.inject({ method: 'POST', url: '/api/cases', cookie: cookie.conMinh, payload: own })).json<CaseDetail>();
  });
  afterAll(async () => t.close());

  const get = (url: string, who: string) => t.inject({ method: 'GET', url, cookie: cookie[who] });
  const post = (url: string, who: string, payload: object) => t.inject({ method: 'POST', url, cookie: cookie[who], payload });
  const requests = async (who: string, status = 'pending') => (await get(`/api/perpetrators/link-requests?status=${status}`, who)).json<PerpetratorLinkRequestList>().items;
  const tokenFor = async (who: string) => {
    const found = (await post('/api/perpetrators/duplicates', who, { fullName: 'Ai đó', phone: PERSON.phone })).json<PerpetratorSearchResult>();
    expect(found.items).toEqual([]);
    expect(found.elsewhere).toHaveLength(1);
    return found.elsewhere[0]?.linkToken as string;
  };
  const linkOnTheirIncident = async (token: string) =>
    post(`/api/cases/${theirCase.id}/incidents/${theirCase.incidents[0]?.id}/perpetrators`, 'conMinh', { relationship: 'partner', linkToken: token });
  const sees = async (who: string) => ({
    page: (await get(`/api/perpetrators/${perpetratorId}`, who)).statusCode,
    reveal: (await post(`/api/perpetrators/${perpetratorId}/reveal`, who, {})).statusCode,
  });

  it('turns a link by phone match into a request: nothing of the record is visible to the asking commune', async () => {
    const linked = await linkOnTheirIncident(await tokenFor('conMinh'));
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json<{ items: CasePerpetratorView[] }>().items).toEqual([]);
    expect(linked.body).not.toContain(perpetratorId);
    expect(await sees('conMinh')).toEqual({ page: 403, reveal: 403 });
    const timeline = await get(`/api/cases/${theirCase.id}/timeline`, 'conMinh');
    expect(timeline.body).toContain('perpetrator_link_request');
    expect(timeline.body).not.toContain(perpetratorId);
    expect(JSON.stringify((await get(`/api/cases/${theirCase.id}`, 'conMinh')).json())).not.toContain(perpetratorId);
    // A second request for the same person and incident is refused while the first waits.
    expect((await linkOnTheirIncident(await tokenFor('conMinh'))).json().error.issues[0]).toMatchObject({ path: 'linkToken' });
    const asked = await t.deps.db.selectFrom('audit_log').select(['action', 'resource_type', 'resource_id']).where('action', '=', 'perpetrator.link_request').execute();
    expect(asked).toEqual([{ action: 'perpetrator.link_request', resource_type: 'case', resource_id: theirCase.id }]);
  });

  it('shows the request to the record’s commune with the record’s code, to the asking commune without it, and to no one else', async () => {
    const incoming = (await requests('tranPhu'))[0] as PerpetratorLinkRequestView;
    expect(incoming).toMatchObject({ direction: 'incoming', status: 'pending', canDecide: true, perpetrator: { id: perpetratorId }, case: null, relationship: 'partner', requestingUnit: { id: unit.conMinh } });
    const outgoing = (await requests('conMinh'))[0] as PerpetratorLinkRequestView;
    expect(outgoing).toMatchObject({ id: incoming.id, direction: 'outgoing', canDecide: false, perpetrator: null, case: { id: theirCase.id, code: theirCase.code } });
    expect(await requests('vanLang')).toEqual([]);
    // Neither the asking commune nor a third one may decide.
    expect((await post(`/api/perpetrators/link-requests/${incoming.id}/decide`, 'conMinh', { decision: 'approve' })).statusCode).toBe(403);
    expect((await post(`/api/perpetrators/link-requests/${incoming.id}/decide`, 'vanLang', { decision: 'approve' })).statusCode).toBe(404);
    expect((await post(`/api/perpetrators/link-requests/${incoming.id}/decide`, 'tranPhu', { decision: 'maybe' })).statusCode).toBe(400);
  });

  it('keeps the record hidden when the record’s commune declines, audited on both sides', async () => {
    const [request] = await requests('tranPhu');
    const declined = await post(`/api/perpetrators/link-requests/${request?.id}/decide`, 'tranPhu', { decision: 'decline' });
    expect(declined.json<PerpetratorLinkRequestView>()).toMatchObject({ status: 'declined', canDecide: false });
    expect((await post(`/api/perpetrators/link-requests/${request?.id}/decide`, 'tranPhu', { decision: 'approve' })).json().error.code).toBe('PERPETRATOR_LINK_REQUEST_DECIDED');
    expect(await sees('conMinh')).toEqual({ page: 403, reveal: 403 });
    const audits = await t.deps.db.selectFrom('audit_log').select(['action', 'resource_type', 'resource_id']).where('action', 'like', '%link_request_decline').orderBy('seq').execute();
    expect(audits).toEqual([
      { action: 'perpetrator.link_request_decline', resource_type: 'perpetrator', resource_id: perpetratorId },
      { action: 'case.perpetrator_link_request_decline', resource_type: 'case', resource_id: theirCase.id },
    ]);
    expect((await requests('conMinh', 'all'))[0]).toMatchObject({ status: 'declined', perpetrator: null });
  });

  it('links once the focal point above both approves; only then may the asking commune open and reveal the record', async () => {
    expect((await linkOnTheirIncident(await tokenFor('conMinh'))).statusCode).toBe(201);
    const [request] = await requests('focal');
    expect(request).toMatchObject({ direction: 'incoming', canDecide: true });
    expect((await post(`/api/perpetrators/link-requests/${request?.id}/decide`, 'focal', { decision: 'approve' })).json()).toMatchObject({ status: 'approved' });
    expect(await sees('conMinh')).toEqual({ page: 200, reveal: 200 });
    const page = (await get(`/api/perpetrators/${perpetratorId}`, 'conMinh')).json<{ counselling: Array<{ outcome: string | null }> }>();
    // The other commune's counselling notes stay with it.
    expect(page.counselling).toEqual([expect.objectContaining({ outcome: null })]);
    const onCase = (await get(`/api/cases/${theirCase.id}`, 'conMinh')).json<CaseDetail>();
    expect(onCase.incidents[0]?.perpetrators?.map((p) => p.perpetratorId)).toContain(perpetratorId);
  });

  it('makes a request, not a link, when the token is used at intake', async () => {
    const payload = caseIntake(unit.conMinh as string, { survivor: { fullName: 'Lục Thị Hằng', phone: '0912 000 999' } });
    const token = (await post('/api/perpetrators/duplicates', 'vanLang', { fullName: 'x', phone: PERSON.phone })).json<PerpetratorSearchResult>().elsewhere[0]?.linkToken;
    payload.unitId = unit.vanLang as string;
    payload.firstIncident.unitId = unit.vanLang as string;
    payload.firstIncident.perpetrators = [{ sex: 'male', relationship: 'husband', linkToken: token } as never];
    const opened = await post('/api/cases', 'vanLang', payload);
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.body).not.toContain(perpetratorId);
    expect(await sees('vanLang')).toEqual({ page: 403, reveal: 403 });
    expect((await requests('tranPhu')).map((r) => r.requestingUnit.id)).toEqual([unit.vanLang]);
  });
});
