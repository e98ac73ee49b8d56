// The service directory, the survivor's consent records and referrals to providers. A provider's staff
// account is linked to its directory entry, so its inbox holds only referrals addressed to it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('providers')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('name_folded', 'varchar(200)', (c) => c.notNull())
    .addColumn('service_types', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('units_served', 'text', (c) => c.notNull())
    .addColumn('address', 'varchar(300)')
    .addColumn('phone', 'varchar(40)')
    .addColumn('hours', 'varchar(200)')
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('users').addColumn('provider_id', 'varchar(36)', (c) => c.references('providers.id')).execute();

  await db.schema
    .createTable('consents')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('obtained_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('obtained_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('given_by', 'varchar(30)', (c) => c.notNull())
    .addColumn('store_data', 'integer', (c) => c.notNull())
    .addColumn('contact', 'integer', (c) => c.notNull())
    .addColumn('contact_channels', 'text', (c) => c.notNull())
    .addColumn('share_with', 'text', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('withdrawn_at', 'varchar(30)')
    .addColumn('withdrawn_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consents_case').on('consents').column('case_id').execute();

  await db.schema
    .createTable('referrals')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('provider_id', 'varchar(36)', (c) => c.notNull().references('providers.id'))
    .addColumn('service_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('urgency', 'varchar(20)', (c) => c.notNull())
    .addColumn('referred_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('referred_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('consent_id', 'varchar(36)', (c) => c.references('consents.id'))
    .addColumn('exception_reason', 'varchar(30)')
    .addColumn('exception_approved_by', 'varchar(36)', (c) => c.references('users.id'))
    // What the provider may see: a snapshot made at referral time from what consent allows.
    .addColumn('shared_enc', 'text', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('responded_at', 'varchar(30)')
    .addColumn('completed_at', 'varchar(30)')
    .addColumn('response_note_enc', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('referrals_case').on('referrals').column('case_id').execute();
  await db.schema.createIndex('referrals_provider').on('referrals').columns(['provider_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('referrals').execute();
  await db.schema.dropTable('consents').execute();
  await db.schema.alterTable('users').dropColumn('provider_id').execute();
  await db.schema.dropTable('providers').execute();
}
