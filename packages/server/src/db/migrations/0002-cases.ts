// Survivor cases (target T1): cases with their sequence counters, the survivor's identity (encrypted,
// with keyed-hash search tokens), incidents, risk assessments and the case timeline.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_sequences')
    .addColumn('unit_code', 'varchar(20)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_sequences_pk', ['unit_code', 'year'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('code', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('village_id', 'varchar(36)', (c) => c.references('admin_units.id'))
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('closure_reason', 'varchar(40)')
    .addColumn('detection_source', 'varchar(40)', (c) => c.notNull())
    .addColumn('detected_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('received_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_officer_id', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('is_child', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('risk_level', 'varchar(10)')
    // The level of the first assessment sets the time limit of the first intervention (T1).
    .addColumn('first_risk_level', 'varchar(10)')
    .addColumn('first_intervention_at', 'varchar(30)')
    .addColumn('has_service_or_referral', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  for (const column of ['unit_id', 'status', 'detected_at', 'assigned_officer_id']) {
    await db.schema.createIndex(`cases_${column}`).on('cases').column(column).execute();
  }

  // One row per case. Everything that identifies the person is in identity_enc; the other columns are
  // the few coarse facts reports count (sex, age group at detection, ethnicity, disability).
  await db.schema
    .createTable('survivors')
    .addColumn('case_id', 'varchar(36)', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
    .addColumn('identity_enc', 'text', (c) => c.notNull())
    .addColumn('sex', 'varchar(10)', (c) => c.notNull())
    .addColumn('age_group', 'varchar(10)', (c) => c.notNull())
    .addColumn('ethnicity_code', 'varchar(4)')
    .addColumn('has_disability', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Keyed hashes (HMAC) of folded name tokens, name + birth year, and phone: search and duplicate checks
  // without decrypting anything and without storing anything that can be reversed without the key.
  await db.schema
    .createTable('survivor_tokens')
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survivor_tokens_lookup').on('survivor_tokens').columns(['kind', 'token_hash']).execute();
  await db.schema.createIndex('survivor_tokens_case').on('survivor_tokens').column('case_id').execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('occurred_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('place_type', 'varchar(30)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('acts', 'text', (c) => c.notNull())
    .addColumn('forms', 'text', (c) => c.notNull())
    .addColumn('gbvims_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('gbvims_suggested', 'varchar(40)')
    .addColumn('override_reason_enc', 'text')
    .addColumn('context', 'varchar(30)', (c) => c.notNull())
    .addColumn('injuries', 'varchar(30)', (c) => c.notNull())
    .addColumn('reported_to_police', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('details_enc', 'text')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_case').on('incidents').column('case_id').execute();

  await db.schema
    .createTable('risk_assessments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('assessed_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('assessed_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('level', 'varchar(10)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_assessments_case').on('risk_assessments').column('case_id').execute();

  // The case timeline: what happened when and who did it; narratives are encrypted.
  await db.schema
    .createTable('case_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['case_events', 'risk_assessments', 'incidents', 'survivor_tokens', 'survivors', 'cases', 'case_sequences']) {
    await db.schema.dropTable(table).execute();
  }
}
