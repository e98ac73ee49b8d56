// A link from a case to a perpetrator recorded by another commune waits for that commune's consent (or
// the focal point's above both): until it is approved nothing of the record is visible to the requester.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('perpetrator_link_requests')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('perpetrator_id', 'varchar(36)', (c) => c.notNull().references('perpetrators.id').onDelete('cascade'))
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull().references('cases.id'))
    .addColumn('incident_id', 'varchar(36)', (c) => c.notNull().references('incidents.id'))
    /** The requesting case's commune. */
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull())
    /** The record's commune when asked: the one whose consent is needed. */
    .addColumn('owner_unit_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('occurred_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('relationship', 'varchar(40)', (c) => c.notNull())
    .addColumn('age_years', 'integer')
    .addColumn('note_enc', 'text')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('requested_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('requested_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('decided_by', 'varchar(36)')
    .addColumn('decided_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('perpetrator_link_requests_owner').on('perpetrator_link_requests').columns(['owner_unit_id', 'status']).execute();
  await db.schema.createIndex('perpetrator_link_requests_unit').on('perpetrator_link_requests').columns(['unit_id', 'status']).execute();
  await db.schema.createIndex('perpetrator_link_requests_incident').on('perpetrator_link_requests').columns(['incident_id', 'perpetrator_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('perpetrator_link_requests').execute();
}
