// Plans, their indicators and targets (DOMAIN.md §1–2): a plan is data — number, issuer, period, vision
// year — with indicators built from named numerators and denominators, and targets per year and unit.
// Plan 85/KH-UBND is seeded at start once the administrative units exist (db/seed-plans.ts).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('title_vi', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('issuer', 'varchar(200)', (c) => c.notNull())
    .addColumn('issuing_unit_id', 'varchar(36)', (c) => c.references('admin_units.id'))
    .addColumn('issued_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('to_year', 'integer', (c) => c.notNull())
    .addColumn('vision_year', 'integer')
    .addColumn('description', 'text')
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plan_indicators')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('plan_id', 'varchar(36)', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('code', 'varchar(20)', (c) => c.notNull())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('definition_vi', 'text', (c) => c.notNull())
    .addColumn('definition_en', 'text', (c) => c.notNull())
    .addColumn('numerator_key', 'varchar(60)', (c) => c.notNull())
    .addColumn('denominator_key', 'varchar(60)')
    .addColumn('target_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('plan_indicators_plan_code', ['plan_id', 'code'])
    .execute();

  await db.schema
    .createTable('plan_targets')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('indicator_id', 'varchar(36)', (c) => c.notNull().references('plan_indicators.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('plan_targets_indicator_year_unit', ['indicator_id', 'year', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan_targets').execute();
  await db.schema.dropTable('plan_indicators').execute();
  await db.schema.dropTable('plans').execute();
}
