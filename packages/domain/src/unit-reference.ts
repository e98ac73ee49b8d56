// The national reference lists of administrative units (data/vn-admin-units/: the 01/03/2025 list, the list from
// 1/7/2025 and the succession between them) turned into units and successions for one province, checked first.
// Pure: the server reads the files and the units already in the database, and inserts what the plan says.
// Rules (README "Loading a province", DOMAIN.md §11):
// - old units end on 30/6/2025 and start on a chosen date (their real start is not in the list), later than any
//   unit of the same code and level that ended before; new units start on 1/7/2025 and have no end;
// - a unit already in the database with the same code and level, valid on 30/6/2025 (old) or 1/7/2025 (new), is
//   the same unit: reused as it is (dates, name, parent; a richer layer such as Na Rì's wins), and a succession
//   already there is not added again;
// - the main successor of an old unit is the successor that kept its code, else the first in file order;
// - bad reference data (unknown code, overlapping validity, a cycle, a successor that does not exist) is reported
//   row by row and nothing is planned.
import { COMMUNE_LEVEL_KINDS, isValidAt, type AdminUnit, type UnitKind, type UnitSuccession } from './admin-units.js';
import { dayAfter } from './reports/periods.js';

export const REFERENCE_FILES = {
  old: 'units-2025-03-01.csv',
  current: 'units-2025-07-01.csv',
  successions: 'succession-2025-07-01.csv',
} as const;

/** Last day of the three-level system (province, district, commune). */
export const OLD_UNITS_VALID_TO = '2025-06-30';
/** First day of the two-level system (province, commune). */
export const NEW_UNITS_VALID_FROM = '2025-07-01';
/**
 * The start given to units of the 01/03/2025 list, whose real start the list does not say: the first day of the
 * national GBV project 2016–2020 (Decision 1464/QĐ-TTg), so records of the whole plan period can be entered.
 * Changeable with `units load --old-from`; a unit already in the database wins over it.
 */
export const DEFAULT_OLD_UNITS_VALID_FROM = '2016-01-01';

export type ReferenceLevel = 'province' | 'district' | 'commune';
export const REFERENCE_LEVELS: readonly ReferenceLevel[] = ['province', 'district', 'commune'];

export interface ReferenceUnitRow {
  file: string;
  line: number;
  level: ReferenceLevel;
  code: string;
  /** As published, with its kind prefix ("Xã Trần Phú"). */
  name: string;
  /** As published ("Xã", "Thị trấn", "Thành phố Trung ương", …). */
  kind: string;
  parentCode: string | null;
}

export interface ReferenceSuccessionRow {
  file: string;
  line: number;
  level: ReferenceLevel;
  newCode: string;
  oldCode: string;
  oldName: string;
  share: 'full' | 'partial';
}

export interface ReferenceData {
  old: ReferenceUnitRow[];
  current: ReferenceUnitRow[];
  successions: ReferenceSuccessionRow[];
}

export interface ReferenceProblem {
  file: string;
  line: number;
  reason: string;
  /** The new province the row belongs to, when it can be told. */
  province?: string | null;
}

/** Split a CSV text (no quoted fields in these files; quotes are refused) into rows with their line numbers. */
function csvRecords(file: string, text: string, columns: readonly string[], problems: ReferenceProblem[]): Array<{ line: number; values: Record<string, string> }> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  if (columns.some((c, i) => header[i] !== c)) {
    problems.push({ file, line: 1, reason: `tiêu đề cột phải là / header must be: ${columns.join(',')}` });
    return [];
  }
  const records: Array<{ line: number; values: Record<string, string> }> = [];
  lines.forEach((text, index) => {
    if (index === 0 || text.trim() === '') return;
    const fields = text.split(',');
    if (text.includes('"') || fields.length !== columns.length) {
      problems.push({ file, line: index + 1, reason: `cần ${columns.length} cột / expected ${columns.length} fields` });
      return;
    }
    records.push({ line: index + 1, values: Object.fromEntries(columns.map((c, i) => [c, (fields[i] as string).trim()])) });
  });
  return records;
}

function isLevel(value: string): value is ReferenceLevel {
  return (REFERENCE_LEVELS as readonly string[]).includes(value);
}

export function parseReferenceUnits(file: string, text: string, problems: ReferenceProblem[]): ReferenceUnitRow[] {
  const rows: ReferenceUnitRow[] = [];
  for (const { line, values } of csvRecords(file, text, ['level', 'code', 'name', 'kind', 'parent_code'], problems)) {
    const level = values.level as string;
    if (!isLevel(level)) {
      problems.push({ file, line, reason: `cấp không rõ / unknown level "${level}"` });
      continue;
    }
    rows.push({ file, line, level, code: values.code as string, name: values.name as string, kind: values.kind as string, parentCode: values.parent_code || null });
  }
  return rows;
}

export function parseReferenceSuccessions(file: string, text: string, problems: ReferenceProblem[]): ReferenceSuccessionRow[] {
  const rows: ReferenceSuccessionRow[] = [];
  for (const { line, values } of csvRecords(file, text, ['level', 'new_code', 'old_code', 'old_name', 'share'], problems)) {
    const level = values.level as string;
    const share = values.share as string;
    if (!isLevel(level)) {
      problems.push({ file, line, reason: `cấp không rõ / unknown level "${level}"` });
      continue;
    }
    if (share !== 'full' && share !== 'partial') {
      problems.push({ file, line, reason: `share phải là full hoặc partial / share must be full or partial, not "${share}"` });
      continue;
    }
    rows.push({ file, line, level, newCode: values.new_code as string, oldCode: values.old_code as string, oldName: values.old_name as string, share });
  }
  return rows;
}

/** The domain kind of a published kind, with the word that prefixes the name when it is that kind's own word. */
const KINDS: Record<ReferenceLevel, Record<string, UnitKind>> = {
  province: { 'Tỉnh': 'province', 'Thành phố Trung ương': 'province', 'Thành phố': 'province' },
  district: { 'Huyện': 'district', 'Quận': 'district', 'Thị xã': 'district', 'Thành phố': 'district' },
  commune: { 'Xã': 'commune', 'Phường': 'ward', 'Thị trấn': 'town', 'Đặc khu': 'special_zone' },
};
/** The published prefixes that say no more than the domain kind, so they are dropped from the stored name. */
const PLAIN_PREFIX: Partial<Record<UnitKind, string>> = { province: 'Tỉnh', district: 'Huyện', commune: 'Xã', ward: 'Phường', town: 'Thị trấn', special_zone: 'Đặc khu' };

/**
 * The stored name and kind of a published row, as the Na Rì seed stores them: "Xã Trần Phú" is Trần Phú, kind
 * commune. A prefix that the kind does not say (Thành phố, Quận, Thị xã) stays in the name: "Thành phố Hà Nội".
 */
export function referenceNameAndKind(row: Pick<ReferenceUnitRow, 'level' | 'name' | 'kind'>): { name: string; kind: UnitKind } | null {
  const kind = KINDS[row.level][row.kind];
  if (!kind) return null;
  const prefix = PLAIN_PREFIX[kind];
  const name = prefix && row.kind === prefix && row.name.startsWith(`${prefix} `) ? row.name.slice(prefix.length + 1) : row.name;
  return { name, kind };
}

/** The level of a stored unit (villages have none in the reference lists). */
export function referenceLevelOf(kind: UnitKind): ReferenceLevel | null {
  if (kind === 'province' || kind === 'district') return kind;
  return COMMUNE_LEVEL_KINDS.includes(kind) ? 'commune' : null;
}

const key = (level: string, code: string) => `${level}:${code}`;

/** What the checks learn about the data: indexes, each row's new province and each old unit's main successor. */
interface Checked {
  problems: ReferenceProblem[];
  old: Map<string, ReferenceUnitRow>;
  current: Map<string, ReferenceUnitRow>;
  /** Succession rows with the old unit each resolves to (an island district for 5 commune rows). */
  successions: Array<{ row: ReferenceSuccessionRow; old: ReferenceUnitRow; current: ReferenceUnitRow; isMain: boolean }>;
  /** New province code of each old province. */
  provinceOf: Map<string, string>;
}

function index(rows: readonly ReferenceUnitRow[], problems: ReferenceProblem[]): Map<string, ReferenceUnitRow> {
  const map = new Map<string, ReferenceUnitRow>();
  for (const row of rows) {
    const previous = map.get(key(row.level, row.code));
    if (previous) {
      problems.push({ file: row.file, line: row.line, reason: `mã ${row.code} (${row.level}) đã có ở dòng ${previous.line}: hai đơn vị cùng mã có hiệu lực cùng ngày / code ${row.code} (${row.level}) already on line ${previous.line}: overlapping validity` });
      continue;
    }
    map.set(key(row.level, row.code), row);
  }
  return map;
}

const PARENT_LEVEL: Record<ReferenceLevel, ReferenceLevel | null> = { province: null, district: 'province', commune: 'district' };

function checkTree(rows: readonly ReferenceUnitRow[], byKey: Map<string, ReferenceUnitRow>, twoLevel: boolean, problems: ReferenceProblem[]): void {
  for (const row of rows) {
    if (!referenceNameAndKind(row)) problems.push({ file: row.file, line: row.line, reason: `loại đơn vị không rõ / unknown kind "${row.kind}" for ${row.level}` });
    if (twoLevel && row.level === 'district') {
      problems.push({ file: row.file, line: row.line, reason: 'từ 1/7/2025 không còn cấp huyện / no districts from 1/7/2025' });
      continue;
    }
    const parentLevel = twoLevel && row.level === 'commune' ? 'province' : PARENT_LEVEL[row.level];
    if (parentLevel === null) {
      if (row.parentCode !== null) problems.push({ file: row.file, line: row.line, reason: `tỉnh không có đơn vị cấp trên / a province has no parent (${row.parentCode})` });
    } else if (row.parentCode === null || !byKey.has(key(parentLevel, row.parentCode))) {
      problems.push({ file: row.file, line: row.line, reason: `mã cấp trên không rõ / unknown parent code ${row.parentCode ?? '(trống / empty)'} (${parentLevel})` });
    }
  }
}

function parentRow(row: ReferenceUnitRow, byKey: Map<string, ReferenceUnitRow>, twoLevel: boolean): ReferenceUnitRow | undefined {
  const level = twoLevel && row.level === 'commune' ? 'province' : PARENT_LEVEL[row.level];
  return level && row.parentCode !== null ? byKey.get(key(level, row.parentCode)) : undefined;
}

/** The province row above a row of a list (itself for a province). */
function provinceRow(row: ReferenceUnitRow, byKey: Map<string, ReferenceUnitRow>, twoLevel: boolean): ReferenceUnitRow | undefined {
  let current: ReferenceUnitRow | undefined = row;
  for (let depth = 0; current && depth < 3; depth += 1) {
    if (current.level === 'province') return current;
    current = parentRow(current, byKey, twoLevel);
  }
  return undefined;
}

const checkedData = new WeakMap<ReferenceData, Checked>();

/**
 * Check the three lists against each other; find each row's new province and each old unit's main successor.
 * Remembered per data set, so loading the 34 provinces in a row checks the lists once.
 */
export function checkReference(data: ReferenceData): Checked {
  const known = checkedData.get(data);
  if (known) return known;
  const problems: ReferenceProblem[] = [];
  const old = index(data.old, problems);
  const current = index(data.current, problems);
  checkTree(data.old, old, false, problems);
  checkTree(data.current, current, true, problems);
  const resolved: Array<{ row: ReferenceSuccessionRow; old: ReferenceUnitRow; current: ReferenceUnitRow }> = [];
  const provinceOf = new Map<string, string>();
  const pairs = new Set<string>();
  for (const row of data.successions) {
    const newUnit = current.get(key(row.level, row.newCode));
    // An island district without communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo) became a special zone:
    // the succession file lists it at commune level under its district code and name.
    const islandDistrict = row.level === 'commune' ? old.get(key('district', row.oldCode)) : undefined;
    const oldUnit = old.get(key(row.level, row.oldCode))
      ?? (islandDistrict && islandDistrict.name === row.oldName && !data.old.some((u) => u.parentCode === row.oldCode) ? islandDistrict : undefined);
    if (!newUnit) problems.push({ file: row.file, line: row.line, reason: `đơn vị kế thừa không tồn tại / successor ${row.newCode} (${row.level}) does not exist in ${REFERENCE_FILES.current}` });
    if (!oldUnit) problems.push({ file: row.file, line: row.line, reason: `mã cũ không rõ / unknown old code ${row.oldCode} (${row.level}, ${row.oldName}) not in ${REFERENCE_FILES.old}` });
    if (row.level === 'district') problems.push({ file: row.file, line: row.line, reason: 'không có cấp huyện sau 1/7/2025 / no district successions after 1/7/2025' });
    if (!newUnit || !oldUnit || row.level === 'district') continue;
    if (pairs.has(`${row.oldCode}>${row.newCode}:${row.level}`)) {
      problems.push({ file: row.file, line: row.line, reason: `dòng kế thừa trùng / duplicate succession ${row.oldCode} → ${row.newCode}` });
      continue;
    }
    pairs.add(`${row.oldCode}>${row.newCode}:${row.level}`);
    resolved.push({ row, old: oldUnit, current: newUnit });
    if (row.level === 'province') provinceOf.set(row.oldCode, row.newCode);
  }
  // Main successor: the one that kept the old unit's code, else the first in file order.
  const byOld = new Map<ReferenceUnitRow, Array<{ row: ReferenceSuccessionRow; old: ReferenceUnitRow; current: ReferenceUnitRow }>>();
  for (const s of resolved) {
    const list = byOld.get(s.old);
    if (list) list.push(s);
    else byOld.set(s.old, [s]);
  }
  const successions = resolved.map((s) => {
    const siblings = byOld.get(s.old) as typeof resolved;
    const main = siblings.find((x) => x.current.code === s.old.code) ?? siblings[0];
    return { ...s, isMain: main === s };
  });
  for (const [unit, links] of byOld) {
    if (links.length > 1 && links.some((l) => l.row.share === 'full')) {
      const row = links[1]?.row as ReferenceSuccessionRow;
      problems.push({ file: row.file, line: row.line, reason: `${unit.code} đi trọn vẹn (full) vào một đơn vị nhưng có ${links.length} đơn vị kế thừa / a full share with ${links.length} successors` });
    }
  }
  const checked: Checked = { problems, old, current, successions, provinceOf };
  for (const p of problems) p.province = provinceOfProblem(checked, data, p);
  checkedData.set(data, checked);
  return checked;
}

function provinceOfProblem(checked: Checked, data: ReferenceData, problem: ReferenceProblem): string | null {
  const rows = problem.file === REFERENCE_FILES.old ? data.old : problem.file === REFERENCE_FILES.current ? data.current : null;
  if (rows) {
    const row = rows.find((r) => r.line === problem.line);
    if (!row) return null;
    const province = rows === data.old ? provinceRow(row, checked.old, false) : provinceRow(row, checked.current, true);
    if (!province) return null;
    return rows === data.old ? checked.provinceOf.get(province.code) ?? null : province.code;
  }
  const row = data.successions.find((r) => r.line === problem.line);
  const current = row ? checked.current.get(key(row.level, row.newCode)) : undefined;
  return current ? provinceRow(current, checked.current, true)?.code ?? null : null;
}

/** The new province of an old row (through its old province) or of a new row. */
function newProvinceOf(checked: Checked, row: ReferenceUnitRow, isOld: boolean): string | null {
  const province = provinceRow(row, isOld ? checked.old : checked.current, !isOld);
  if (!province) return null;
  return isOld ? checked.provinceOf.get(province.code) ?? null : province.code;
}

export interface ReferencePlanOptions {
  /** Code of the new province (from 1/7/2025), e.g. 19. */
  province: string;
  /** Start of units of the 01/03/2025 list (DEFAULT_OLD_UNITS_VALID_FROM). */
  oldValidFrom?: string;
  makeId: () => string;
}

export type ReferenceGeneration = 'old' | 'new';

export interface ReferenceCount {
  generation: ReferenceGeneration;
  level: ReferenceLevel;
  added: number;
  /** Already in the database (loaded before, or the Na Rì layer). */
  existing: number;
}

export interface ReferencePlan {
  /** Refused rows; when any is there, nothing else is planned. */
  problems: ReferenceProblem[];
  /** Rows of other provinces with problems, not loaded and not blocking this province. */
  warnings: ReferenceProblem[];
  provinceName: string | null;
  /** Units to insert, parents before children. */
  units: AdminUnit[];
  successions: UnitSuccession[];
  counts: ReferenceCount[];
  successionsAdded: number;
  successionsExisting: number;
}

function emptyPlan(problems: ReferenceProblem[], warnings: ReferenceProblem[]): ReferencePlan {
  return { problems, warnings, provinceName: null, units: [], successions: [], counts: [], successionsAdded: 0, successionsExisting: 0 };
}

/** Does a succession path lead from `from` back to `to`? */
function reaches(links: Map<string, string[]>, from: string, to: string): boolean {
  const stack = [from];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (current === to) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(links.get(current) ?? []));
  }
  return false;
}

/** What the database holds, indexed for planning; each planned province is added to it. */
class Holdings {
  /** Units by (level, code). */
  readonly units = new Map<string, AdminUnit[]>();
  /** code@validFrom: the database's natural key of a unit. */
  readonly keys = new Set<string>();
  readonly links = new Map<string, string[]>();
  readonly pairs = new Set<string>();
  readonly hasMain = new Set<string>();

  constructor(units: readonly AdminUnit[], successions: readonly UnitSuccession[]) {
    for (const unit of units) this.addUnit(unit);
    for (const s of successions) this.addSuccession(s);
  }

  addUnit(unit: AdminUnit): void {
    this.keys.add(`${unit.code}@${unit.validFrom}`);
    const level = referenceLevelOf(unit.kind);
    if (level === null) return;
    const list = this.units.get(key(level, unit.code));
    if (list) list.push(unit);
    else this.units.set(key(level, unit.code), [unit]);
  }

  addSuccession(s: UnitSuccession): void {
    const list = this.links.get(s.fromId);
    if (list) list.push(s.toId);
    else this.links.set(s.fromId, [s.toId]);
    this.pairs.add(`${s.fromId}>${s.toId}`);
    if (s.isMain === true) this.hasMain.add(s.fromId);
  }
}

/**
 * What loading one province adds to the units and successions already there: its new province and communes, every
 * old province that went into it with their districts and communes (and the old units of other provinces that a
 * succession into it names, with their parents), and the successions into its new units.
 */
export function planProvinceLoad(
  data: ReferenceData,
  existingUnits: readonly AdminUnit[],
  existingSuccessions: readonly UnitSuccession[],
  options: ReferencePlanOptions,
): ReferencePlan {
  return planOne(data, new Holdings(existingUnits, existingSuccessions), options);
}

/**
 * Several provinces in a row, each planned against the units the ones before it add (the indexes are built once,
 * so the 34 provinces of the country plan in well under a second). A province with problems adds nothing.
 */
export function planProvincesLoad(
  data: ReferenceData,
  existingUnits: readonly AdminUnit[],
  existingSuccessions: readonly UnitSuccession[],
  options: Omit<ReferencePlanOptions, 'province'> & { provinces: readonly string[] },
): Array<ReferencePlan & { province: string }> {
  const holdings = new Holdings(existingUnits, existingSuccessions);
  return [...new Set(options.provinces)].map((province) => {
    const plan = planOne(data, holdings, { ...options, province });
    for (const unit of plan.units) holdings.addUnit(unit);
    for (const link of plan.successions) holdings.addSuccession(link);
    return { ...plan, province };
  });
}

function planOne(data: ReferenceData, holdings: Holdings, options: ReferencePlanOptions): ReferencePlan {
  const checked = checkReference(data);
  const province = checked.current.get(key('province', options.province));
  const mine = (p: ReferenceProblem) => p.province === options.province || p.province === null || p.province === undefined;
  const problems = checked.problems.filter(mine);
  const warnings = checked.problems.filter((p) => !mine(p));
  if (!province) {
    problems.push({ file: REFERENCE_FILES.current, line: 0, reason: `không có tỉnh mã ${options.province} từ 1/7/2025 / no province with code ${options.province} from 1/7/2025` });
  }
  const oldValidFrom = options.oldValidFrom ?? DEFAULT_OLD_UNITS_VALID_FROM;
  if (oldValidFrom > OLD_UNITS_VALID_TO) {
    problems.push({ file: REFERENCE_FILES.old, line: 0, reason: `ngày bắt đầu ${oldValidFrom} sau ngày kết thúc ${OLD_UNITS_VALID_TO} / old units cannot start after they end` });
  }
  if (problems.length > 0 || !province) return emptyPlan(problems, warnings);

  // The rows of the province: new ones under it; old ones under the old provinces that went into it.
  const newRows = data.current.filter((r) => r === province || (r.level === 'commune' && r.parentCode === province.code));
  const newKeys = new Set(newRows.map((r) => key(r.level, r.code)));
  const successions = checked.successions.filter((s) => newKeys.has(key(s.current.level, s.current.code)));
  const oldSet = new Set<ReferenceUnitRow>(data.old.filter((r) => newProvinceOf(checked, r, true) === province.code));
  // An old unit of another province that a succession names comes with its parents.
  for (const s of successions) {
    for (let row: ReferenceUnitRow | undefined = s.old; row && !oldSet.has(row); row = parentRow(row, checked.old, false)) oldSet.add(row);
  }
  const oldRows = data.old.filter((r) => oldSet.has(r));

  const existing = holdings.units;
  const takenKeys = holdings.keys;
  const ids = new Map<ReferenceUnitRow, string>();
  const units: AdminUnit[] = [];
  const counts = new Map<string, ReferenceCount>();
  const count = (generation: ReferenceGeneration, level: ReferenceLevel, added: boolean) => {
    const k = `${generation}:${level}`;
    const c = counts.get(k) ?? { generation, level, added: 0, existing: 0 };
    if (added) c.added += 1;
    else c.existing += 1;
    counts.set(k, c);
  };

  const place = (row: ReferenceUnitRow, generation: ReferenceGeneration) => {
    const day = generation === 'old' ? OLD_UNITS_VALID_TO : NEW_UNITS_VALID_FROM;
    const same = existing.get(key(row.level, row.code)) ?? [];
    const match = same.find((u) => isValidAt(u, day));
    if (match) {
      ids.set(row, match.id);
      count(generation, row.level, false);
      return;
    }
    const { name, kind } = referenceNameAndKind(row) as { name: string; kind: UnitKind };
    let validFrom = generation === 'old' ? oldValidFrom : NEW_UNITS_VALID_FROM;
    const validTo = generation === 'old' ? OLD_UNITS_VALID_TO : null;
    // Later than any unit of the same code and level that ended before (the richer layer wins).
    for (const u of same) if (u.validTo !== null && u.validTo < day && u.validTo >= validFrom) validFrom = dayAfter(u.validTo);
    const clash = same.find((u) => u.validFrom <= (validTo ?? '9999-12-31') && (u.validTo === null || u.validTo >= validFrom));
    if (clash) {
      problems.push({ file: row.file, line: row.line, reason: `${row.code} trùng thời gian hiệu lực với đơn vị đã có ${clash.name} (${clash.validFrom}–${clash.validTo ?? ''}) / overlapping validity with an existing unit` });
      return;
    }
    if (takenKeys.has(`${row.code}@${validFrom}`)) {
      problems.push({ file: row.file, line: row.line, reason: `mã ${row.code} đã dùng cho một đơn vị khác từ ${validFrom} / code already used from that day` });
      return;
    }
    const parent = generation === 'old' ? parentRow(row, checked.old, false) : parentRow(row, checked.current, true);
    const unit: AdminUnit = { id: options.makeId(), code: row.code, name, kind, parentId: parent ? ids.get(parent) ?? null : null, validFrom, validTo };
    ids.set(row, unit.id);
    units.push(unit);
    count(generation, row.level, true);
  };
  // Lists give parents before children; place in level order to be sure.
  for (const level of REFERENCE_LEVELS) {
    for (const row of oldRows) if (row.level === level) place(row, 'old');
    for (const row of newRows) if (row.level === level) place(row, 'new');
  }

  // Links planned here go into a copy of the graph's links, for the cycle check.
  const links = new Map(holdings.links);
  const planned: UnitSuccession[] = [];
  let successionsExisting = 0;
  for (const s of successions) {
    const fromId = ids.get(s.old);
    const toId = ids.get(s.current);
    if (fromId === undefined || toId === undefined) continue;
    // The same unit on both sides (a province that went on, in the Na Rì layer) or a link already there.
    if (fromId === toId || holdings.pairs.has(`${fromId}>${toId}`)) {
      successionsExisting += 1;
      continue;
    }
    if (reaches(links, toId, fromId)) {
      problems.push({ file: s.row.file, line: s.row.line, reason: `vòng kế thừa / a cycle in successions: ${s.row.oldCode} → ${s.row.newCode} leads back to ${s.row.oldCode}` });
      continue;
    }
    links.set(fromId, [...(links.get(fromId) ?? []), toId]);
    // An old unit whose main successor the database already names keeps it.
    planned.push({ fromId, toId, isPart: s.row.share === 'partial', isMain: s.isMain && !holdings.hasMain.has(fromId) });
  }
  if (problems.length > 0) return emptyPlan(problems, warnings);
  const order = (c: ReferenceCount) => (c.generation === 'new' ? 3 : 0) + REFERENCE_LEVELS.indexOf(c.level);
  return {
    problems, warnings, provinceName: referenceNameAndKind(province)?.name ?? province.name, units, successions: planned,
    counts: [...counts.values()].sort((a, b) => order(a) - order(b)), successionsAdded: planned.length, successionsExisting,
  };
}
