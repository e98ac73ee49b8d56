import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDateOf } from '@binhan/domain';
import type {
  CaseDetail, CasePerpetratorView, PerpetratorDetail, PerpetratorLinkRequestList, PerpetratorList, PerpetratorSearchResult, T2Value,
} from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { caseIntake, hoursAgo, HOUR } from '../../test/factories.js';
import { todayInVietnam } from '../../lib/clock.js';

/** The perpetrator everyone looks for: a Tày man born 1985, registered in Bắc Kạn (006). */
const TAI = { fullName: 'Lý Văn Tài', sex: 'male', dateOfBirth: '1985-04-12', cccd: '006085001234', phone: '0987 654 321', ethnicityCode: '02', occupation: 'Làm ruộng' };

const dayBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe.each(DATABASES)('perpetrators on %s', (kind) => {
  let t: TestApp;
  const unit: Record<string, string> = {};
  const cookie: Record<string, string> = {};
  let phones = 0;

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const [name, code] of [['tranPhu', '02176'], ['conMinh', '02185'], ['vanLang', '02143'], ['xuanDuong', '02191']] as const) {
      unit[name] = await t.unitId(code);
      cookie[name] = await t.signIn(await t.makeUser('commune_officer', { unitCode: code }));
    }
    cookie.district = await t.signIn(await t.makeUser('district_focal_point'));
    cookie.leader = await t.signIn(await t.makeUser('district_leader'));
    cookie.statistician = await t.signIn(await t.makeUser('statistician'));
  });
  afterAll(async () => t.close());

  /** Open a case in a commune with the given perpetrator entries; `at` moves detection and incident. */
  const openCase = async (who: string, perpetrators: object[], options: { detectedAt?: string; occurredAt?: string } = {}) => {
    phones += 1;
    const payload = caseIntake(unit[who] as string, { detectedAt: options.detectedAt, survivor: { fullName: 'Hoàng Thị Lan', phone: `09123455${String(phones).padStart(2, '0')}` } });
    payload.firstIncident.perpetrators = perpetrators as typeof payload.firstIncident.perpetrators;
    if (options.occurredAt) payload.firstIncident.occurredAt = options.occurredAt;
    return t.inject({ method: 'POST', url: '/api/cases', cookie: cookie[who], payload });
  };
  const opened = async (who: string, perpetrators: object[], options?: { detectedAt?: string; occurredAt?: string }) => {
    const response = await openCase(who, perpetrators, options);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<CaseDetail>();
  };
  const get = (url: string, who: string) => t.inject({ method: 'GET', url, cookie: cookie[who] });
  const post = (url: string, who: string, payload: object, headers: Record<string, string> = {}) => t.inject({ method: 'POST', url, cookie: cookie[who], payload, headers });
  const patch = (url: string, who: string, payload: object) => t.inject({ method: 'PATCH', url, cookie: cookie[who], payload });
  const page = async (id: string, who: string) => {
    const response = await get(`/api/perpetrators/${id}`, who);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PerpetratorDetail>();
  };
  const casePerpetrators = async (caseId: string, who: string) => (await get(`/api/cases/${caseId}/perpetrators`, who)).json<{ items: CasePerpetratorView[] }>().items;
  /** Rows a refused write must not leave behind. */
  const footprint = async () => {
    const count = async (table: 'cases' | 'perpetrators' | 'perpetrator_links' | 'perpetrator_measures' | 'perpetrator_counselling' | 'protection_measures' | 'audit_log') =>
      Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return {
      cases: await count('cases'), perpetrators: await count('perpetrators'), links: await count('perpetrator_links'), measures: await count('perpetrator_measures'),
      counselling: await count('perpetrator_counselling'), protection: await count('protection_measures'),
    };
  };
  const t2 = async (who: string, query: string) => {
    const response = await get(`/api/indicators/t2?${query}`, who);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<T2Value>();
  };

  // Shared by the tests below, which build on each other in order.
  let tai: string;
  let case1: CaseDetail;
  let case2: CaseDetail;

  it('creates a perpetrator at intake, with a code and no identity anywhere but the audited reveal', async () => {
    case1 = await opened('tranPhu', [{ sex: 'male', ageYears: 40, relationship: 'husband', newPerpetrator: { identity: TAI, substanceUse: 'alcohol', weaponAccess: 'yes' } }]);
    const entry = case1.incidents[0]?.perpetrators?.[0];
    expect(entry).toMatchObject({ sex: 'male', relationship: 'husband' });
    tai = entry?.perpetratorId as string;
    expect(tai).toBeTruthy();
    expect(JSON.stringify(case1)).not.toContain('Lý Văn Tài');

    const [linked] = await casePerpetrators(case1.id, 'tranPhu');
    expect(linked).toMatchObject({ perpetratorId: tai, relationship: 'husband', sex: 'male', substanceUse: 'alcohol', weaponAccess: 'yes', isRepeat: false, totalIncidents: 1 });
    expect(linked?.code).toMatch(/^NG-02176-\d{4}-0001$/);

    const detail = await page(tai, 'tranPhu');
    expect(detail).toMatchObject({ sex: 'male', ethnicityCode: '02', isAdult: true, totalIncidents: 1, hiddenIncidentCount: 0, canIdentify: true });
    expect(JSON.stringify(detail)).not.toMatch(/Lý Văn Tài|006085001234|0987654321/);
    const list = (await get('/api/perpetrators', 'tranPhu')).json<PerpetratorList>();
    expect(list.items.map((i) => i.id)).toContain(tai);
    expect(JSON.stringify(list)).not.toMatch(/Lý Văn Tài|006085001234/);

    const reveal = await post(`/api/perpetrators/${tai}/reveal`, 'tranPhu', {});
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json().identity).toMatchObject({ fullName: 'Lý Văn Tài', cccd: '006085001234', phone: '0987654321', occupation: 'Làm ruộng' });
    const audits = await t.deps.db.selectFrom('audit_log').select(['action', 'details']).where('resource_id', '=', tai).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['perpetrator.create', 'perpetrator.link', 'perpetrator.view', 'perpetrator.identity_view']));
    expect(JSON.stringify(audits)).not.toMatch(/Lý Văn Tài|006085001234|0987654321/);

    // Leaders read without identities; the reveal is refused to them.
    expect((await page(tai, 'leader')).canIdentify).toBe(false);
    expect((await post(`/api/perpetrators/${tai}/reveal`, 'leader', {})).statusCode).toBe(403);
  });

  it('lets another commune find the person only as "exists elsewhere", link by token, and then see only its own incidents', async () => {
    const byCccd = (await post('/api/perpetrators/search', 'conMinh', { cccd: '006 085 001 234' })).json<PerpetratorSearchResult>();
    expect(byCccd.items).toEqual([]);
    expect(byCccd.elsewhere).toHaveLength(1);
    expect(byCccd.elsewhere[0]?.matchedBy).toEqual(['cccd']);
    expect(JSON.stringify(byCccd)).not.toMatch(new RegExp(`${tai}|Lý|NG-02176`));
    // Accent-insensitive: the name typed without marks, with the birth year, is a strong match.
    const dup = (await post('/api/perpetrators/duplicates', 'conMinh', { fullName: 'ly van tai', dateOfBirth: '1985-04-12' })).json<PerpetratorSearchResult>();
    expect(dup.elsewhere.map((e) => e.matchedBy)).toEqual([['name_year']]);
    // A name alone is too weak to say anything about another commune's records.
    expect((await post('/api/perpetrators/search', 'conMinh', { name: 'Lý Văn Tài' })).json<PerpetratorSearchResult>()).toEqual({ items: [], elsewhere: [] });
    // In the commune that holds the record the same search finds it.
    const own = (await post('/api/perpetrators/search', 'tranPhu', { name: 'ly tai' })).json<PerpetratorSearchResult>();
    expect(own.items.map((i) => i.id)).toEqual([tai]);

    // The token is for the officer who searched: someone else cannot use it, and nothing is written.
    const token = byCccd.elsewhere[0]?.linkToken as string;
    const before = await footprint();
    const stolen = await openCase('vanLang', [{ sex: 'male', relationship: 'husband', linkToken: token }]);
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().error.issues).toEqual([{ path: 'firstIncident.perpetrators.0.linkToken', message: expect.stringContaining('hết hạn') }]);
    expect(await footprint()).toEqual(before);

    case2 = await opened('conMinh', [{ sex: 'male', relationship: 'former_partner', linkToken: token }]);
    // The link is a request until Trần Phú, which holds the record, agrees (link-requests.test.ts).
    expect(case2.incidents[0]?.perpetrators?.[0]?.perpetratorId).toBeUndefined();
    expect((await get(`/api/perpetrators/${tai}`, 'conMinh')).statusCode).toBe(403);
    const asked = (await get('/api/perpetrators/link-requests', 'tranPhu')).json<PerpetratorLinkRequestList>().items;
    expect(asked).toHaveLength(1);
    expect((await post(`/api/perpetrators/link-requests/${asked[0]?.id}/decide`, 'tranPhu', { decision: 'approve' })).statusCode).toBe(200);
    case2 = (await get(`/api/cases/${case2.id}`, 'conMinh')).json<CaseDetail>();
    expect(case2.incidents[0]?.perpetrators?.[0]?.perpetratorId).toBe(tai);

    const seenByA = await page(tai, 'tranPhu');
    expect(seenByA).toMatchObject({ totalIncidents: 2, isRepeat: true, hiddenIncidentCount: 1 });
    expect(seenByA.incidents.map((i) => i.caseCode)).toEqual([case1.code]);
    expect(JSON.stringify(seenByA)).not.toContain(case2.id);
    const seenByB = await page(tai, 'conMinh');
    expect(seenByB).toMatchObject({ totalIncidents: 2, hiddenIncidentCount: 1 });
    expect(seenByB.incidents).toEqual([expect.objectContaining({ caseCode: case2.code, relationship: 'former_partner' })]);
    expect(JSON.stringify(seenByB)).not.toContain(case1.id);
    const district = await page(tai, 'district');
    expect(district.incidents.map((i) => i.caseCode).sort()).toEqual([case1.code, case2.code].sort());
    expect(district.hiddenIncidentCount).toBe(0);

    // A third commune sees nothing of it.
    expect((await get(`/api/perpetrators/${tai}`, 'vanLang')).statusCode).toBe(403);
    expect((await get('/api/perpetrators', 'vanLang')).json<PerpetratorList>().items.map((i) => i.id)).not.toContain(tai);
    const inList = (await get('/api/perpetrators?repeat=true', 'conMinh')).json<PerpetratorList>().items.find((i) => i.id === tai);
    expect(inList).toMatchObject({ incidentCount: 1, hiddenIncidentCount: 1, isRepeat: true, unit: expect.objectContaining({ code: '02176' }) });
    // The intake of the second commune used the record: the duplicate warning now finds it visible there.
    const again = (await post('/api/perpetrators/duplicates', 'conMinh', { fullName: 'Lý Văn Tài', phone: '+84987654321' })).json<PerpetratorSearchResult>();
    expect(again.items.map((i) => i.id)).toEqual([tai]);
    expect(again.elsewhere).toEqual([]);
  });

  it('shows counselling to both communes but its notes and case only to the commune that recorded it', async () => {
    const today = todayInVietnam();
    const added = await post(`/api/perpetrators/${tai}/counselling`, 'conMinh', {
      heldOn: today, counsellor: 'Tổ hòa giải thôn Nà Mố', topic: 'alcohol_and_substances', attendance: 'attended', outcome: 'Cam kết bỏ rượu', incidentId: case2.incidents[0]?.id,
    });
    expect(added.statusCode, added.body).toBe(201);
    const mine = added.json<PerpetratorDetail>().counselling[0];
    expect(mine).toMatchObject({ outcome: 'Cam kết bỏ rượu', canEdit: true, case: { caseCode: case2.code } });

    const theirs = (await page(tai, 'tranPhu')).counselling[0];
    expect(theirs).toMatchObject({ heldOn: today, topic: 'alcohol_and_substances', attendance: 'attended', outcome: null, case: null, canEdit: false });
    expect((await patch(`/api/perpetrators/${tai}/counselling/${mine?.id}`, 'tranPhu', { attendance: 'absent' })).statusCode).toBe(403);
    const corrected = await patch(`/api/perpetrators/${tai}/counselling/${mine?.id}`, 'conMinh', { counsellor: 'Hội Liên hiệp Phụ nữ xã', outcome: null });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json<PerpetratorDetail>().counselling[0]).toMatchObject({ counsellor: 'Hội Liên hiệp Phụ nữ xã', outcome: null });
    // A session recorded twice by mistake is removed by its commune only.
    const twice = await post(`/api/perpetrators/${tai}/counselling`, 'conMinh', { heldOn: today, counsellor: 'Công an xã', topic: 'anger_management', attendance: 'attended' });
    const extra = twice.json<PerpetratorDetail>().counselling.find((c) => c.topic === 'anger_management')?.id as string;
    expect((await t.inject({ method: 'DELETE', url: `/api/perpetrators/${tai}/counselling/${extra}`, cookie: cookie.tranPhu })).statusCode).toBe(403);
    const gone = await t.inject({ method: 'DELETE', url: `/api/perpetrators/${tai}/counselling/${extra}`, cookie: cookie.conMinh });
    expect(gone.statusCode, gone.body).toBe(200);
    expect(gone.json<PerpetratorDetail>().counselling.map((c) => c.id)).toEqual([mine?.id]);
    const list = (await get('/api/perpetrators?counselled=true', 'tranPhu')).json<PerpetratorList>();
    expect(list.items.find((i) => i.id === tai)).toMatchObject({ counselled: true, counsellingCount: 1, handled: true });
    expect((await get('/api/perpetrators?counselled=false', 'tranPhu')).json<PerpetratorList>().items.map((i) => i.id)).not.toContain(tai);
  });

  it('applies the community-criticism rule: fits with two acts in 12 months, else refused without a reason and flagged with one', async () => {
    const detail = await page(tai, 'tranPhu');
    expect(detail.criticismRule).toMatchObject({ applies: true, reasons: [{ condition: 'adult', met: true }, { condition: 'repeated_acts', met: true, count: 2 }, { condition: 'not_sanctioned', met: true, count: 0 }, { condition: 'violent_after_sanction', met: false, count: 0 }] });
    const criticism = { type: 'community_criticism', decidedOn: todayInVietnam(), decidingBody: 'residential_community', incidentId: case1.incidents[0]?.id };
    const fits = await post(`/api/perpetrators/${tai}/measures`, 'tranPhu', criticism);
    expect(fits.statusCode, fits.body).toBe(201);
    expect(fits.json<PerpetratorDetail>().measures[0]).toMatchObject({ type: 'community_criticism', warnings: [], isCurrent: true });

    const once = await opened('tranPhu', [{ sex: 'male', relationship: 'partner', newPerpetrator: { identity: { fullName: 'Triệu Văn Sáng', sex: 'male', ageYears: 30 } } }]);
    const sang = once.incidents[0]?.perpetrators?.[0]?.perpetratorId as string;
    expect((await page(sang, 'tranPhu')).criticismRule.applies).toBe(false);
    const before = await footprint();
    const refused = await post(`/api/perpetrators/${sang}/measures`, 'tranPhu', { ...criticism, incidentId: once.incidents[0]?.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues).toEqual([{ path: 'ruleOverrideReason', message: expect.stringContaining('chưa đủ điều kiện áp dụng góp ý, phê bình') }]);
    expect(await footprint()).toEqual(before);
    const flagged = await post(`/api/perpetrators/${sang}/measures`, 'tranPhu', { ...criticism, incidentId: once.incidents[0]?.id, ruleOverrideReason: 'Thôn đã họp, gia đình đề nghị' });
    expect(flagged.statusCode, flagged.body).toBe(201);
    expect(flagged.json<PerpetratorDetail>().measures[0]).toMatchObject({ warnings: ['criticism_rule_not_met'], ruleOverrideReason: 'Thôn đã họp, gia đình đề nghị' });
  });

  it('refuses a commune no-contact order longer than 3 days with the case measures’ message, and shares a valid one with the case', async () => {
    const incidentId = case1.incidents[0]?.id;
    const start = Date.now() - HOUR;
    const order = (hours: number) => ({
      type: 'no_contact_order', decidedOn: todayInVietnam(), decidingBody: 'commune_chairman', decisionNumber: '15/QĐ-UBND', incidentId,
      noContact: { startsAt: new Date(start).toISOString(), endsAt: new Date(start + hours * HOUR).toISOString() },
    });
    const before = await footprint();
    const tooLong = await post(`/api/perpetrators/${tai}/measures`, 'tranPhu', order(73));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.issues).toEqual([{ path: 'noContact.endsAt', message: 'thời hạn vượt quá mức tối đa pháp luật cho phép cho cấp quyết định này' }]);
    const english = await post(`/api/perpetrators/${tai}/measures`, 'tranPhu', order(73), { 'accept-language': 'en' });
    expect(english.json().error.issues[0].message).toBe('the term is longer than the law allows this authority to set');
    expect(await footprint()).toEqual(before);

    const ok = await post(`/api/perpetrators/${tai}/measures`, 'tranPhu', order(72));
    expect(ok.statusCode, ok.body).toBe(201);
    const measure = ok.json<PerpetratorDetail>().measures.find((m) => m.type === 'no_contact_order');
    expect(measure?.protectionMeasure).toMatchObject({ issuer: 'commune_chairman', status: 'in_effect', isActive: true });
    const caseMeasures = (await get(`/api/cases/${case1.id}/measures`, 'tranPhu')).json<{ items: Array<{ id: string; type: string }> }>().items;
    expect(caseMeasures).toEqual([expect.objectContaining({ id: measure?.protectionMeasure?.id, type: 'no_contact' })]);
    expect((await footprint()).protection).toBe(before.protection + 1);
    const [onCase] = await casePerpetrators(case1.id, 'tranPhu');
    expect(onCase?.currentMeasures.map((m) => m.type).sort()).toEqual(['community_criticism', 'no_contact_order']);
    // Commune B sees the order exists, not which case it protects.
    const forB = (await page(tai, 'conMinh')).measures.find((m) => m.type === 'no_contact_order');
    expect(forB).toMatchObject({ case: null, protectionMeasure: null, canEdit: false });

    // The shared order keeps the body that issued it: another deciding body is refused on its field.
    const otherBody = await post(`/api/perpetrators/${tai}/measures`, 'tranPhu', { ...order(24), noContact: undefined, protectionMeasureId: measure?.protectionMeasure?.id, decidingBody: 'court' });
    expect(otherBody.statusCode).toBe(400);
    expect(otherBody.json().error.issues).toEqual([{ path: 'decidingBody', message: 'Cơ quan, người quyết định phải là nơi đã ra quyết định cấm tiếp xúc được chọn.' }]);
    // The same measure on the same day again is a double entry.
    const again = await post(`/api/perpetrators/${tai}/measures`, 'tranPhu', { ...order(24), noContact: undefined, protectionMeasureId: measure?.protectionMeasure?.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PERPETRATOR_MEASURE_DUPLICATE');
    // An order of another case cannot be borrowed.
    const borrowed = await post(`/api/perpetrators/${tai}/measures`, 'conMinh', { ...order(24), decidedOn: todayInVietnam(), incidentId: case2.incidents[0]?.id, noContact: undefined, protectionMeasureId: measure?.protectionMeasure?.id, decisionNumber: undefined, decidingBody: 'court' });
    expect(borrowed.statusCode).toBe(400);
    expect(borrowed.json().error.issues[0].path).toBe('protectionMeasureId');
    expect(await footprint()).toEqual({ ...before, protection: before.protection + 1, measures: before.measures + 1 });
  });

  it('corrects a measure and refuses bad input with clear messages, writing nothing', async () => {
    const earlier = await opened('tranPhu', [{ sex: 'male', relationship: 'husband', newPerpetrator: { identity: { fullName: 'Hà Văn Dũng', sex: 'male', ageYears: 45 } } }], { detectedAt: hoursAgo(24 * 10) });
    const dung = earlier.incidents[0]?.perpetrators?.[0]?.perpetratorId as string;
    const incidentDay = vietnamDateOf(earlier.incidents[0]?.occurredAt as string);
    const before = await footprint();

    const unknownIncident = await post(`/api/perpetrators/${dung}/measures`, 'tranPhu', { type: 'written_commitment', decidedOn: todayInVietnam(), decidingBody: 'commune_police', incidentId: randomUUID() });
    expect(unknownIncident.statusCode).toBe(400);
    expect(unknownIncident.json().error.issues).toEqual([{ path: 'incidentId', message: 'Vụ việc này không có trong hệ thống hoặc chưa được gắn với người này.' }]);
    const tooEarly = await post(`/api/perpetrators/${dung}/measures`, 'tranPhu', { type: 'written_commitment', decidedOn: dayBefore(incidentDay, 3), decidingBody: 'commune_police' });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().error.issues).toEqual([{ path: 'decidedOn', message: 'ngày này trước ngày xảy ra vụ việc bạo lực' }]);
    const earlySession = await post(`/api/perpetrators/${dung}/counselling`, 'tranPhu', { heldOn: dayBefore(incidentDay, 3), counsellor: 'Công an xã', topic: 'law_on_domestic_violence', attendance: 'attended' });
    expect(earlySession.json().error.issues[0].path).toBe('heldOn');
    const noNumber = await post(`/api/perpetrators/${dung}/measures`, 'tranPhu', { type: 'administrative_sanction', decidedOn: todayInVietnam(), decidingBody: 'commune_chairman', fineVnd: 2_000_000 });
    expect(noNumber.json().error.issues).toEqual([{ path: 'decisionNumber', message: 'xử phạt vi phạm hành chính cần số quyết định' }]);
    const badIdentity = await openCase('tranPhu', [{ sex: 'male', relationship: 'husband', newPerpetrator: { identity: { fullName: 'Hà Văn Dũng', sex: 'male', cccd: '00608500123', phone: '12345' } } }]);
    expect(badIdentity.statusCode).toBe(400);
    expect(badIdentity.json().error.issues).toEqual([
      { path: 'firstIncident.perpetrators.0.newPerpetrator.identity.cccd', message: 'số căn cước công dân gồm 12 chữ số' },
      { path: 'firstIncident.perpetrators.0.newPerpetrator.identity.phone', message: expect.stringContaining('số di động gồm 10 chữ số') },
    ]);
    const unknownPerson = await openCase('tranPhu', [{ sex: 'male', relationship: 'husband', perpetratorId: randomUUID() }]);
    expect(unknownPerson.json().error.issues).toEqual([{ path: 'firstIncident.perpetrators.0.perpetratorId', message: expect.stringContaining('Không tìm thấy người có hành vi bạo lực') }]);
    // Another commune's record cannot be linked by its id, only through a search token.
    expect((await openCase('vanLang', [{ sex: 'male', relationship: 'husband', perpetratorId: tai }])).statusCode).toBe(400);
    expect(await footprint()).toEqual(before);

    const sanction = await post(`/api/perpetrators/${dung}/measures`, 'tranPhu', { type: 'administrative_sanction', decidedOn: incidentDay, decidingBody: 'commune_chairman', decisionNumber: '07/QĐ-XPHC', fineVnd: 2_000_000, outcome: 'Đã nộp phạt' });
    expect(sanction.statusCode, sanction.body).toBe(201);
    const id = sanction.json<PerpetratorDetail>().measures[0]?.id as string;
    const corrected = await patch(`/api/perpetrators/${dung}/measures/${id}`, 'tranPhu', { fineVnd: 3_000_000, status: 'completed' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json<PerpetratorDetail>().measures[0]).toMatchObject({ fineVnd: 3_000_000, status: 'completed', outcome: 'Đã nộp phạt', isCurrent: false });
    const cleared = await patch(`/api/perpetrators/${dung}/measures/${id}`, 'tranPhu', { decisionNumber: null });
    expect(cleared.json().error.issues[0].path).toBe('decisionNumber');
    // A sanction in the window means the community-criticism rule no longer fits.
    expect((await page(dung, 'tranPhu')).criticismRule.reasons[2]).toEqual({ condition: 'not_sanctioned', met: false, count: 1 });
    expect((await get(`/api/perpetrators?measureType=administrative_sanction`, 'tranPhu')).json<PerpetratorList>().items.map((i) => i.id)).toEqual([dung]);
  });

  it('links, corrects and unlinks a perpetrator on an existing case', async () => {
    const third = await opened('tranPhu', [{ sex: 'male', relationship: 'husband' }]);
    const incidentId = third.incidents[0]?.id as string;
    const url = `/api/cases/${third.id}/incidents/${incidentId}/perpetrators`;
    const linked = await post(url, 'tranPhu', { relationship: 'former_spouse', perpetratorId: tai });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json<{ items: CasePerpetratorView[] }>().items).toEqual([expect.objectContaining({ perpetratorId: tai, relationship: 'former_spouse', totalIncidents: 3 })]);
    const onPage = (await get(`/api/cases/${third.id}`, 'tranPhu')).json<CaseDetail>().incidents[0]?.perpetrators;
    expect(onPage).toEqual([expect.objectContaining({ relationship: 'husband' }), expect.objectContaining({ relationship: 'former_spouse', perpetratorId: tai, sex: 'male' })]);
    expect((await post(url, 'tranPhu', { relationship: 'husband', perpetratorId: tai })).json().error.code).toBe('PERPETRATOR_ALREADY_LINKED');
    expect((await post(`/api/cases/${third.id}/incidents/${randomUUID()}/perpetrators`, 'tranPhu', { relationship: 'husband', perpetratorId: tai })).statusCode).toBe(404);
    expect((await post(url, 'vanLang', { relationship: 'husband', perpetratorId: tai })).statusCode).toBe(403);

    const fixed = await patch(`${url}/${tai}`, 'tranPhu', { relationship: 'husband', ageYears: 41 });
    expect(fixed.json<{ items: CasePerpetratorView[] }>().items[0]).toMatchObject({ relationship: 'husband', ageYears: 41 });
    const removed = await t.inject({ method: 'DELETE', url: `${url}/${tai}`, cookie: cookie.tranPhu });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<{ items: unknown[] }>().items).toEqual([]);
    expect((await page(tai, 'district')).totalIncidents).toBe(2);

    // A record created by mistake goes away with its only link.
    const created = await post(url, 'tranPhu', { relationship: 'acquaintance', newPerpetrator: { identity: { fullName: 'Người ghi nhầm', sex: 'male' } } });
    const mistake = created.json<{ items: CasePerpetratorView[] }>().items[0]?.perpetratorId as string;
    expect((await t.inject({ method: 'DELETE', url: `${url}/${mistake}`, cookie: cookie.tranPhu })).statusCode).toBe(200);
    expect((await get(`/api/perpetrators/${mistake}`, 'district')).statusCode).toBe(404);
    // A link that measures refer to stays.
    const inUse = await t.inject({ method: 'DELETE', url: `/api/cases/${case1.id}/incidents/${case1.incidents[0]?.id}/perpetrators/${tai}`, cookie: cookie.tranPhu });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('PERPETRATOR_LINK_IN_USE');
  });

  it('corrects the record: identity (search follows it), commune and risk factors; a malformed identity changes nothing', async () => {
    const bad = await patch(`/api/perpetrators/${tai}`, 'tranPhu', { identity: { ...TAI, cccd: '9990850012345' }, weaponAccess: 'no' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues).toEqual([{ path: 'identity.cccd', message: 'số căn cước công dân gồm 12 chữ số' }]);
    expect((await page(tai, 'tranPhu')).weaponAccess).toBe('yes');
    const mismatch = await patch(`/api/perpetrators/${tai}`, 'tranPhu', { identity: { ...TAI, cccd: '006185001234' } });
    expect(mismatch.json().error.issues).toEqual([{ path: 'identity.cccd', message: 'giới tính trong số căn cước không khớp với giới tính đã chọn' }]);

    // A commune that sees the record only through its own incident may update risk factors, not the identity
    // or the home commune (that would let it move the record away from the commune that keeps it).
    const before = await footprint();
    const foreign = await patch(`/api/perpetrators/${tai}`, 'conMinh', { identity: { ...TAI, fullName: 'Người khác' } });
    expect(foreign.statusCode).toBe(403);
    expect((await patch(`/api/perpetrators/${tai}`, 'conMinh', { unitId: unit.conMinh })).statusCode).toBe(403);
    expect(await footprint()).toEqual(before);
    expect((await page(tai, 'tranPhu')).unit.id).toBe(unit.tranPhu);
    const fixed = await patch(`/api/perpetrators/${tai}`, 'tranPhu', { identity: { ...TAI, cccd: '006085009999', otherNames: ['Tài Lý'] }, weaponAccess: 'no' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json<PerpetratorDetail>()).toMatchObject({ weaponAccess: 'no', substanceUse: 'alcohol' });
    expect((await post('/api/perpetrators/search', 'tranPhu', { cccd: '006085009999' })).json<PerpetratorSearchResult>().items.map((i) => i.id)).toEqual([tai]);
    expect((await post('/api/perpetrators/search', 'tranPhu', { cccd: '006085001234' })).json<PerpetratorSearchResult>().items).toEqual([]);
    expect((await post('/api/perpetrators/search', 'tranPhu', { name: 'tai ly' })).json<PerpetratorSearchResult>().items.map((i) => i.id)).toEqual([tai]);
    expect((await post(`/api/perpetrators/${tai}/reveal`, 'tranPhu', {})).json().identity.otherNames).toEqual(['Tài Lý']);
    expect((await patch(`/api/perpetrators/${tai}`, 'tranPhu', { unitId: randomUUID() })).statusCode).toBe(400);
    expect((await patch(`/api/perpetrators/${tai}`, 'vanLang', { weaponAccess: 'yes' })).statusCode).toBe(403);
  });

  it('filters the list by unit, period, measure, counselling and repeat, counting only incidents the user may see', async () => {
    const ids = async (who: string, query: string) => (await get(`/api/perpetrators?${query}`, who)).json<PerpetratorList>().items.map((i) => i.id);
    const today = todayInVietnam();
    expect(await ids('tranPhu', `from=${today}&to=${today}`)).toContain(tai);
    expect(await ids('tranPhu', 'from=2020-01-01&to=2020-12-31')).not.toContain(tai);
    expect(await ids('district', `unitId=${unit.conMinh}`)).toContain(tai);
    expect(await ids('district', `unitId=${unit.xuanDuong}`)).not.toContain(tai);
    expect(await ids('tranPhu', 'measureType=no_contact_order')).toEqual([tai]);
    expect(await ids('tranPhu', 'handled=false')).not.toContain(tai);
    expect(await ids('tranPhu', 'repeat=false')).not.toContain(tai);
    const paged = (await get('/api/perpetrators?pageSize=1&page=1&sort=code', 'district')).json<PerpetratorList>();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(1);
    expect((await get('/api/perpetrators?from=2026-02-01&to=2026-01-01', 'district')).statusCode).toBe(400);
  });

  it('computes T2 per unit at the period boundaries, with breakdowns by sex, measure and repeat violence', async () => {
    const q = (from: string, to: string) => `unitId=${unit.xuanDuong}&from=${from}&to=${to}`;
    // 31/12/2025 22:30 in Vietnam: in 2025.
    const late = await opened('xuanDuong', [{ sex: 'male', relationship: 'husband', newPerpetrator: { identity: { fullName: 'Hoàng Văn Mạnh', sex: 'male', ageYears: 50 } } }],
      { detectedAt: '2025-12-31T16:30:00.000Z', occurredAt: '2025-12-31T15:30:00.000Z' });
    const manh = late.incidents[0]?.perpetrators?.[0]?.perpetratorId as string;
    // 01/01/2026 00:00 in Vietnam: in 2026, not 2025.
    const midnight = await opened('xuanDuong', [{ sex: 'female', relationship: 'wife', newPerpetrator: { identity: { fullName: 'Đàm Thị Hương', sex: 'female', ageYears: 35 } } }],
      { detectedAt: '2025-12-31T17:30:00.000Z', occurredAt: '2025-12-31T17:00:00.000Z' });
    const huong = midnight.incidents[0]?.perpetrators?.[0]?.perpetratorId as string;

    expect(await t2('district', q('2025-01-01', '2025-12-31'))).toMatchObject({ code: 'T2', numerator: 0, denominator: 1, value: 0, bySex: { male: { numerator: 0, denominator: 1 } } });
    expect(await t2('district', q('2026-01-01', '2026-12-31'))).toMatchObject({ numerator: 0, denominator: 1, bySex: { female: { numerator: 0, denominator: 1 } } });
    expect(await t2('district', q('2025-01-01', '2025-12-30'))).toMatchObject({ denominator: 0, value: null });

    await post(`/api/perpetrators/${manh}/counselling`, 'xuanDuong', { heldOn: '2026-01-05', counsellor: 'Công an xã', topic: 'law_on_domestic_violence', attendance: 'attended' });
    await post(`/api/perpetrators/${huong}/counselling`, 'xuanDuong', { heldOn: '2026-01-05', counsellor: 'Công an xã', topic: 'law_on_domestic_violence', attendance: 'absent' });
    const y2025 = await t2('statistician', q('2025-01-01', '2025-12-31'));
    expect(y2025).toMatchObject({ numerator: 1, denominator: 1, value: 100, byMeasure: { counselling: 1 }, byRepeat: { repeat: { numerator: 0, denominator: 0 }, first: { numerator: 1, denominator: 1 } } });
    // An absent session is not counselling.
    expect(await t2('district', q('2026-01-01', '2026-12-31'))).toMatchObject({ numerator: 0, denominator: 1 });
    const commitment = await post(`/api/perpetrators/${huong}/measures`, 'xuanDuong', { type: 'written_commitment', decidedOn: '2026-01-02', decidingBody: 'commune_police', incidentId: midnight.incidents[0]?.id });
    expect(commitment.statusCode, commitment.body).toBe(201);

    // Mạnh is also the perpetrator of the midnight incident: a repeat, counted once.
    await post(`/api/cases/${midnight.id}/incidents/${midnight.incidents[0]?.id}/perpetrators`, 'xuanDuong', { relationship: 'other_relative', perpetratorId: manh });
    const y2026 = await t2('district', q('2026-01-01', '2026-12-31'));
    expect(y2026).toMatchObject({
      numerator: 2, denominator: 2, value: 100,
      bySex: { male: { numerator: 1, denominator: 1 }, female: { numerator: 1, denominator: 1 } },
      byMeasure: { counselling: 1, written_commitment: 1, community_criticism: 0 },
      byRepeat: { repeat: { numerator: 1, denominator: 1 }, first: { numerator: 1, denominator: 1 } },
    });
    // The district as a whole holds these and the other communes' perpetrators.
    expect((await t2('district', 'from=2025-01-01&to=2026-12-31')).denominator).toBeGreaterThanOrEqual(5);
    // A commune officer reads only their commune's figure; the period must run forwards.
    expect((await get(`/api/indicators/t2?${q('2026-01-01', '2026-12-31')}`, 'tranPhu')).statusCode).toBe(403);
    expect((await t2('xuanDuong', 'from=2026-01-01&to=2026-12-31')).denominator).toBe(2);
    expect((await get(`/api/indicators/t2?${q('2026-12-31', '2026-01-01')}`, 'district')).statusCode).toBe(400);
  });

  it('does not tell through the unit filter in which other commune a visible perpetrator’s hidden incidents happened', async () => {
    const ids = async (who: string, query: string) => (await get(`/api/perpetrators?${query}`, who)).json<PerpetratorList>().items.map((i) => i.id);
    // Tài lives in Trần Phú and has an incident in Côn Minh that Trần Phú may not see.
    expect((await page(tai, 'tranPhu')).hiddenIncidentCount).toBeGreaterThan(0);
    expect(await ids('tranPhu', `unitId=${unit.tranPhu}`)).toContain(tai);
    expect(await ids('tranPhu', `unitId=${unit.conMinh}`)).not.toContain(tai);
    // Côn Minh sees its own incident, so its own unit finds him; his commune of residence is shown anyway.
    expect(await ids('conMinh', `unitId=${unit.conMinh}`)).toContain(tai);
    expect(await ids('conMinh', `unitId=${unit.tranPhu}`)).toContain(tai);
  });

  it('does not count an incident of a case closed as a duplicate towards the community-criticism rule', async () => {
    const first = await opened('vanLang', [{ sex: 'male', relationship: 'husband', newPerpetrator: { identity: { fullName: 'Nông Văn Lợi', sex: 'male', ageYears: 44 } } }]);
    const loi = first.incidents[0]?.perpetrators?.[0]?.perpetratorId as string;
    const twice = await opened('vanLang', [{ sex: 'male', relationship: 'husband', perpetratorId: loi }]);
    expect((await page(loi, 'vanLang')).criticismRule).toMatchObject({ applies: true, reasons: [{ condition: 'adult', met: true }, { condition: 'repeated_acts', met: true, count: 2 }, { condition: 'not_sanctioned', met: true, count: 0 }, { condition: 'violent_after_sanction', met: false, count: 0 }] });
    // The second report was the same incident recorded again: the case is closed as a duplicate (set directly: the approval flow is tested with cases).
    await t.deps.db.updateTable('cases').set({ status: 'closed', closure_reason: 'duplicate' }).where('id', '=', twice.id).execute();
    const after = await page(loi, 'vanLang');
    expect(after.criticismRule.applies).toBe(false);
    expect(after.criticismRule.reasons[1]).toEqual({ condition: 'repeated_acts', met: false, count: 1 });
    // Nor is he a repeat perpetrator any more, on his page, in the list and on the case.
    expect(after.isRepeat).toBe(false);
    const repeatIds = async (value: string) => (await get(`/api/perpetrators?repeat=${value}&unitId=${unit.vanLang}`, 'vanLang')).json<PerpetratorList>().items.map((i) => i.id);
    expect(await repeatIds('true')).not.toContain(loi);
    expect(await repeatIds('false')).toContain(loi);
    expect((await casePerpetrators(first.id, 'vanLang'))[0]?.isRepeat).toBe(false);
    expect((await casePerpetrators(first.id, 'vanLang'))[0]?.criticismApplies).toBe(false);
    const refused = await post(`/api/perpetrators/${loi}/measures`, 'vanLang', { type: 'community_criticism', decidedOn: todayInVietnam(), decidingBody: 'residential_community', incidentId: first.incidents[0]?.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues[0].path).toBe('ruleOverrideReason');

    // A pre-2025 district given as the commune of residence is kept, not silently replaced by its province.
    const district = await t.unitId('066', '1997-01-01');
    const moved = await patch(`/api/perpetrators/${loi}`, 'vanLang', { unitId: district });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<PerpetratorDetail>().unit).toMatchObject({ id: district, code: '066' });
  });

  it('rolls T2 up across the 2025 merger: an incident of 2024 in Cư Lễ counts for Trần Phú, once', async () => {
    const cuLe = await t.unitId('02176', '1997-01-01');
    expect(cuLe).not.toBe(unit.tranPhu);
    const payload = caseIntake(cuLe, { detectedAt: '2024-06-10T03:00:00.000Z', survivor: { fullName: 'Ma Thị Nhung', phone: '0912399001' } });
    payload.firstIncident.perpetrators = [{ sex: 'male', ageYears: 52, relationship: 'husband', newPerpetrator: { identity: { fullName: 'Ma Văn Quý', sex: 'male', ageYears: 52 } } }] as unknown as typeof payload.firstIncident.perpetrators;
    const response = await t.inject({ method: 'POST', url: '/api/cases', cookie: cookie.district, payload });
    expect(response.statusCode, response.body).toBe(201);
    const quy = response.json<CaseDetail>().incidents[0]?.perpetrators?.[0]?.perpetratorId as string;
    await post(`/api/perpetrators/${quy}/counselling`, 'district', { heldOn: '2024-06-20', counsellor: 'Công an xã', topic: 'law_on_domestic_violence', attendance: 'attended' });
    const y2024 = `from=2024-01-01&to=2024-12-31`;
    expect(await t2('statistician', `unitId=${unit.tranPhu}&${y2024}`)).toMatchObject({ numerator: 1, denominator: 1, byMeasure: { counselling: 1 } });
    expect(await t2('tranPhu', y2024)).toMatchObject({ numerator: 1, denominator: 1 });
    expect(await t2('statistician', `unitId=${unit.conMinh}&${y2024}`)).toMatchObject({ denominator: 0 });
    // The record's old commune is in Trần Phú's area: its officer sees him.
    expect((await page(quy, 'tranPhu')).incidents).toHaveLength(1);
  });
});
