// Communication activities with their audience counts by group and sex (T4, T5), population figures
// per unit, year and group (their denominators), and workbook imports with their validation report.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outreach_imports')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('processed_rows', 'integer', (c) => c.notNull())
    .addColumn('valid_rows', 'integer', (c) => c.notNull())
    .addColumn('rejected_rows', 'integer', (c) => c.notNull())
    /** JSON: the rejected rows' issues (at most 1,000), and warnings. */
    .addColumn('rejections', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    /** JSON: the activities assembled from the valid rows, waiting for the user's decision. Emptied once imported. */
    .addColumn('payload', 'text')
    .addColumn('activities_found', 'integer', (c) => c.notNull())
    .addColumn('imported_activities', 'integer', (c) => c.notNull())
    .addColumn('failure_code', 'varchar(40)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outreach_activities')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('village_id', 'varchar(36)', (c) => c.references('admin_units.id'))
    .addColumn('activity_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('format', 'varchar(30)', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('language', 'varchar(10)', (c) => c.notNull())
    .addColumn('language_other', 'text')
    /** JSON [{ name, quantity }]. */
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('facilitator_member_id', 'varchar(36)', (c) => c.references('network_members.id'))
    .addColumn('campaign', 'varchar(30)')
    .addColumn('campaign_note', 'text')
    .addColumn('counting_basis', 'varchar(20)', (c) => c.notNull())
    /** The sum of the audience lines, kept for lists and sorting. */
    .addColumn('audience_total', 'integer', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('import_id', 'varchar(36)', (c) => c.references('outreach_imports.id'))
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('updated_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outreach_activities_date').on('outreach_activities').columns(['activity_date', 'unit_id']).execute();
  await db.schema.createIndex('outreach_activities_unit').on('outreach_activities').columns(['unit_id', 'activity_date']).execute();
  await db.schema.createIndex('outreach_activities_creator').on('outreach_activities').columns(['created_by', 'activity_date']).execute();
  await db.schema.createIndex('outreach_activities_facilitator').on('outreach_activities').column('facilitator_member_id').execute();

  await db.schema
    .createTable('outreach_audiences')
    .addColumn('activity_id', 'varchar(36)', (c) => c.notNull().references('outreach_activities.id').onDelete('cascade'))
    .addColumn('audience_group', 'varchar(20)', (c) => c.notNull())
    .addColumn('female', 'integer', (c) => c.notNull())
    .addColumn('male', 'integer', (c) => c.notNull())
    .addColumn('unknown_sex', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('outreach_audiences_pk', ['activity_id', 'audience_group'])
    .execute();

  await db.schema
    .createTable('population_figures')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('audience_group', 'varchar(20)', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('female', 'integer')
    .addColumn('male', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('population_figures_once', ['unit_id', 'year', 'audience_group'])
    .execute();
  await db.schema.createIndex('population_figures_year').on('population_figures').columns(['year', 'unit_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['population_figures', 'outreach_audiences', 'outreach_activities', 'outreach_imports']) {
    await db.schema.dropTable(table).execute();
  }
}
