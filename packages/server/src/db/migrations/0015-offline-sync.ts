// Offline work and sync (issue 8). Cases gain two editable details: the safety plan (narrative, encrypted
// like every other free text) and the date of the next follow-up. Every operation a device sends leaves a
// receipt keyed by its client-generated id, written in the same transaction as the write it made, so a
// repeated send (a lost answer, a retry, a replay) is answered from the receipt and never applied twice.
// A field edit that meets a newer change of the same field on the server is kept as a conflict, with
// the three values (encrypted), until a person chooses.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('safety_plan_enc', 'text').execute();
  await db.schema.alterTable('cases').addColumn('next_follow_up_on', 'varchar(10)').execute();

  await db.schema
    .createTable('sync_operations')
    .addColumn('op_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('device_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('case_id', 'varchar(36)')
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('code', 'varchar(60)')
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sync_operations_user').on('sync_operations').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('sync_conflicts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('op_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('cases.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('field', 'varchar(30)', (c) => c.notNull())
    .addColumn('base_value_enc', 'text')
    .addColumn('device_value_enc', 'text')
    .addColumn('server_value_enc', 'text')
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('resolution', 'varchar(10)')
    .addColumn('resolved_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sync_conflicts_case').on('sync_conflicts').columns(['case_id', 'status']).execute();
  await db.schema.createIndex('sync_conflicts_op').on('sync_conflicts').columns(['op_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sync_conflicts').execute();
  await db.schema.dropTable('sync_operations').execute();
  await db.schema.alterTable('cases').dropColumn('next_follow_up_on').execute();
  await db.schema.alterTable('cases').dropColumn('safety_plan_enc').execute();
}
