// One attribution rule for every figure (DOMAIN.md §11). A record belongs to the unit valid at its own date
// (a case at its detection, an activity at its date, a course at its end, a population figure at 31/12 of its
// year). A figure of an area is the sum of its rows, so the communes add up to the area by construction:
// - "units of that year" (`then`): each record stays with its own unit (a village's record with its commune);
//   the rows of an area are the units beneath it at the records' dates, and the units formed wholly out of
//   them later (the district of Na Rì keeps the six communes that replaced it in 2025);
// - "today's units" (`today`): each record moves to exactly one unit valid today — with its village when the
//   village still exists and sits in a commune valid today, otherwise along the main successor of each unit
//   it passed through, marked as an approximation when that meant choosing one part of a split.
// Never counted twice (one row per record), never dropped (a unit without a successor keeps its records).
import { COMMUNE_LEVEL_KINDS, VILLAGE_LEVEL_KINDS, isValidAt, type AdminUnit, type UnitGraph, type UnitSuccession } from './admin-units.js';

export const UNITS_VIEWS = ['then', 'today'] as const;
export type UnitsView = (typeof UNITS_VIEWS)[number];

function isVillageLevel(unit: AdminUnit): boolean {
  return VILLAGE_LEVEL_KINDS.includes(unit.kind);
}

export function isCommuneLevelUnit(unit: AdminUnit): boolean {
  return COMMUNE_LEVEL_KINDS.includes(unit.kind);
}

/**
 * The successor an old unit's records move to when nothing else says where: the one marked main, else the
 * only one, else the one that took it whole, else the one that kept its code, else the lowest code.
 * `approximate` when the old unit went to several units (or only in part), so the choice is a rule.
 */
export function mainSuccessorOf(graph: UnitGraph, unitId: string): { link: UnitSuccession; approximate: boolean } | null {
  const links = graph.successorsOf(unitId);
  if (links.length === 0) return null;
  const code = graph.get(unitId)?.code;
  const byCode = [...links].sort((a, b) => (graph.get(a.toId)?.code ?? '').localeCompare(graph.get(b.toId)?.code ?? ''));
  const link = links.find((l) => l.isMain === true)
    ?? (links.length === 1 ? links[0] : undefined)
    ?? (links.filter((l) => !l.isPart).length === 1 ? links.find((l) => !l.isPart) : undefined)
    ?? links.find((l) => graph.get(l.toId)?.code === code)
    ?? byCode[0];
  if (link === undefined) return null;
  return { link, approximate: links.length > 1 || link.isPart };
}

const BASES = new WeakMap<UnitGraph, Map<string, Attribution>>();

/**
 * The attribution of a unit's area in a view on a date, limited to `visible` (null: every unit). The walk over
 * every unit is made once per graph (the unit graph is cached and rebuilt when units change).
 */
export function attributionOf(graph: UnitGraph, unitId: string, view: UnitsView, today: string, visible: ReadonlySet<string> | null = null): Attribution {
  let bases = BASES.get(graph);
  if (!bases) BASES.set(graph, (bases = new Map()));
  const key = `${unitId}|${view}|${today}`;
  let base = bases.get(key);
  if (!base) bases.set(key, (base = new Attribution(graph, unitId, view, today)));
  return visible === null ? base : new Attribution(graph, unitId, view, today, visible, null, base);
}

/**
 * The units a record dated `date` should be placed in instead of `unitId`, which did not exist that day: the
 * units of the same level that held its area then (Cư Lễ, Văn Minh and Trần Phú for today's Trần Phú in 2018).
 */
export function unitsValidInstead(graph: UnitGraph, unitId: string, date: string): AdminUnit[] {
  const unit = graph.get(unitId);
  if (!unit) return [];
  const sameLevel = (u: AdminUnit) => (isCommuneLevelUnit(unit) ? isCommuneLevelUnit(u) : u.kind === unit.kind);
  return graph.unitsHoldingAreaAt(unitId, date).map((m) => m.unit).filter(sameLevel)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Where one record goes: its row, and whether choosing it was an approximation. */
export interface RowOf {
  rowId: string;
  approximate: boolean;
}

/**
 * The attribution of records to rows for one area and one view. Build it with attributionOf (the walk over
 * every unit is made once per graph, area, view and date) and ask it for every record.
 */
export class Attribution {
  /** The rows whose records make up the area (its communes, and the area's own level where it has records). */
  readonly rows: ReadonlySet<string>;
  /** The units whose records may land in a row: read records of these, then keep those whose row is in `rows`. */
  readonly sourceUnits: ReadonlySet<string>;
  private readonly cache: Map<string, RowOf>;
  private readonly area: ReadonlySet<string>;

  constructor(
    readonly graph: UnitGraph,
    readonly areaUnitId: string,
    readonly view: UnitsView,
    /** Today's date in Vietnam (yyyy-mm-dd): the date of "today's units". */
    readonly today: string,
    /** The units the reader may see (null: all); rows and sources outside it are left out. */
    readonly visible: ReadonlySet<string> | null = null,
    /** Keep only these rows (see only()). */
    keep: ReadonlySet<string> | null = null,
    /** An unrestricted attribution of the same area, view and date, whose walk this one reuses. */
    base?: Attribution,
  ) {
    this.area = base?.area ?? areaOf(graph, areaUnitId);
    this.cache = base?.cache ?? new Map();
    const rows = new Set<string>(base?.rows ?? []);
    const sources = new Set<string>(base?.sourceUnits ?? []);
    if (!base) this.walk(rows, sources);
    if (visible !== null) {
      for (const id of [...rows]) if (!visible.has(id)) rows.delete(id);
      for (const id of [...sources]) if (!visible.has(id)) sources.delete(id);
    }
    if (keep !== null) for (const id of [...rows]) if (!keep.has(id)) rows.delete(id);
    this.rows = rows;
    this.sourceUnits = sources;
  }

  private walk(rows: Set<string>, sources: Set<string>): void {
    const { graph, area, today } = this;
    if (this.view === 'then') {
      for (const id of area) {
        const unit = graph.get(id);
        if (!unit) continue;
        rows.add(this.thenRow(unit));
        sources.add(id);
      }
      return;
    }
    for (const id of area) {
      const unit = graph.get(id);
      // A unit that begins after the date holds none of the records up to it.
      if (unit && !isVillageLevel(unit) && unit.validFrom <= today) rows.add(this.rowOf(id).rowId);
    }
    // Every unit whose records move into one of these rows (its predecessors, their villages).
    for (const unit of graph.byId.values()) {
      const row = isVillageLevel(unit) ? this.villageRow(unit) : this.rowOf(unit.id).rowId;
      if (row !== null && rows.has(row)) sources.add(unit.id);
    }
    for (const id of rows) for (const d of graph.descendantsOf(id)) sources.add(d);
  }

  private thenRow(unit: AdminUnit): string {
    if (isVillageLevel(unit) && unit.parentId !== null) return unit.parentId;
    return unit.id;
  }

  /** A village's commune today, when the village and that commune are both valid today. */
  private villageRow(village: AdminUnit): string | null {
    if (!isValidAt(village, this.today) || village.parentId === null) return null;
    const parent = this.graph.get(village.parentId);
    return parent && isValidAt(parent, this.today) ? parent.id : null;
  }

  /** The row of a record of `unitId` (the unit valid at its date) and, where known, its village. */
  rowOf(unitId: string, villageId: string | null = null): RowOf {
    if (this.view === 'today' && villageId !== null) {
      const village = this.graph.get(villageId);
      const row = village ? this.villageRow(village) : null;
      if (row !== null) return { rowId: row, approximate: false };
    }
    let found = this.cache.get(unitId);
    if (found) return found;
    const unit = this.graph.get(unitId);
    if (!unit) found = { rowId: unitId, approximate: false };
    else if (this.view === 'then') found = { rowId: this.thenRow(unit), approximate: false };
    else found = this.todayRow(unit);
    this.cache.set(unitId, found);
    return found;
  }

  /**
   * Along main successors to a unit valid today. A unit that ended without a successor (a district abolished
   * in 2025) keeps its records when it lies in this area (the district's own row), and otherwise hands them to
   * the unit that took over its parent's area (the province), so no record is dropped from today's units.
   */
  private todayRow(start: AdminUnit): RowOf {
    let unit = isVillageLevel(start) && start.parentId !== null ? (this.graph.get(start.parentId) ?? start) : start;
    let approximate = false;
    const seen = new Set<string>();
    while (!isValidAt(unit, this.today) && unit.validTo !== null && unit.validTo < this.today && !seen.has(unit.id)) {
      seen.add(unit.id);
      const next = mainSuccessorOf(this.graph, unit.id);
      const target = next ? this.graph.get(next.link.toId) : undefined;
      if (next && target) {
        approximate ||= next.approximate;
        unit = target;
        continue;
      }
      const parent = unit.parentId !== null && !this.area.has(unit.id) ? this.graph.get(unit.parentId) : undefined;
      if (!parent) break;
      unit = parent;
    }
    return { rowId: unit.id, approximate };
  }

  /**
   * The same attribution narrowed to some of its rows (a consolidated report adds its communes' reports to
   * its own row: a course or an activity the district itself held).
   */
  only(rowIds: Iterable<string>): Attribution {
    return new Attribution(this.graph, this.areaUnitId, this.view, this.today, this.visible, new Set(rowIds), this);
  }

  /** Whether a record goes to a row of this area. */
  includes(unitId: string, villageId: string | null = null): boolean {
    return this.rows.has(this.rowOf(unitId, villageId).rowId);
  }

  /** The rows to show for a period: in the units of that year, those valid at some day of it; today's otherwise. */
  rowsShownFor(from: string, to: string): AdminUnit[] {
    const shown: AdminUnit[] = [];
    for (const id of this.rows) {
      const unit = this.graph.get(id);
      if (!unit) continue;
      if (this.view === 'then' && (unit.validFrom > to || (unit.validTo !== null && unit.validTo < from))) continue;
      shown.push(unit);
    }
    return shown;
  }
}

/**
 * The area of a unit through time: the unit and everything beneath it; the units that had ended before it
 * began and whose records move into it (along their main successors: today's Trần Phú holds Hữu Thác's 2018
 * records); and the units formed wholly out of all these later (the district of Na Rì keeps the six
 * communes that replaced it in 2025). It never takes in a unit that existed beside it: Cường Lợi, which took
 * over Lương Hạ on 1/2/2020, does not answer for Lương Hạ's records of 2019, nor a district for a
 * neighbouring district's commune that later merged into one of its own.
 */
export function areaOf(graph: UnitGraph, unitId: string): ReadonlySet<string> {
  let cache = AREAS.get(graph);
  if (!cache) AREAS.set(graph, (cache = new Map()));
  let area = cache.get(unitId);
  if (!area) cache.set(unitId, (area = computeArea(graph, unitId)));
  return area;
}

const AREAS = new WeakMap<UnitGraph, Map<string, Set<string>>>();

function computeArea(graph: UnitGraph, unitId: string): Set<string> {
  const area = graph.descendantsOf(unitId);
  const began = graph.get(unitId)?.validFrom;
  const own = new Set(area);
  if (began !== undefined) {
    for (const unit of graph.byId.values()) {
      if (own.has(unit.id) || unit.validTo === null || unit.validTo >= began) continue;
      const seen = new Set<string>([unit.id]);
      for (let next = mainSuccessorOf(graph, unit.id); next !== null;) {
        const target = graph.get(next.link.toId);
        if (!target || seen.has(target.id)) break;
        if (own.has(target.id)) {
          for (const d of graph.descendantsOf(unit.id)) area.add(d);
          break;
        }
        seen.add(target.id);
        next = mainSuccessorOf(graph, target.id);
      }
    }
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const id of [...area]) {
      for (const link of graph.successorsOf(id)) {
        if (area.has(link.toId)) continue;
        if (graph.predecessorsOf(link.toId).every((p) => area.has(p.fromId))) {
          for (const d of graph.descendantsOf(link.toId)) area.add(d);
          grew = true;
        }
      }
    }
  }
  return area;
}
