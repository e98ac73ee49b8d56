// Closing a case can need the supervisor's approval: the commune officer's request waits on the case.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('closure_requested_at', 'varchar(30)').execute();
  await db.schema.alterTable('cases').addColumn('closure_requested_by', 'varchar(36)').execute();
  await db.schema.alterTable('cases').addColumn('closure_requested_reason', 'varchar(40)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['closure_requested_reason', 'closure_requested_by', 'closure_requested_at']) {
    await db.schema.alterTable('cases').dropColumn(column).execute();
  }
}
