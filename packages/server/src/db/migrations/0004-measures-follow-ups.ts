// Protection measures (Law 13/2022 Art. 22) and follow-up contacts after support (DOMAIN.md §4). Notes
// are encrypted; the dates, issuer and status stay plain so active and expiring orders can be queried.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('protection_measures')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('issuer', 'varchar(40)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    // The number of the decision (e.g. "12/QĐ-UBND"), as the measure schema takes it.
    .addColumn('decision_number', 'varchar(60)')
    .addColumn('requested_at', 'varchar(30)')
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('starts_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ends_at', 'varchar(30)')
    .addColumn('note_enc', 'text')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('protection_measures_case').on('protection_measures').column('case_id').execute();
  // Orders in effect that run out soon, for alerts and lists of active orders.
  await db.schema.createIndex('protection_measures_status_ends').on('protection_measures').columns(['status', 'ends_at']).execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('contacted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('method', 'varchar(30)', (c) => c.notNull())
    .addColumn('survivor_safe', 'varchar(10)', (c) => c.notNull())
    .addColumn('violence_recurred', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON array of support service types.
    .addColumn('new_needs', 'text', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('next_follow_up_on', 'varchar(10)')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('follow_ups_case').on('follow_ups').columns(['case_id', 'contacted_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['follow_ups', 'protection_measures']) {
    await db.schema.dropTable(table).execute();
  }
}
