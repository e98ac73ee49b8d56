// Community reports (tin báo từ cộng đồng) from the public page and the staff app, and how each was
// triaged: a case opened, a link to an existing case, or closed with a reason. What the reporter wrote
// and how to reach them are one encrypted value; the queue sorts on the plain flags and codes.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('community_reports')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('reference', 'varchar(8)', (c) => c.notNull().unique())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('village_id', 'varchar(36)', (c) => c.references('admin_units.id'))
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('concerns', 'text', (c) => c.notNull())
    .addColumn('occurred_when', 'varchar(20)', (c) => c.notNull())
    .addColumn('in_danger_now', 'varchar(10)', (c) => c.notNull())
    .addColumn('child_involved', 'varchar(10)', (c) => c.notNull())
    .addColumn('has_contact', 'integer', (c) => c.notNull())
    // { placeNote, description, reporterRelation, contact }
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'varchar(36)', (c) => c.references('users.id'))
    // "<user id>:<Idempotency-Key>" of a staff submission, so a resent form files one report.
    .addColumn('client_key', 'varchar(120)', (c) => c.unique())
    .addColumn('received_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('triaged_at', 'varchar(30)')
    .addColumn('triaged_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('triage_minutes', 'integer')
    .addColumn('case_id', 'varchar(36)', (c) => c.references('cases.id'))
    .addColumn('close_reason', 'varchar(30)')
    .addColumn('triage_note_enc', 'text')
    .execute();
  await db.schema.createIndex('community_reports_queue').on('community_reports').columns(['unit_id', 'status', 'received_at']).execute();
  await db.schema.createIndex('community_reports_submitter').on('community_reports').columns(['submitted_by', 'received_at']).execute();
  await db.schema.createIndex('community_reports_case').on('community_reports').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('community_reports').execute();
}
