// Support plans: the survivor's needs, agreed actions with owners and due dates, and the safety plan;
// drafted by the case team, approved or returned by the district focal point. Each approved version is kept.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('support_plans')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull())
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('next_due_on', 'varchar(10)')
    .addColumn('submitted_at', 'varchar(30)')
    .addColumn('submitted_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('decided_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('decision_note_enc', 'text')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('support_plans_case_version', ['case_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('support_plans').execute();
}
