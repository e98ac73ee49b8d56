// Every dated record belongs to a unit valid on its date (issue 13, DOMAIN.md §11); intake and every dated
// form refuse anything else from now on. This migration reports and repairs the rows written before that rule:
// a case detected in 2018 recorded against today's Trần Phú (02176, Cư Lễ's code in 2018) moves to the unit
// that held its place that day; a row that cannot be placed without guessing stays and is reported. Each row
// looked at leaves a line in `unit_repairs` (table, row, date, unit before, unit after or null), which
// `units check` prints.
import { sql, type Kysely } from 'kysely';
import { UnitGraph, mainSuccessorOf, unitsValidInstead, vietnamDateOf, isValidAt, type AdminUnit, type UnitKind } from '@binhan/domain';

/** The dated records: the table, its unit column and how its date is read. */
export const DATED_RECORDS = [
  { table: 'cases', date: 'detected_at', kind: 'instant' },
  { table: 'incidents', date: 'occurred_at', kind: 'instant' },
  { table: 'perpetrator_links', date: 'occurred_at', kind: 'instant' },
  { table: 'outreach_activities', date: 'activity_date', kind: 'day' },
  { table: 'training_courses', date: 'end_date', kind: 'day' },
  { table: 'focal_points', date: 'from_date', kind: 'day' },
  { table: 'population_figures', date: 'year', kind: 'year' },
] as const;

export interface MisplacedRecord {
  table: string;
  rowId: string;
  date: string;
  unitId: string;
  /** The unit valid that day to move the row to; null when no single one can be named. */
  repairTo: string | null;
}

/** The unit a record of `unit` dated `date` belongs to, when exactly one can be named. */
export function repairTarget(graph: UnitGraph, unit: AdminUnit, date: string): string | null {
  if (unit.validTo !== null && date > unit.validTo) {
    // A later date: along the main successors to the unit valid then.
    let current: AdminUnit | undefined = unit;
    for (let steps = 0; current && !isValidAt(current, date) && steps < 20; steps += 1) {
      const next = mainSuccessorOf(graph, current.id);
      current = next ? graph.get(next.link.toId) : undefined;
    }
    return current && isValidAt(current, date) ? current.id : null;
  }
  // An earlier date: of the units that held the place that day, those whose records move into this unit
  // (along main successors) — the only one, or the one that had the same code (Cư Lễ, 02176, for today's
  // Trần Phú). Anything else would be a guess: the row stays and is reported.
  const leadsHere = (from: AdminUnit): boolean => {
    let current: AdminUnit | undefined = from;
    for (let steps = 0; current && steps < 20; steps += 1) {
      if (current.id === unit.id) return true;
      const next = mainSuccessorOf(graph, current.id);
      current = next ? graph.get(next.link.toId) : undefined;
    }
    return false;
  };
  const instead = unitsValidInstead(graph, unit.id, date).filter(leadsHere);
  if (instead.length === 1) return (instead[0] as AdminUnit).id;
  return instead.find((u) => u.code === unit.code)?.id ?? null;
}

// Migrations see the database as it was then: untyped, with the tables named above.
type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function loadGraph(db: Db): Promise<UnitGraph> {
  const rows = await db.selectFrom('admin_units').select(['id', 'code', 'name', 'kind', 'parent_id', 'valid_from', 'valid_to']).execute();
  const links = await db.selectFrom('unit_successions').select(['from_id', 'to_id', 'is_part', 'is_main']).execute();
  return new UnitGraph(
    rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind as UnitKind, parentId: r.parent_id, validFrom: r.valid_from, validTo: r.valid_to })),
    links.map((l) => ({ fromId: l.from_id, toId: l.to_id, isPart: Number(l.is_part) === 1, isMain: Number(l.is_main) === 1 })),
  );
}

/** Rows of the dated tables whose unit did not exist on their date (by the exact Vietnamese day). */
export async function findMisplaced(db: Db, graph: UnitGraph): Promise<MisplacedRecord[]> {
  const found: MisplacedRecord[] = [];
  for (const spec of DATED_RECORDS) {
    // A loose filter in SQL (the text of the date against the unit's dates), the exact day below.
    const rows = await db.selectFrom(`${spec.table} as t`).innerJoin('admin_units as u', 'u.id', 't.unit_id')
      .select([sql<string>`t.id`.as('id'), sql<string>`t.unit_id`.as('unit_id'), sql<string>`${sql.ref(`t.${spec.date}`)}`.as('at')])
      .where((eb) => eb.or([
        spec.kind === 'year' ? eb(sql`${sql.ref('u.valid_to')}`, '<', sql`${sql.ref(`t.${spec.date}`)} || '-12-31'`) : eb(sql.ref(`t.${spec.date}`), '<', sql`${sql.ref('u.valid_from')} || 'T23:59:59.999Z'`),
        spec.kind === 'year' ? eb(sql`${sql.ref('u.valid_from')}`, '>', sql`${sql.ref(`t.${spec.date}`)} || '-12-31'`) : eb(sql.ref(`t.${spec.date}`), '>', sql.ref('u.valid_to')),
      ]))
      .execute();
    for (const row of rows) {
      const unit = graph.get(row.unit_id);
      if (!unit) continue;
      const date = spec.kind === 'instant' ? vietnamDateOf(row.at) : spec.kind === 'year' ? `${row.at}-12-31` : row.at;
      if (isValidAt(unit, date)) continue;
      found.push({ table: spec.table, rowId: row.id, date, unitId: unit.id, repairTo: repairTarget(graph, unit, date) });
    }
  }
  return found;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('unit_repairs')
    .addColumn('table_name', 'varchar(40)', (c) => c.notNull())
    .addColumn('row_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('record_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('from_unit_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('to_unit_id', 'varchar(36)')
    .addColumn('repaired_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_repairs_pk', ['table_name', 'row_id'])
    .execute();
  await repairMisplaced(db as Db);
}

/** Moves each misplaced row to the unit of its day where one can be named, and records every row looked at. */
export async function repairMisplaced(db: Db): Promise<MisplacedRecord[]> {
  const misplaced = await findMisplaced(db, await loadGraph(db));
  const at = new Date().toISOString();
  for (const m of misplaced) {
    if (m.repairTo !== null) await db.updateTable(m.table).set({ unit_id: m.repairTo }).where('id', '=', m.rowId).execute();
    await db.deleteFrom('unit_repairs').where('table_name', '=', m.table).where('row_id', '=', m.rowId).execute();
    await db.insertInto('unit_repairs').values({ table_name: m.table, row_id: m.rowId, record_date: m.date, from_unit_id: m.unitId, to_unit_id: m.repairTo, repaired_at: at }).execute();
  }
  return misplaced;
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('unit_repairs').execute();
}
