// The roster of gender-equality focal points (one row per posting; a person moving post gets a new
// posting with the same person_id), training courses and their attendees (T3), the network of
// communicators and collaborators, and trusted addresses. Phones, names of network members and the
// location and contact of a trusted address are encrypted.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('focal_points')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('person_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('sex', 'varchar(10)', (c) => c.notNull())
    .addColumn('ethnicity', 'varchar(2)')
    .addColumn('user_id', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('from_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('to_date', 'varchar(10)')
    .addColumn('end_reason', 'text')
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('focal_points_unit').on('focal_points').columns(['unit_id', 'from_date']).execute();
  await db.schema.createIndex('focal_points_person').on('focal_points').column('person_id').execute();

  await db.schema
    .createTable('network_members')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('village_id', 'varchar(36)', (c) => c.references('admin_units.id'))
    .addColumn('full_name_enc', 'text', (c) => c.notNull())
    .addColumn('sex', 'varchar(10)', (c) => c.notNull())
    .addColumn('ethnicity', 'varchar(2)')
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('role_kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('is_core', 'integer', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('user_id', 'varchar(36)', (c) => c.unique().references('users.id'))
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('network_members_unit').on('network_members').column('unit_id').execute();

  await db.schema
    .createTable('training_courses')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_folded', 'text', (c) => c.notNull())
    .addColumn('topic', 'varchar(40)', (c) => c.notNull())
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('organiser', 'text', (c) => c.notNull())
    .addColumn('venue', 'text')
    .addColumn('trainers', 'text')
    .addColumn('materials', 'text')
    .addColumn('other_attendees', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_courses_dates').on('training_courses').columns(['end_date', 'start_date']).execute();

  await db.schema
    .createTable('course_attendees')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('course_id', 'varchar(36)', (c) => c.notNull().references('training_courses.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    /** The roster person_id, the user id or the network member id, by kind. */
    .addColumn('ref_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('days_attended', 'text', (c) => c.notNull())
    .addColumn('completed', 'integer', (c) => c.notNull())
    .addColumn('score_before', 'real')
    .addColumn('score_after', 'real')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('course_attendees_once', ['course_id', 'kind', 'ref_id'])
    .execute();
  await db.schema.createIndex('course_attendees_ref').on('course_attendees').columns(['ref_id', 'completed']).execute();

  await db.schema
    .createTable('trusted_addresses')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(36)', (c) => c.notNull().references('admin_units.id'))
    .addColumn('village_id', 'varchar(36)', (c) => c.references('admin_units.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    // Even a household's label ("Nhà bà X") can tell where a survivor shelters: encrypted like the location.
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('contact_person_enc', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('address_enc', 'text')
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trusted_addresses_unit').on('trusted_addresses').column('unit_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['trusted_addresses', 'course_attendees', 'training_courses', 'network_members', 'focal_points']) {
    await db.schema.dropTable(table).execute();
  }
}
