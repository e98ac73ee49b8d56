// Migrations run at start and through `migrate`. All pending migrations run in one transaction, so a
// failure leaves the database as it was and the caller stops with a non-zero exit.
import { Migrator, PostgresAdapter, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import * as foundation from './migrations/0001-foundation.js';
import * as cases from './migrations/0002-cases.js';
import * as referrals from './migrations/0003-referrals.js';
import * as measuresFollowUps from './migrations/0004-measures-follow-ups.js';
import * as tokenIndex from './migrations/0005-token-index.js';
import * as caseClientKey from './migrations/0006-case-client-key.js';
import * as supportPlans from './migrations/0007-support-plans.js';
import * as closureRequests from './migrations/0008-closure-requests.js';
import * as perpetrators from './migrations/0009-perpetrators.js';
import * as communityReports from './migrations/0010-community-reports.js';
import * as trainingNetwork from './migrations/0011-training-network.js';
import * as outreach from './migrations/0012-outreach.js';
import * as plans from './migrations/0013-plans.js';
import * as periodicReports from './migrations/0014-reports.js';
import * as offlineSync from './migrations/0015-offline-sync.js';
import * as unitSuccessionMain from './migrations/0016-unit-succession-main.js';
import * as recordUnits from './migrations/0017-record-units.js';
import * as perpetratorLinkRequests from './migrations/0200-perpetrator-link-requests.js';
import * as refusalCounters from './migrations/0201-refusal-counters.js';
// Numbers from 0300 on belong to issue 15's branch (numbers are sorted as text; gaps are fine).
import * as keyRootAndRequestHashes from './migrations/0300-key-root-and-request-hashes.js';

export const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-cases': cases,
  '0003-referrals': referrals,
  '0004-measures-follow-ups': measuresFollowUps,
  '0005-token-index': tokenIndex,
  '0006-case-client-key': caseClientKey,
  '0007-support-plans': supportPlans,
  '0008-closure-requests': closureRequests,
  '0009-perpetrators': perpetrators,
  '0010-community-reports': communityReports,
  '0011-training-network': trainingNetwork,
  '0012-outreach': outreach,
  '0013-plans': plans,
  '0014-reports': periodicReports,
  '0015-offline-sync': offlineSync,
  '0016-unit-succession-main': unitSuccessionMain,
  '0017-record-units': recordUnits,
  '0200-perpetrator-link-requests': perpetratorLinkRequests,
  '0201-refusal-counters': refusalCounters,
  '0300-key-root-and-request-hashes': keyRootAndRequestHashes,
};

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(this.migrations);
  }
}

export class MigrationError extends Error {
  constructor(message: string, readonly vi?: string) {
    super(message);
  }
}

/** Migrations recorded in the database that this version of the code does not know. */
async function unknownMigrations(db: Kysely<Database>, schema: string | undefined, migrations: Record<string, Migration>): Promise<string[]> {
  const table = schema
    ? (await sql<{ found: string | null }>`select to_regclass(${`"${schema}".kysely_migration`})::text as found`.execute(db)).rows[0]?.found
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db)).rows[0]?.name;
  if (!table) return [];
  const { rows } = await sql<{ name: string }>`select name from ${schema ? sql.table(`${schema}.kysely_migration`) : sql.table('kysely_migration')} order by name`.execute(db);
  return rows.map((r) => r.name).filter((name) => !(name in migrations));
}

export async function migrateToLatest(db: Kysely<Database>, migrations: Record<string, Migration> = MIGRATIONS): Promise<string[]> {
  // On PostgreSQL the migration tables go in the current schema explicitly: without it Kysely looks for
  // them in every schema and may find another tenant's (or another test's) and skip creating its own.
  const schema = db.getExecutor().adapter instanceof PostgresAdapter
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  const newer = await unknownMigrations(db, schema, migrations);
  if (newer.length > 0) {
    throw new MigrationError(
      `This database was updated by a newer version of Bình An (migration ${newer.join(', ')}); this version does not know it. Nothing was changed: run the newer version, or restore a backup made with this one.`,
      `Cơ sở dữ liệu này đã được cập nhật bởi phiên bản Bình An mới hơn (migration ${newer.join(', ')}); phiên bản này không biết. Không có gì bị thay đổi: hãy chạy phiên bản mới hơn, hoặc khôi phục bản sao lưu làm bằng phiên bản này.`,
    );
  }
  // Branches number their migrations apart (0016…, 0300…): a database that already ran a higher number
  // still runs a lower one merged later, instead of stopping on Kysely's order check.
  const migrator = new Migrator({
    db, provider: new StaticMigrationProvider(migrations), allowUnorderedMigrations: true, ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new MigrationError(`Migration ${failed} failed, nothing was changed: ${reason}`, `Migration ${failed} thất bại, không có gì bị thay đổi.`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
