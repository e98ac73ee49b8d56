// Demo data: clearly labelled synthetic accounts (one per role) and villages, for trying the product.
// Nothing here describes a real person. Passwords are random, printed and kept in the demo folder.
import fs from 'node:fs';
import path from 'node:path';
import { ROLES, foldVietnamese, type Role } from '@binhan/domain';
import type { Transaction } from 'kysely';
import type { AppDeps } from '../deps.js';
import type { Database } from './schema.js';
import { nowIso } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { generateTemporaryPassword } from '../security/passwords.js';
import { appendAudit } from '../security/audit-chain.js';

export const DEMO_LABEL = '(mẫu)';

const DEMO_VILLAGES: Record<string, string[]> = {
  '02176': ['Bản Pjạc', 'Nà Làng', 'Khuổi Slưn'],
  '02155': ['Pàn Xả', 'Nà Cà', 'Phiêng Tác'],
  '02143': ['Nà Mấn', 'Bản Cháo'],
};

const DEMO_ACCOUNTS: Array<{ role: Role; username: string; displayName: string; unitCode: string; unitFrom: string; organisation?: string }> = [
  { role: 'system_admin', username: 'demo.admin', displayName: 'Quản trị viên', unitCode: '066', unitFrom: '1997-01-01' },
  { role: 'district_leader', username: 'demo.lanhdao', displayName: 'Hoàng Văn Lãnh', unitCode: '066', unitFrom: '1997-01-01' },
  { role: 'district_focal_point', username: 'demo.huyen', displayName: 'Nông Thị Thu', unitCode: '066', unitFrom: '1997-01-01' },
  { role: 'commune_officer', username: 'demo.xa', displayName: 'Lường Thị Mai', unitCode: '02176', unitFrom: '2025-07-01' },
  { role: 'service_provider', username: 'demo.yte', displayName: 'Bế Văn Tùng', unitCode: '02176', unitFrom: '2025-07-01', organisation: 'Trạm y tế xã Trần Phú (mẫu)' },
  { role: 'communicator', username: 'demo.tuyentruyen', displayName: 'Triệu Thị Hằng', unitCode: '02176', unitFrom: '2025-07-01' },
  { role: 'trainer', username: 'demo.giangvien', displayName: 'Ma Văn Định', unitCode: '066', unitFrom: '1997-01-01' },
  { role: 'statistician', username: 'demo.thongke', displayName: 'Hà Thị Ngân', unitCode: '066', unitFrom: '1997-01-01' },
];

export interface DemoAccount {
  role: Role;
  username: string;
  password: string;
}

export async function seedDemo(deps: AppDeps): Promise<DemoAccount[]> {
  // Inside the transaction every query must use `trx`: SQLite has one connection, and a query on
  // deps.db would wait for the transaction to end.
  const unitIdIn = (trx: Transaction<Database>) => async (code: string, validFrom: string) =>
    (await trx.selectFrom('admin_units').select('id').where('code', '=', code).where('valid_from', '=', validFrom).executeTakeFirstOrThrow()).id;
  const accounts: DemoAccount[] = [];
  for (const account of DEMO_ACCOUNTS) accounts.push({ role: account.role, username: account.username, password: generateTemporaryPassword() });
  const hashes = await Promise.all(accounts.map((a) => deps.hasher.hash(a.password)));
  await deps.db.transaction().execute(async (trx) => {
    const unitId = unitIdIn(trx);
    for (const [code, villages] of Object.entries(DEMO_VILLAGES)) {
      const parentId = await unitId(code, '2025-07-01');
      for (const [index, name] of villages.entries()) {
        const label = `${name} ${DEMO_LABEL}`;
        await trx.insertInto('admin_units').values({
          id: newId(), code: `${code}-T${String(index + 1).padStart(2, '0')}`, name: label, name_folded: foldVietnamese(label), kind: 'village',
          parent_id: parentId, valid_from: '2025-07-01', valid_to: null, created_at: nowIso(),
        }).execute();
      }
    }
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      const at = nowIso();
      const displayName = `${account.displayName} ${DEMO_LABEL}`;
      const id = newId();
      await trx.insertInto('users').values({
        id, username: account.username, display_name: displayName, display_name_folded: foldVietnamese(displayName), role: account.role,
        unit_id: await unitId(account.unitCode, account.unitFrom), organisation: account.organisation ?? null, locale: 'vi',
        password_hash: hashes[index] as string, must_change_password: 0, totp_secret_enc: null, totp_enabled: 0, totp_last_step: null,
        is_disabled: 0, last_sign_in_at: null, created_at: at, updated_at: at, provider_id: null,
      }).execute();
      await appendAudit(trx, deps, { action: 'user.create', actorUsername: 'system', resourceType: 'user', resourceId: id, details: { role: account.role, demo: true } });
    }
  });
  deps.units.invalidate();
  if (ROLES.length !== DEMO_ACCOUNTS.length) throw new Error('every role needs a demo account');
  return accounts;
}

export function writeDemoAccounts(dataDir: string, accounts: DemoAccount[]): string {
  const file = path.join(dataDir, 'demo-accounts.txt');
  const lines = ['# Tài khoản dữ liệu mẫu / demo accounts (synthetic data only)', ...accounts.map((a) => `${a.username}\t${a.password}\t${a.role}`), ''];
  fs.writeFileSync(file, lines.join('\n'), { mode: 0o600 });
  return file;
}

export function readDemoAccounts(dataDir: string): string | null {
  const file = path.join(dataDir, 'demo-accounts.txt');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}
