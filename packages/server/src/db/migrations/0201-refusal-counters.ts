// Refused requests per user and per address and hour (issue 14, item 4): the counter decides whether a
// refusal is still written to the audit log (a flood cannot fill the disk) and when it becomes an alert.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('refusal_counters')
    /** 'user' (a user id) or 'address' (a client address; a keyed hash for the anonymous public form). */
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('subject', 'varchar(80)', (c) => c.notNull())
    .addColumn('window_start', 'varchar(30)', (c) => c.notNull())
    .addColumn('refusals', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('refusal_counters_pk', ['kind', 'subject', 'window_start'])
    .execute();
  await db.schema.createIndex('refusal_counters_window').on('refusal_counters').columns(['window_start', 'refusals']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('refusal_counters').execute();
}
