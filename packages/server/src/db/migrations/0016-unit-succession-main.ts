// Time-aware places (issue 13). A succession record names, for each old unit, whether it went wholly or in
// part into a new unit, and which successor is the main one: when an old unit was split, its records whose
// village is unknown move to the main successor in "today's units" (marked as an approximation), so no
// record is counted twice or dropped. Existing links: an old unit's first successor (the seed lists the
// main one first, and a merger has one) becomes its main one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('unit_successions').addColumn('is_main', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The one successor that took the whole of an old unit (or its largest part) is the main one.
  await sql`update unit_successions set is_main = 1 where is_part = 0 and from_id in (
    select from_id from unit_successions where is_part = 0 group by from_id having count(*) = 1)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('unit_successions').dropColumn('is_main').execute();
}
