// Retries an operator can trust (issue 15, finding 3): the same X-Client-Op-Id sent many times at once
// answers one success and the rest "already saved" (not 500 "not saved"); an Idempotency-Key that is
// malformed is refused instead of ignored; the same key with another body is refused instead of
// answering with the first record.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@binhan/domain';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { caseIntake, HOUR } from '../../test/factories.js';

const CONCURRENT = 10;

describe.each(DATABASES)('retries on %s', (kind) => {
  let t: TestApp;
  let tranPhu: string;
  let officer: string;
  const count = async (table: 'cases' | 'follow_ups' | 'community_reports') =>
    Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp(kind, { totpRoles: [] });
    tranPhu = await t.unitId('02176');
    officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
  });
  afterAll(async () => t.close());

  const openCase = (headers: Record<string, string>, payload: object = caseIntake(tranPhu)) =>
    t.inject({ method: 'POST', url: '/api/cases', cookie: officer, payload, headers });

  it(`the same X-Client-Op-Id opening a case ${CONCURRENT} times at once: one 201, every other answer 409 already saved, one case`, async () => {
    const before = await count('cases');
    const opId = randomUUID();
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => openCase({ 'x-client-op-id': opId })));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses, answers.map((a) => a.body).join('\n')).toEqual([201, ...Array<number>(CONCURRENT - 1).fill(409)]);
    for (const answer of answers.filter((a) => a.statusCode === 409)) expect(answer.json().error.code).toBe('SYNC_ALREADY_APPLIED');
    expect(await count('cases')).toBe(before + 1);
  });

  it(`the same X-Client-Op-Id adding a follow-up ${CONCURRENT} times at once: one 201, the others 409 already saved, one follow-up`, async () => {
    const created = (await openCase({})).json<CaseDetail>();
    const before = await count('follow_ups');
    const opId = randomUUID();
    const payload = { contactedAt: new Date(Date.now() - HOUR).toISOString(), method: 'home_visit', survivorSafe: 'yes', violenceRecurred: false };
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, () =>
      t.inject({ method: 'POST', url: `/api/cases/${created.id}/follow-ups`, cookie: officer, payload, headers: { 'x-client-op-id': opId } })));
    expect(answers.map((a) => a.statusCode).sort(), answers.map((a) => a.body).join('\n')).toEqual([201, ...Array<number>(CONCURRENT - 1).fill(409)]);
    expect(await count('follow_ups')).toBe(before + 1);
  });

  it(`the same Idempotency-Key ${CONCURRENT} times at once answers the same case every time`, async () => {
    const before = await count('cases');
    const key = `draft-${randomUUID()}`;
    const body = caseIntake(tranPhu);
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => openCase({ 'idempotency-key': key }, body)));
    expect(answers.map((a) => a.statusCode), answers.map((a) => a.body).join('\n')).toEqual(Array<number>(CONCURRENT).fill(201));
    expect(new Set(answers.map((a) => a.json<CaseDetail>().id)).size).toBe(1);
    expect(await count('cases')).toBe(before + 1);
  });

  it('an Idempotency-Key outside 16–64 letters, digits and hyphens is refused with 400 and nothing is written', async () => {
    const cases = await count('cases');
    const reports = await count('community_reports');
    for (const key of ['short', 'has spaces in it 1234', `${'x'.repeat(65)}`, 'ký-tự-có-dấu-1234567']) {
      const answer = await openCase({ 'idempotency-key': key, 'accept-language': 'en' });
      expect(answer.statusCode, key).toBe(400);
      expect(answer.json().error).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID', message: expect.stringContaining('16–64 letters') });
      const report = await t.inject({ method: 'POST', url: '/api/community-reports', cookie: officer, headers: { 'idempotency-key': key },
        payload: { unitId: tranPhu, concerns: ['beating'], description: 'Chồng đánh vợ tối qua.', occurredWhen: 'today', inDangerNow: 'no', childInvolved: 'no' } });
      expect(report.statusCode, key).toBe(400);
      expect(report.json().error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    }
    expect(await count('cases')).toBe(cases);
    expect(await count('community_reports')).toBe(reports);
  });

  it('the same Idempotency-Key with another body is refused with 422; sent again with the first body it answers the first case', async () => {
    const key = `draft-${randomUUID()}`;
    const firstBody = caseIntake(tranPhu);
    const first = await openCase({ 'idempotency-key': key }, firstBody);
    expect(first.statusCode, first.body).toBe(201);
    const before = await count('cases');
    const other = caseIntake(tranPhu, { survivor: { fullName: 'Lý Thị Mai' } });
    const reused = await openCase({ 'idempotency-key': key }, other);
    expect(reused.statusCode, reused.body).toBe(422);
    expect(reused.json().error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('Không ghi lần nữa') });
    expect(reused.body).not.toContain('Lý Thị Mai');
    expect(await count('cases')).toBe(before);
    // The same content with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(firstBody).reverse());
    const again = await openCase({ 'idempotency-key': key }, reordered);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json<CaseDetail>().id).toBe(first.json<CaseDetail>().id);
  });

  it('a staff community report: the same key with another body is refused with 422, with the same body answers the first report', async () => {
    const key = `report-${randomUUID()}`;
    const body = { unitId: tranPhu, concerns: ['beating'], description: 'Chồng đánh vợ tối qua.', occurredWhen: 'today', inDangerNow: 'no', childInvolved: 'no' };
    const send = (payload: object) => t.inject({ method: 'POST', url: '/api/community-reports', cookie: officer, payload, headers: { 'idempotency-key': key } });
    const first = await send(body);
    expect(first.statusCode, first.body).toBe(201);
    const before = await count('community_reports');
    const changed = await send({ ...body, inDangerNow: 'yes' });
    expect(changed.statusCode, changed.body).toBe(422);
    expect(changed.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const again = await send(body);
    expect(again.statusCode).toBe(201);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(await count('community_reports')).toBe(before);
  });
});
