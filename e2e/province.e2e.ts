// A province leader compares communes across the 2025 reorganisation (issue 13): Thái Nguyên loaded from the
// national lists, cases of 2024 in an old Bắc Kạn commune (Cư Lễ, Na Rì district) and in an old Thái Nguyên
// ward (Quán Triều). In the units of 2024 the province shows its own old wards and communes, each with its
// own records; in today's units the same year shows the 92 communes of 1/7/2025, Cư Lễ's cases in Trần Phú
// and Quán Triều's in Quan Triều, and the rows add up to the province.
import { describe, expect, it } from 'vitest';
import { newId } from '../packages/server/src/lib/ids.js';
import { loadProvinces } from '../packages/server/src/modules/admin-units/reference.js';
import { createUser } from '../packages/server/src/modules/users/service.js';
import { generateTotpSecret } from '../packages/server/src/security/totp.js';
import { newPage, type RunningServer, screenshot, signInAs, useServerAndBrowser } from './support.js';

const PASSWORD = 'Hồ Núi Cốc nước trong xanh 2026';
const HOUR = 3_600_000;

async function unitId(server: RunningServer, code: string, from: string): Promise<string> {
  return (await server.deps.db.selectFrom('admin_units').select('id').where('code', '=', code).where('valid_from', '=', from).executeTakeFirstOrThrow()).id;
}

/** Survivors of 2024 (high risk, 12 h limit): Cư Lễ 2 of 3 supported in time, Quán Triều 1 of 1. */
async function seedCases(server: RunningServer): Promise<void> {
  const { deps } = server;
  const cuLe = await unitId(server, '02176', '1997-01-01');
  const quanTrieu = (await deps.db.selectFrom('admin_units').select(['id']).where('code', '=', '05431').executeTakeFirstOrThrow()).id;
  const receiver = await deps.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
  const rows: Array<[string, string, number | null]> = [
    [cuLe, '2024-02-12T10:00', 1], [cuLe, '2024-05-01T21:00', 5], [cuLe, '2024-10-09T07:30', null], [quanTrieu, '2024-08-20T09:00', 2],
  ];
  let seq = 0;
  for (const [unit, local, after] of rows) {
    seq += 1;
    const detected = Date.parse(`${local}:00+07:00`);
    const at = new Date().toISOString();
    await deps.db.insertInto('cases').values({
      id: newId(), code: `2024-TN-${String(seq).padStart(3, '0')}`, unit_id: unit, village_id: null, status: 'follow_up', closure_reason: null,
      detection_source: 'village_head', detected_at: new Date(detected).toISOString(), received_by: receiver.id, assigned_officer_id: null, is_child: 0,
      risk_level: 'high', first_risk_level: 'high', first_intervention_at: after === null ? null : new Date(detected + after * HOUR).toISOString(),
      has_service_or_referral: 1, client_key: null, closure_requested_at: null, closure_requested_by: null, closure_requested_reason: null,
      version: 1, created_at: at, updated_at: at,
    }).execute();
  }
}

describe('a province across the 2025 reorganisation', () => {
  const env = useServerAndBrowser();

  it('compares the communes of 2024 as they were and as today’s communes, and the rows add up to the province', async () => {
    const { deps, baseUrl } = env.server;
    const loaded = await loadProvinces(deps, { provinces: ['19'] });
    expect(loaded.problems).toEqual([]);
    const province = await unitId(env.server, '19', '1997-01-01');
    const secret = generateTotpSecret();
    // Since 1/7/2025 the district roles sit at the province (DOMAIN.md §3).
    const { user } = await createUser(deps, null, { username: 'hoa.lt', displayName: 'Lương Thị Hoa', role: 'district_leader', unitId: province, organisation: undefined, locale: 'vi' }, { temporaryPassword: PASSWORD });
    await deps.db.updateTable('users').set({ must_change_password: 0, totp_enabled: 1, totp_secret_enc: deps.cipher.encrypt(secret) }).where('id', '=', user.id).execute();
    await seedCases(env.server);

    const { context, page } = await newPage(env.browser, 'desktop');
    await signInAs(page, baseUrl, 'hoa.lt', PASSWORD, secret);

    // Today's units: the 92 communes of Thái Nguyên, with 2024's cases moved into them.
    await page.goto(`${baseUrl}/app/dashboard?unit=${province}&from=2024&to=2024&units=today`);
    const t1 = page.getByTestId('indicator-T1');
    await t1.getByTestId('indicator-fraction').filter({ hasText: /Tử số\s*3.*Mẫu số\s*4/s }).waitFor();
    const communes = page.getByTestId('communes-table-T1');
    await communes.getByRole('row').filter({ hasText: 'Trần Phú' }).filter({ hasText: '2/3' }).waitFor();
    await communes.getByRole('row').filter({ hasText: 'Quan Triều' }).filter({ hasText: '1/1' }).waitFor();
    // One row per commune of today (a header row besides).
    expect(await communes.locator('tbody tr').count()).toBe(92);
    await screenshot(page, 'province-01-today-units');

    // The units of 2024: Thái Nguyên's own wards and communes of that year, each with its own records; Na Rì
    // then belonged to Bắc Kạn, so Cư Lễ is not among them and the province counts Quán Triều alone.
    await page.getByText('Đơn vị hành chính của năm đó').click();
    await t1.getByTestId('indicator-fraction').filter({ hasText: /Tử số\s*1.*Mẫu số\s*1/s }).waitFor();
    await communes.getByRole('row').filter({ hasText: 'Quán Triều' }).filter({ hasText: '1/1' }).waitFor();
    expect(await communes.getByRole('row').filter({ hasText: 'Cư Lễ' }).count()).toBe(0);
    expect(await communes.getByRole('row').filter({ hasText: 'Trần Phú' }).count()).toBe(0);
    const oldRows = await communes.locator('tbody tr').count();
    expect(oldRows).toBeGreaterThan(92);
    await screenshot(page, 'province-02-units-of-2024');

    // Bắc Kạn of 2024 in its own units: Cư Lễ with its three cases.
    const bacKan = await unitId(env.server, '06', '1997-01-01');
    await page.goto(`${baseUrl}/app/dashboard?unit=${bacKan}&from=2024&to=2024&units=then`);
    await communes.getByRole('row').filter({ hasText: 'Cư Lễ' }).filter({ hasText: '2/3' }).waitFor();
    await screenshot(page, 'province-03-bac-kan-2024');
    await context.close();
  });
});
