// Periodic reports (DOMAIN.md §8): one report per unit and period, drafted by the commune (or the district
// for its consolidated report), submitted, returned with a comment or approved. Approval stores the
// figures as they were (approved_figures, JSON of codes and counts): the report keeps them whatever
// happens to the records later; the live figures are compared with them and shown as corrections.
// The narrative and the district's comments are encrypted like every other free text.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('periodic_reports')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('level', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('narrative_enc', 'text', (c) => c.notNull())
    .addColumn('approved_figures', 'text')
    .addColumn('return_comment_enc', 'text')
    .addColumn('submitted_at', 'varchar(30)')
    .addColumn('submitted_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('decided_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('periodic_reports_unit_period', ['unit_id', 'period'])
    .execute();
  await db.schema.createIndex('periodic_reports_period').on('periodic_reports').columns(['period', 'status']).execute();

  // The report's history: drafted, saved, submitted, returned (with the comment), approved.
  await db.schema
    .createTable('periodic_report_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('report_id', 'varchar(36)', (c) => c.notNull().references('periodic_reports.id').onDelete('cascade'))
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('comment_enc', 'text')
    .execute();
  await db.schema.createIndex('periodic_report_events_report').on('periodic_report_events').columns(['report_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('periodic_report_events').execute();
  await db.schema.dropTable('periodic_reports').execute();
}
