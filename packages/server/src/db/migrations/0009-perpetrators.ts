// Perpetrators (target T2, DOMAIN.md §5): the record with its identity encrypted and keyed-hash search
// tokens (as survivors'), its links to incidents (one person, many incidents across cases and units),
// counselling sessions and handling measures. A no-contact order points at the case's protection
// measure instead of copying it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('perpetrators')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(40)', (c) => c.notNull().unique())
    // Commune of residence (or of the case that first recorded the person): scopes who sees the record.
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('identity_enc', 'text', (c) => c.notNull())
    // The coarse facts reports and rules use; everything else is in identity_enc.
    .addColumn('sex', 'varchar(10)', (c) => c.notNull())
    .addColumn('birth_year', 'integer')
    .addColumn('ethnicity_code', 'varchar(4)')
    .addColumn('substance_use', 'varchar(20)', (c) => c.notNull())
    .addColumn('weapon_access', 'varchar(10)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('perpetrators_unit').on('perpetrators').column('unit_id').execute();

  // HMACs with their own purpose, so a perpetrator's tokens never equal a survivor's for the same person.
  await db.schema
    .createTable('perpetrator_tokens')
    .addColumn('perpetrator_id', 'varchar(36)', (c) => c.notNull().references('perpetrators.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('perpetrator_tokens_lookup').on('perpetrator_tokens').columns(['kind', 'token_hash', 'perpetrator_id']).execute();
  await db.schema.createIndex('perpetrator_tokens_perpetrator').on('perpetrator_tokens').column('perpetrator_id').execute();

  // One row per perpetrator and incident. unit_id is the case's unit (who may see the link); occurred_at
  // is the incident's, copied so the T2 period and repeat counts need no join.
  await db.schema
    .createTable('perpetrator_links')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('perpetrator_id', 'varchar(36)', (c) => c.notNull().references('perpetrators.id').onDelete('cascade'))
    .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('occurred_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('relationship', 'varchar(40)', (c) => c.notNull())
    .addColumn('age_years', 'integer')
    .addColumn('note_enc', 'text')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('perpetrator_links_once', ['perpetrator_id', 'incident_id'])
    .execute();
  await db.schema.createIndex('perpetrator_links_case').on('perpetrator_links').column('case_id').execute();
  await db.schema.createIndex('perpetrator_links_unit_time').on('perpetrator_links').columns(['unit_id', 'occurred_at']).execute();
  await db.schema.createIndex('perpetrator_links_incident').on('perpetrator_links').column('incident_id').execute();

  await db.schema
    .createTable('perpetrator_counselling')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('perpetrator_id', 'varchar(36)', (c) => c.notNull().references('perpetrators.id').onDelete('cascade'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('case_id', 'varchar(36)', (c) => c.references('cases.id').onDelete('set null'))
    .addColumn('incident_id', 'varchar(36)', (c) => c.references('incidents.id').onDelete('set null'))
    .addColumn('held_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('counsellor', 'varchar(200)', (c) => c.notNull())
    .addColumn('topic', 'varchar(40)', (c) => c.notNull())
    .addColumn('topic_note', 'varchar(200)')
    .addColumn('attendance', 'varchar(20)', (c) => c.notNull())
    .addColumn('outcome_enc', 'text')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('perpetrator_counselling_perpetrator').on('perpetrator_counselling').columns(['perpetrator_id', 'held_on']).execute();

  await db.schema
    .createTable('perpetrator_measures')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('perpetrator_id', 'varchar(36)', (c) => c.notNull().references('perpetrators.id').onDelete('cascade'))
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('case_id', 'varchar(36)', (c) => c.references('cases.id').onDelete('set null'))
    .addColumn('incident_id', 'varchar(36)', (c) => c.references('incidents.id').onDelete('set null'))
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('decided_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('deciding_body', 'varchar(40)', (c) => c.notNull())
    .addColumn('deciding_body_note', 'varchar(200)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('decision_number', 'varchar(60)')
    .addColumn('fine_vnd', 'integer')
    .addColumn('criminal_stage', 'varchar(30)')
    // JSON { description, outcome }, encrypted.
    .addColumn('notes_enc', 'text')
    .addColumn('rule_override_reason_enc', 'text')
    // 1 when community criticism was recorded although the rule of the law was not met.
    .addColumn('rule_flag', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('protection_measure_id', 'varchar(36)', (c) => c.references('protection_measures.id').onDelete('set null'))
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('perpetrator_measures_perpetrator').on('perpetrator_measures').columns(['perpetrator_id', 'decided_on']).execute();
  // The same measure twice on the same day is a double entry; a cancelled one does not block a new one.
  await sql`create unique index perpetrator_measures_once on perpetrator_measures (perpetrator_id, type, decided_on) where status <> 'cancelled'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['perpetrator_measures', 'perpetrator_counselling', 'perpetrator_links', 'perpetrator_tokens', 'perpetrators']) {
    await db.schema.dropTable(table).execute();
  }
}
