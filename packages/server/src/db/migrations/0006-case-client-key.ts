// A case opened from a phone may be sent twice when the answer is lost on a weak connection; the client's
// key for its draft lets the server recognise the second send as the same intake.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('client_key', 'varchar(64)').execute();
  await db.schema.createIndex('cases_client_key').on('cases').column('client_key').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_client_key').execute();
  await db.schema.alterTable('cases').dropColumn('client_key').execute();
}
