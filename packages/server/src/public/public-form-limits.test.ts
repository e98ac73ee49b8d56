// Finding 6 of the outside probe, the public form: one token was accepted for 10 reports in a row, and a
// global 200/hour cap let a flood from many addresses block genuine reporters for an hour. A token now
// sends one report, and the hourly limit is per commune.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DATABASES, type TestApp } from '../test/test-app.js';
import { signFormToken } from './form-token.js';

describe.each(DATABASES)('public form limits on %s', (kind) => {
  let t: TestApp;
  let tranPhu: string;
  let conMinh: string;
  let sent = 0;

  beforeAll(async () => {
    t = await createTestApp(kind);
    tranPhu = await t.unitId('02176');
    conMinh = await t.unitId('02185');
  });
  afterAll(async () => t.close());

  const countReports = async () => Number((await t.deps.db.selectFrom('community_reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const post = (unitId: string, token = signFormToken(t.deps, Date.now() - 60_000)) => t.inject({
    method: 'POST', url: '/bao-tin', remoteAddress: `198.51.100.${(sent += 1) % 250}`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ token, unitId, concerns: 'beating', description: 'Nghe tiếng la hét bên nhà hàng xóm.' }).toString(),
  });

  it('accepts a form token for one report only', async () => {
    const before = await countReports();
    const token = signFormToken(t.deps, Date.now() - 60_000);
    expect((await post(tranPhu, token)).statusCode).toBe(200);
    const again = await post(tranPhu, token);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Tin báo từ trang này đã được gửi');
    // What was typed stays, with a new token to send it deliberately.
    expect(again.body).toContain('Nghe tiếng la hét');
    expect(again.body).not.toContain(`value="${token}"`);
    for (let i = 0; i < 8; i += 1) expect((await post(tranPhu, token)).statusCode).toBe(400);
    expect(await countReports()).toBe(before + 1);
  });

  it('limits reports per commune, so a flood about one commune does not stop reports about another', async () => {
    t.deps.config.publicPage = { ...t.deps.config.publicPage, reportsPerCommunePerHour: 3 };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await post(tranPhu)).statusCode);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect((await post(conMinh)).statusCode).toBe(200);
  });
});
