// Administrative units across reorganisations. A unit is identified by GSO code plus valid-from date,
// because codes are reused after mergers (DOMAIN.md §3). These pure functions map a unit at one date to
// the unit(s) holding its area at another date, and compute the set of units a user's unit covers.

export const UNIT_KINDS = ['province', 'district', 'commune', 'town', 'ward', 'special_zone', 'village', 'residential_group'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Kinds at the commune level (xã, thị trấn, phường, đặc khu: the island special zones from 1/7/2025). */
export const COMMUNE_LEVEL_KINDS: readonly UnitKind[] = ['commune', 'town', 'ward', 'special_zone'];
export const VILLAGE_LEVEL_KINDS: readonly UnitKind[] = ['village', 'residential_group'];

export interface AdminUnit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  /** ISO date (yyyy-mm-dd) from which the unit exists. */
  validFrom: string;
  /** Last ISO date on which the unit exists; null while it still exists. */
  validTo: string | null;
}

export interface UnitSuccession {
  fromId: string;
  toId: string;
  /** Only part of the old unit's area went into this successor. */
  isPart: boolean;
  /**
   * The successor that the old unit's records move to in "today's units" when their village does not say
   * otherwise (the one that took the whole of it, its seat or its largest part).
   */
  isMain?: boolean;
}

export interface MappedUnit {
  unit: AdminUnit;
  /** The area overlaps only in part (a unit that was split, or one of several merged units). */
  isPart: boolean;
}

export function isValidAt(unit: AdminUnit, date: string): boolean {
  return unit.validFrom <= date && (unit.validTo === null || date <= unit.validTo);
}

/** An index over units and successions with the mapping and scope functions. */
export class UnitGraph {
  readonly byId = new Map<string, AdminUnit>();
  private readonly children = new Map<string, AdminUnit[]>();
  private readonly successors = new Map<string, UnitSuccession[]>();
  private readonly predecessors = new Map<string, UnitSuccession[]>();

  constructor(units: readonly AdminUnit[], successions: readonly UnitSuccession[]) {
    for (const unit of units) this.byId.set(unit.id, unit);
    for (const unit of units) {
      if (unit.parentId !== null) push(this.children, unit.parentId, unit);
    }
    for (const s of successions) {
      push(this.successors, s.fromId, s);
      push(this.predecessors, s.toId, s);
    }
  }

  get(id: string): AdminUnit | undefined {
    return this.byId.get(id);
  }

  childrenOf(id: string): AdminUnit[] {
    return this.children.get(id) ?? [];
  }

  successorsOf(id: string): UnitSuccession[] {
    return this.successors.get(id) ?? [];
  }

  predecessorsOf(id: string): UnitSuccession[] {
    return this.predecessors.get(id) ?? [];
  }

  /** The chain of parents from the unit up to its root, nearest first. */
  ancestorsOf(id: string): AdminUnit[] {
    const chain: AdminUnit[] = [];
    let current = this.byId.get(id);
    const seen = new Set<string>();
    while (current?.parentId != null && !seen.has(current.parentId)) {
      seen.add(current.parentId);
      current = this.byId.get(current.parentId);
      if (current) chain.push(current);
    }
    return chain;
  }

  /**
   * The unit(s) that held this unit's area at `date`: the unit itself when it existed then, its
   * successors (transitively) for a later date, its predecessors (transitively) for an earlier one.
   * A unit of a village level follows its commune when it has no history of its own.
   */
  unitsHoldingAreaAt(id: string, date: string): MappedUnit[] {
    const unit = this.byId.get(id);
    if (!unit) return [];
    const found = new Map<string, MappedUnit>();
    this.walk(unit, date, false, found, new Set());
    return [...found.values()];
  }

  private walk(unit: AdminUnit, date: string, isPart: boolean, found: Map<string, MappedUnit>, seen: Set<string>): void {
    if (seen.has(unit.id)) return;
    seen.add(unit.id);
    if (isValidAt(unit, date)) {
      const previous = found.get(unit.id);
      // A unit reached both wholly and in part is held wholly.
      if (!previous || (previous.isPart && !isPart)) found.set(unit.id, { unit, isPart });
      return;
    }
    const forward = unit.validTo !== null && date > unit.validTo;
    const links = forward ? this.successorsOf(unit.id) : this.predecessorsOf(unit.id);
    for (const link of links) {
      const next = this.byId.get(forward ? link.toId : link.fromId);
      if (next) this.walk(next, date, isPart || link.isPart, found, seen);
    }
  }

  /** The unit and all units below it in the tree, across every generation. */
  descendantsOf(id: string): Set<string> {
    const result = new Set<string>();
    const stack = [id];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      if (result.has(current)) continue;
      result.add(current);
      for (const child of this.childrenOf(current)) stack.push(child.id);
    }
    return result;
  }

  /**
   * The area of a unit across reorganisations: the unit and its descendants; the units whose area came
   * into them (today's commune covers the communes merged into it); and the units that were formed
   * wholly out of these (the district keeps the communes that replaced it in 2025, but a commune merged
   * into a larger one does not cover that larger one); and everything below all of these. It is both
   * what a user attached to the unit may act on and what the unit's figures add up.
   */
  scopeOf(id: string): Set<string> {
    const related = this.descendantsOf(id);
    const stack = [...related];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      for (const link of this.predecessorsOf(current)) {
        if (!related.has(link.fromId)) {
          related.add(link.fromId);
          stack.push(link.fromId);
        }
      }
    }
    for (let grew = true; grew; ) {
      grew = false;
      for (const [unitId, links] of this.predecessors) {
        if (!related.has(unitId) && links.every((link) => related.has(link.fromId))) {
          related.add(unitId);
          grew = true;
        }
      }
    }
    const scope = new Set<string>();
    for (const unitId of related) for (const d of this.descendantsOf(unitId)) scope.add(d);
    return scope;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The shape of the administrative-unit seed file (data/admin-units-na-ri.json). */
export interface UnitSeedFile {
  units: Array<{
    code: string;
    name: string;
    kind: UnitKind;
    parent: string | null;
    validFrom: string;
    validTo: string | null;
    successors?: Array<{ code: string; validFrom: string; part?: boolean }>;
  }>;
}

/** The natural key of a unit: its code and valid-from date. */
export function unitKey(code: string, validFrom: string): string {
  return `${code}@${validFrom}`;
}

/**
 * Turn the seed file into units and successions, with ids made by `makeId` from each unit's natural key.
 * A parent is the unit with the parent's code that existed on the child's valid-from date.
 */
export function unitsFromSeed(seed: UnitSeedFile, makeId: (key: string) => string): { units: AdminUnit[]; successions: UnitSuccession[] } {
  const units: AdminUnit[] = seed.units.map((u) => ({
    id: makeId(unitKey(u.code, u.validFrom)),
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentId: null,
    validFrom: u.validFrom,
    validTo: u.validTo,
  }));
  seed.units.forEach((u, index) => {
    if (u.parent === null) return;
    const parent = units.find((p) => p.code === u.parent && isValidAt(p, u.validFrom));
    if (!parent) throw new Error(`Seed unit ${u.code} names unknown parent ${u.parent}`);
    (units[index] as AdminUnit).parentId = parent.id;
  });
  const successions: UnitSuccession[] = [];
  seed.units.forEach((u, index) => {
    (u.successors ?? []).forEach((s, position) => {
      const target = units.find((t) => t.code === s.code && t.validFrom === s.validFrom);
      if (!target) throw new Error(`Seed unit ${u.code} names unknown successor ${s.code}@${s.validFrom}`);
      // The seed lists an ended unit's main successor first.
      successions.push({ fromId: (units[index] as AdminUnit).id, toId: target.id, isPart: s.part === true, isMain: position === 0 && u.validTo !== null });
    });
  });
  return { units, successions };
}
