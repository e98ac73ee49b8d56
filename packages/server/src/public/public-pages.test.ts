// The public pages and the anonymous report form: what a visitor sees, the strict headers, the weight
// budget, and every way a submission can go wrong (too fast, trap field, bad place, empty, too long,
// script tags, a flood) — with nothing stored unless the report is accepted, and nothing read back.
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DATABASES, type TestApp } from '../test/test-app.js';
import { setClockOffset } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { ADDRESS_BUCKETS, addressCounterKey, countReportCounters, networkOf } from '../modules/community-reports/throttle.js';
import { signFormToken } from './form-token.js';

const BUDGET_BYTES = 50 * 1024;
const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describe.each(DATABASES)('public pages on %s', (kind) => {
  let t: TestApp;
  let tranPhu: string;
  let otherCommune: string;
  let village: string;

  // Each test post comes from its own address, so the per-address limit is tested on its own below.
  let sent = 0;
  const countReports = async () => Number((await t.deps.db.selectFrom('community_reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  /** A form as a person sends it: a token from a page shown a minute ago. */
  const post = (fields: Record<string, string | string[]>, options: { token?: string; remoteAddress?: string; lang?: 'en' } = {}) => {
    const body = new URLSearchParams();
    body.append('token', options.token ?? signFormToken(t.deps, Date.now() - 60_000));
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    return t.inject({
      method: 'POST', url: options.lang === 'en' ? '/bao-tin?lang=en' : '/bao-tin', remoteAddress: options.remoteAddress ?? `203.0.113.${(sent += 1) % 250}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString(),
    });
  };

  const valid = () => ({ unitId: tranPhu, concerns: ['beating', 'child_abuse_or_neglect'], description: 'Nghe tiếng đánh nhau hằng đêm.', occurredWhen: 'this_week', inDangerNow: 'no', childInvolved: 'yes' });

  beforeAll(async () => {
    t = await createTestApp(kind);
    tranPhu = await t.unitId('02176');
    otherCommune = await t.unitId('02155');
    village = newId();
    const at = new Date().toISOString();
    await t.deps.db.insertInto('admin_units').values({ id: village, code: '02176-T01', name: 'Bản Pjạc', name_folded: 'ban pjac', kind: 'village', parent_id: tranPhu, valid_from: '2025-07-01', valid_to: null, created_at: at }).execute();
    // A realistic directory: several public entries per commune, and one that must stay off the page.
    const communes = await t.deps.db.selectFrom('admin_units').select('id').where('kind', '=', 'commune').where('valid_to', 'is', null).execute();
    for (const [index, commune] of communes.entries()) {
      for (const [n, name] of ['Trạm y tế xã', 'Công an xã', 'Hội Liên hiệp Phụ nữ xã'].entries()) {
        await t.deps.db.insertInto('providers').values({
          id: newId(), name: `${name} số ${index}-${n}`, name_folded: `${name} ${index}-${n}`, service_types: JSON.stringify(['health_care', 'psychosocial_counselling']),
          unit_id: commune.id, units_served: JSON.stringify([commune.id]), address: 'Thôn Nà Làng, gần chợ', phone: '0209 3884 123', hours: 'Thứ Hai – Thứ Sáu, 7:30–17:00',
          languages: JSON.stringify(['Tiếng Việt', 'Tày']), is_public: 1, is_active: 1, created_at: at, updated_at: at,
        }).execute();
      }
    }
    await t.deps.db.insertInto('providers').values({
      id: newId(), name: 'Nhà tạm lánh bí mật', name_folded: 'nha tam lanh bi mat', service_types: JSON.stringify(['temporary_shelter']), unit_id: tranPhu,
      units_served: JSON.stringify([tranPhu]), address: null, phone: null, hours: null, languages: '[]', is_public: 0, is_active: 1, created_at: at, updated_at: at,
    }).execute();
    t.deps.units.invalidate();
  });
  afterAll(async () => t.close());

  it('shows the public page in Vietnamese with tap-to-call hotlines, quick exit and help by commune, within 50 KB compressed', async () => {
    const response = await t.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const page = response.body;
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('Thoát nhanh');
    expect(page).toContain('Bấm phím Shift 3 lần để thoát nhanh');
    expect(page).toContain('href="tel:111"');
    expect(page).toContain('href="tel:113"');
    expect(page).toContain('Trạm y tế xã số 0-0');
    expect(page).toContain('href="tel:02093884123"');
    expect(page).not.toContain('Nhà tạm lánh bí mật');
    expect(page).toContain('id="quick-exit" class="exit" href="https://www.google.com/search?q=th%E1%BB%9Di+ti%E1%BA%BFt"');
    const gzipped = gzipSync(page).length;
    expect(gzipped).toBeLessThan(BUDGET_BYTES);
    const form = await t.inject({ method: 'GET', url: '/bao-tin' });
    expect(gzipSync(form.body).length).toBeLessThan(BUDGET_BYTES);
  });

  it('sends its pages compressed itself, so what crosses a slow connection is the budgeted weight', async () => {
    for (const url of ['/', '/bao-tin', '/thoat-nhanh']) {
      const plain = await t.inject({ method: 'GET', url });
      const sent = await t.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(sent.statusCode, url).toBe(200);
      expect(sent.headers['content-encoding'], url).toBe('gzip');
      expect(sent.headers.vary, url).toContain('accept-encoding');
      expect(sent.rawPayload.length, url).toBeLessThan(BUDGET_BYTES);
      expect(sent.rawPayload.length, url).toBeLessThan(plain.rawPayload.length / 2);
      // The same page, less the form's fresh token.
      expect(gunzipSync(sent.rawPayload).toString('utf8').replace(/name="token" value="[^"]+"/, ''), url).toBe(plain.body.replace(/name="token" value="[^"]+"/, ''));
      const refused = await t.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip;q=0, identity' } });
      expect(refused.headers['content-encoding'], url).toBeUndefined();
    }
    // A report's answer is compressed too (the browser sends Accept-Encoding with the form).
    const body = new URLSearchParams({ token: signFormToken(t.deps, Date.now() - 60_000), ...valid(), concerns: 'beating' });
    const result = await t.inject({
      method: 'POST', url: '/bao-tin', remoteAddress: '203.0.113.251', headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-encoding': 'gzip' }, payload: body.toString(),
    });
    expect(result.statusCode).toBe(200);
    expect(gunzipSync(result.rawPayload).toString('utf8')).toContain('class="reference"');
  });

  it('sets no cookie, caches nothing and allows no script or style but its own', async () => {
    for (const url of ['/', '/bao-tin', '/thoat-nhanh', '/?lang=en']) {
      const response = await t.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['set-cookie'], url).toBeUndefined();
      expect(response.headers['cache-control'], url).toBe('no-store');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      // Nothing is fetched from anywhere else: no external script, style, image or font.
      expect(response.body).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)="https?:/);
    }
  });

  it('speaks English with ?lang=en, and keeps the language on its links', async () => {
    const response = await t.inject({ method: 'GET', url: '/?lang=en' });
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('Exit this page');
    expect(response.body).toContain('href="/bao-tin?lang=en"');
    expect(response.body).toContain('National child protection hotline');
  });

  it('sends signed-in staff on to the app', async () => {
    const officer = await t.makeUser('commune_officer');
    const cookie = await t.signIn(officer);
    const response = await t.inject({ method: 'GET', url: '/', cookie });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/app/');
  });

  it('receives a report and answers only with a reference; the words are stored encrypted', async () => {
    const before = await countReports();
    const response = await post({ ...valid(), villageId: village, contactName: 'Chị Lan', contactPhone: '0912 345 678', contactWays: ['sms', 'via_trusted_person'], contactSafeTime: 'sáng 8–10 giờ' });
    expect(response.statusCode, response.body).toBe(200);
    const reference = /<p class="reference">([A-Z2-9]{4}-[A-Z2-9]{4})<\/p>/.exec(response.body)?.[1];
    expect(reference).toBeDefined();
    // Nothing the reporter wrote comes back, so a page left open shows nothing of it.
    expect(response.body).not.toContain('Nghe tiếng đánh nhau');
    expect(response.body).not.toContain('0912 345 678');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(await countReports()).toBe(before + 1);
    const row = await t.deps.db.selectFrom('community_reports').selectAll().where('reference', '=', (reference as string).replace('-', '')).executeTakeFirstOrThrow();
    expect(row.channel).toBe('public');
    expect(row.village_id).toBe(village);
    expect(row.child_involved).toBe('yes');
    expect(row.content_enc).not.toContain('Nghe');
    expect(JSON.parse(t.deps.cipher.decrypt(row.content_enc))).toMatchObject({ description: 'Nghe tiếng đánh nhau hằng đêm.', contact: { name: 'Chị Lan', phone: '0912 345 678', ways: ['sms', 'via_trusted_person'] } });
    // The audit entry of a public report carries no address: the page leaves no trace of its visitor.
    const entry = await t.deps.db.selectFrom('audit_log').selectAll().where('resource_id', '=', row.id).executeTakeFirstOrThrow();
    expect(entry.action).toBe('community_report.create');
    expect(entry.ip_address).toBeNull();
  });

  it('shows the emergency numbers before anything else when someone is in danger now', async () => {
    const response = await post({ ...valid(), inDangerNow: 'yes', childInvolved: 'no' });
    expect(response.statusCode).toBe(200);
    const main = response.body.slice(response.body.indexOf('<main'));
    expect(main.indexOf('class="emergency"')).toBeGreaterThan(-1);
    expect(main.indexOf('class="emergency"')).toBeLessThan(main.indexOf('<h1>'));
    expect(main).toContain('Đang có người gặp nguy hiểm: hãy gọi ngay');
  });

  it('puts 111 first when a child is involved', async () => {
    const response = await post({ ...valid(), inDangerNow: 'yes', childInvolved: 'yes' });
    const main = response.body.slice(response.body.indexOf('<main'));
    expect(main.indexOf('tel:111')).toBeLessThan(main.indexOf('tel:113'));
    expect(main.indexOf('tel:111')).toBeLessThan(main.indexOf('<h1>'));
  });

  it('keeps script tags in every field as text: stored as typed, shown escaped when the form comes back', async () => {
    const fields = {
      unitId: tranPhu, concerns: ['other'], description: XSS, placeNote: XSS, occurredWhen: 'today', inDangerNow: 'no', childInvolved: 'no',
      contactName: XSS, contactSafeTime: XSS, contactNote: XSS, contactPhone: '<b>1</b>',
    };
    // The phone is not a number, so the form comes back with everything the reporter typed.
    const again = await post(fields);
    expect(again.statusCode).toBe(400);
    expect(again.body).not.toContain('<script>alert');
    expect(again.body).not.toContain('<img src=x');
    expect(again.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(again.body).toContain('value="&lt;b&gt;1&lt;/b&gt;"');
    expect(again.body).toContain('Số điện thoại chỉ gồm chữ số');
    const response = await post({ ...fields, contactPhone: '' });
    expect(response.statusCode).toBe(200);
    const reference = (/<p class="reference">([A-Z2-9-]+)<\/p>/.exec(response.body)?.[1] as string).replace('-', '');
    const row = await t.deps.db.selectFrom('community_reports').select('content_enc').where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(JSON.parse(t.deps.cipher.decrypt(row.content_enc))).toMatchObject({ description: XSS, placeNote: XSS, contact: { name: XSS, safeTime: XSS, note: XSS } });
  });

  it('refuses a form sent seconds after it was shown, a forged or stale token and a filled trap field, storing nothing', async () => {
    const before = await countReports();
    const fast = await post(valid(), { token: signFormToken(t.deps, Date.now() - 1_000) });
    expect(fast.statusCode).toBe(400);
    expect(fast.body).toContain('Tin báo được gửi quá nhanh');
    // The reporter's words are kept in the form to send again.
    expect(fast.body).toContain('Nghe tiếng đánh nhau hằng đêm.');
    const forged = await post(valid(), { token: `${Date.now() - 60_000}.forged` });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('Trang đã mở quá lâu');
    const stale = await post(valid(), { token: signFormToken(t.deps, Date.now() - 25 * 3_600_000) });
    expect(stale.statusCode).toBe(400);
    const trap = await post({ ...valid(), website: 'http://spam.example' });
    expect(trap.statusCode).toBe(400);
    expect(trap.body).toContain('Không nhận được tin báo này');
    expect(trap.body).not.toContain('spam.example');
    expect(await countReports()).toBe(before);
  });

  it('refuses a forged token whose signature is not plain ASCII as a bad token, not as a server error', async () => {
    const before = await countReports();
    const issued = Date.now() - 60_000;
    const mac = signFormToken(t.deps, issued).split('.')[1] as string;
    const response = await post(valid(), { token: `${issued}.${'é'.repeat(mac.length)}` });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Trang đã mở quá lâu');
    expect(await countReports()).toBe(before);
  });

  it('counts a line break as one character, as the text box did, so a long text with many lines is not refused', async () => {
    // 4200 characters as sent (CRLF), 2800 as typed.
    const response = await post({ ...valid(), description: 'a\r\n'.repeat(1400) });
    expect(response.statusCode, response.body).toBe(200);
    const reference = (/<p class="reference">([A-Z2-9-]+)<\/p>/.exec(response.body)?.[1] as string).replace('-', '');
    const row = await t.deps.db.selectFrom('community_reports').select('content_enc').where('reference', '=', reference).executeTakeFirstOrThrow();
    const stored = (JSON.parse(t.deps.cipher.decrypt(row.content_enc)) as { description: string }).description;
    expect(stored).not.toContain('\r');
    expect(stored.length).toBe(2799);
  });

  it('names the problem for an unknown commune, a village of another commune, an empty or oversized report', async () => {
    const before = await countReports();
    const unknown = await post({ ...valid(), unitId: newId() });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Hãy chọn xã, phường hoặc thị trấn.');
    expect(unknown.body).toContain('href="#unitId"');
    const missing = await post({ ...valid(), unitId: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Hãy chọn xã, phường hoặc thị trấn.');
    const elsewhere = await post({ ...valid(), unitId: otherCommune, villageId: village });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.body).toContain('Thôn đã chọn không thuộc xã này');
    const empty = await post({ unitId: tranPhu, description: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Hãy chọn ít nhất một việc đã xảy ra, hoặc viết vài dòng mô tả.');
    const long = await post({ ...valid(), description: 'à'.repeat(3001) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('quá dài (tối đa 3000 ký tự)');
    const english = await post({ ...valid(), description: 'à'.repeat(3001) }, { lang: 'en' });
    expect(english.body).toContain('is too long (at most 3000 characters)');
    const huge = await post({ ...valid(), description: 'x'.repeat(70 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain('text/html');
    expect(huge.body).toContain('Tin báo quá dài');
    const json = await t.inject({ method: 'POST', url: '/bao-tin', payload: { unitId: tranPhu, concerns: ['beating'] } });
    expect(json.statusCode).toBe(415);
    expect(await countReports()).toBe(before);
  });

  it('refuses a form posted from another site', async () => {
    const response = await t.inject({
      method: 'POST', url: '/bao-tin', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: signFormToken(t.deps, Date.now() - 60_000), unitId: tranPhu, concerns: 'beating' }).toString(),
    });
    expect(response.statusCode).toBe(403);
  });
});

describe.each(DATABASES)('a flood of public reports on %s', (kind) => {
  let t: TestApp;
  let tranPhu: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.deps.config.publicPage = { ...t.deps.config.publicPage, reportsPerAddressPer10Minutes: 3, reportsPerHour: 5 };
    tranPhu = await t.unitId('02176');
  });
  afterAll(async () => t.close());

  const post = (remoteAddress: string) => t.inject({
    method: 'POST', url: '/bao-tin', remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ token: signFormToken(t.deps, Date.now() - 60_000), unitId: tranPhu, concerns: 'beating', description: 'Giữ nguyên nội dung' }).toString(),
  });

  it('keeps one counter per network however its address is written, and a bounded number of counters for any number of networks', () => {
    expect(networkOf('198.51.100.7')).toBe('198.51.100.7');
    expect(networkOf('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(networkOf('::FFFF:c633:6407')).toBe('198.51.100.7');
    const household = networkOf('2001:db8:1:2::10');
    expect(household).toBe('2001:db8:1:2::/64');
    for (const spelling of ['2001:0DB8:0001:0002:0:0:0:11', '2001:db8:1:2:ffff::1', '2001:db8:1:2:a:b:c:d', '2001:db8:1:2::1%eth0']) {
      expect(networkOf(spelling), spelling).toBe(household);
    }
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('2001:db8:0:0::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('2001:db8::1:2:3:4:5')).toBe('2001:db8:0:1::/64');
    expect(addressCounterKey(t.deps, '2001:db8:1:2::10')).toBe(addressCounterKey(t.deps, '2001:0db8:1:2:0::99'));
    // However many networks a flood comes from (or forges in a forwarded-for header), the counters are bounded.
    const keys = new Set<string>();
    for (let i = 0; i < 40_000; i += 1) keys.add(addressCounterKey(t.deps, `2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`));
    expect(keys.size).toBeLessThanOrEqual(ADDRESS_BUCKETS);
    expect(keys.size).toBeGreaterThan(ADDRESS_BUCKETS / 2);
    // The counter's key holds no address, not even a hash long enough to test guesses against.
    for (const key of [...keys].slice(0, 50)) expect(key).toMatch(/^report-address:\d{1,5}$/);
  });

  it('slows one address, then all of them, while the server keeps answering and the counters stay small', async () => {
    for (let i = 0; i < 3; i += 1) expect((await post('198.51.100.7')).statusCode).toBe(200);
    const limited = await post('198.51.100.7');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toContain('Có quá nhiều tin báo được gửi trong thời gian ngắn');
    // What was typed stays in the form.
    expect(limited.body).toContain('Giữ nguyên nội dung');
    // Another household is not blocked by the first; addresses of one IPv6 /64 count together.
    expect((await post('2001:db8:1:2::10')).statusCode).toBe(200);
    expect((await post('2001:db8:1:2::11')).statusCode).toBe(200);
    // The hourly limit for the whole page holds whoever sends.
    const overall = await post('192.0.2.99');
    expect(overall.statusCode).toBe(429);
    const stored = Number((await t.deps.db.selectFrom('community_reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(stored).toBe(5);
    for (let i = 0; i < 30; i += 1) expect((await post(`10.0.${i}.1`)).statusCode).toBe(429);
    expect((await t.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    // Counters are swept once their window is long over, so a flood does not leave rows behind.
    expect(await countReportCounters(t.deps)).toBeGreaterThan(30);
    setClockOffset(3 * 3_600_000);
    await post('10.9.9.9');
    expect(await countReportCounters(t.deps)).toBeLessThanOrEqual(3);
    setClockOffset(0);
  });
});
