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
import * as perpetratorLinkRequests from './migrations/0200-perpetrator-link-requests.js';
import * as refusalCounters from './migrations/0201-refusal-counters.js';

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
  '0200-perpetrator-link-requests': perpetratorLinkRequests,
  '0201-refusal-counters': refusalCounters,
};

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(this.migrations);
  }
}

export class MigrationError extends Error {}

export async function migrateToLatest(db: Kysely<Database>, migrations: Record<string, Migration> = MIGRATIONS): Promise<string[]> {
  // On PostgreSQL the migration tables go in the current schema explicitly: without it Kysely looks for
  // them in every schema and may find another tenant's (or another test's) and skip creating its own.
  const schema = db.getExecutor().adapter instanceof PostgresAdapter
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(migrations), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new MigrationError(`Migration ${failed} failed, nothing was changed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
