// Operations (issue 15). The search-index and audit keys derive from a key root kept in the database,
// encrypted under the current data key (re-encrypted by rotation like every protected value), so they
// no longer depend on which data keys an operator still has. A database made before this keeps the
// root it used so far (the oldest key of the ring), written here at the first start after upgrading.
// Cases and staff community reports opened with an Idempotency-Key keep a hash of the request, so the
// same key sent with another body is refused instead of silently answering with the first record.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('key_roots')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('root_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('cases').addColumn('client_request_hash', 'varchar(64)').execute();
  await db.schema.alterTable('community_reports').addColumn('client_request_hash', 'varchar(64)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('community_reports').dropColumn('client_request_hash').execute();
  await db.schema.alterTable('cases').dropColumn('client_request_hash').execute();
  await db.schema.dropTable('key_roots').execute();
}
