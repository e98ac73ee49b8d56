// Population figures per unit, year and group (the denominators of T4 and T5): the grid of a unit's
// area for a year, saving it, and importing it from a workbook.
import type { FastifyRequest } from 'fastify';
import ExcelJS from 'exceljs';
import {
  AUDIENCE_GROUPS, AUDIENCE_GROUP_LABELS, breakdownUnits, cellText, isValidAt, lookupGroup, outreachMessage, parseCount, toNfc,
  type AdminUnit, type AudienceGroup, type CellValue, type ImportRejection, type Locale, type PopulationFigureView, type UnitGraph,
} from '@binhan/domain';
import type { z } from 'zod';
import type { PopulationGridSave as GridSchema } from '@binhan/domain';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { invalidField } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { requireUnitOn } from '../admin-units/service.js';
import type { OutreachActor } from './activity-access.js';
import { unitRef } from './activities.js';
import { readFirstSheet } from './workbook.js';
import { neutraliseFormulas } from '../../lib/spreadsheet.js';

type GridData = z.output<typeof GridSchema>;

/** The units of the grid: the chosen unit, then its communes as they stood at the end of the year. */
export function gridUnits(graph: UnitGraph, unitId: string, year: number): AdminUnit[] {
  const unit = graph.get(unitId);
  if (!unit) return [];
  const communes = breakdownUnits(graph, unitId, `${year}-12-31`).filter((u) => u.id !== unitId);
  return [unit, ...communes.sort((a, b) => a.code.localeCompare(b.code))];
}

export async function loadGrid(deps: AppDeps, unitId: string, year: number) {
  const graph = await deps.units.graph();
  const units = gridUnits(graph, unitId, year);
  const ids = units.map((u) => u.id);
  const rows = await deps.db.selectFrom('population_figures').selectAll().where('year', '=', year).where('unit_id', 'in', ids.length > 0 ? ids : ['-']).execute();
  const figures: PopulationFigureView[] = rows.map((r) => ({
    unitId: r.unit_id, group: r.audience_group as AudienceGroup, total: Number(r.total),
    female: r.female === null ? null : Number(r.female), male: r.male === null ? null : Number(r.male), source: r.source, updatedAt: r.updated_at,
  }));
  return { year, units: units.map((u) => unitRef(graph, u.id)), figures };
}

function inScope(actor: OutreachActor, unitId: string): boolean {
  return actor.isUnscoped === true || actor.unitScope.has(unitId);
}

/** Set and remove figures in one transaction. */
export async function saveFigures(deps: AppDeps, request: FastifyRequest, actor: OutreachActor, input: GridData, action: 'population.update' | 'population.import'): Promise<number> {
  const graph = await deps.units.graph();
  input.figures.forEach((f, index) => {
    const unit = graph.get(f.unitId);
    if (!unit) throw invalidField(`figures.${index}.unitId`, 'UNIT_NOT_FOUND');
    if (!inScope(actor, f.unitId)) throw invalidField(`figures.${index}.unitId`, 'UNIT_OUT_OF_SCOPE');
    // A year's population belongs to the unit valid on 31/12 of that year (DOMAIN.md §11).
    requireUnitOn(graph, unit, `${input.year}-12-31`, `figures.${index}.unitId`);
  });
  input.removals.forEach((r, index) => {
    if (!inScope(actor, r.unitId)) throw invalidField(`removals.${index}.unitId`, 'UNIT_OUT_OF_SCOPE');
  });
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    for (const key of [...input.figures, ...input.removals]) {
      await trx.deleteFrom('population_figures').where('unit_id', '=', key.unitId).where('year', '=', input.year).where('audience_group', '=', key.group).execute();
    }
    for (let s = 0; s < input.figures.length; s += 500) {
      await trx.insertInto('population_figures').values(input.figures.slice(s, s + 500).map((f) => ({
        id: newId(), unit_id: f.unitId, year: input.year, audience_group: f.group, total: f.total, female: f.female, male: f.male,
        source: f.source, updated_by: actor.id, created_at: at, updated_at: at,
      }))).execute();
    }
    await audit(request, trx, { action, resourceType: 'population_figures', resourceId: null, details: { year: input.year, set: input.figures.length, removed: input.removals.length } });
  });
  return input.figures.length;
}

const POPULATION_COLUMNS = [
  { key: 'unitCode', header: { vi: 'Mã đơn vị', en: 'Unit code' }, width: 12 },
  { key: 'unitName', header: { vi: 'Tên đơn vị (để đối chiếu)', en: 'Unit name (for reference)' }, width: 26 },
  { key: 'group', header: { vi: 'Nhóm đối tượng', en: 'Audience group' }, width: 34 },
  { key: 'total', header: { vi: 'Tổng số', en: 'Total' }, width: 12 },
  { key: 'female', header: { vi: 'Nữ', en: 'Women' }, width: 10 },
  { key: 'male', header: { vi: 'Nam', en: 'Men' }, width: 10 },
  { key: 'source', header: { vi: 'Nguồn số liệu', en: 'Source' }, width: 40 },
] as const;

/** The population template for a unit and year, one row per unit and group, with the figures known. */
export async function populationTemplate(deps: AppDeps, locale: Locale, unitId: string, year: number): Promise<Buffer> {
  const grid = await loadGrid(deps, unitId, year);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bình An';
  const sheet = wb.addWorksheet(locale === 'vi' ? `Dân số ${year}` : `Population ${year}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = POPULATION_COLUMNS.map((c) => ({ header: c.header[locale], key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const unit of grid.units) {
    for (const group of AUDIENCE_GROUPS) {
      const f = grid.figures.find((x) => x.unitId === unit.id && x.group === group);
      sheet.addRow([unit.code, unit.name, AUDIENCE_GROUP_LABELS[group][locale], f?.total ?? null, f?.female ?? null, f?.male ?? null, f?.source ?? null]);
    }
  }
  neutraliseFormulas(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Read and check a population workbook: the figures to set, and the rows refused. Writes nothing. */
export async function readPopulationWorkbook(deps: AppDeps, actor: OutreachActor, locale: Locale, file: Buffer, year: number) {
  const rows = await readFirstSheet(file, POPULATION_COLUMNS.length);
  const graph = await deps.units.graph();
  const rejections: ImportRejection[] = [];
  const figures: GridData['figures'] = [];
  const seen = new Map<string, number>();
  const column = (index: number) => `${String.fromCharCode(65 + index)} (${POPULATION_COLUMNS[index]?.header[locale] ?? ''})`;
  for (const { row, cells } of rows) {
    const cell = (index: number): CellValue => cells[index] ?? null;
    // Rows of the template left empty (no total, no sexes) are skipped, not refused.
    if ([3, 4, 5].every((i) => cellText(cell(i)) === '')) continue;
    const issues: ImportRejection[] = [];
    const reject = (index: number, message: string) => issues.push({ row, column: column(index), message });
    const code = cellText(cell(0));
    // Codes are reused (02176 was Cư Lễ until 30/6/2025, then Trần Phú): a year's figure belongs to the unit
    // valid on 31/12 (DOMAIN.md §11), as in the template.
    const withCode = code === '' ? [] : [...graph.byId.values()].filter((u) => u.code === code && u.kind !== 'province');
    const unit = withCode.find((u) => isValidAt(u, `${year}-12-31`));
    if (code === '') reject(0, outreachMessage(locale, 'cell_required'));
    else if (!unit && withCode.some((u) => u.validFrom <= `${year}-12-31` && u.validTo !== null && u.validTo >= `${year}-01-01`)) reject(0, outreachMessage(locale, 'unit_not_valid_year_end', { value: code }));
    else if (!unit) reject(0, outreachMessage(locale, 'unit_unknown', { value: code }));
    else if (!inScope(actor, unit.id)) reject(0, outreachMessage(locale, 'unit_out_of_scope', { value: code }));
    const groupText = cellText(cell(2));
    const group = groupText === '' ? null : lookupGroup(groupText);
    if (groupText === '') reject(2, outreachMessage(locale, 'cell_required'));
    else if (group === null) reject(2, outreachMessage(locale, 'group_unknown', { value: groupText }));
    const count = (index: number, required: boolean): number | null => {
      if (cellText(cell(index)) === '') {
        if (required) reject(index, outreachMessage(locale, 'cell_required'));
        return null;
      }
      const parsed = parseCount(cell(index));
      if (!parsed.ok) {
        reject(index, outreachMessage(locale, parsed.key, { value: cellText(cell(index)) }));
        return null;
      }
      return parsed.value;
    };
    const total = count(3, true);
    const female = count(4, false);
    const male = count(5, false);
    if (total !== null && (female ?? 0) + (male ?? 0) > total) reject(4, outreachMessage(locale, 'population_sex_over_total'));
    const source = toNfc(cellText(cell(6)));
    if (source === '') reject(6, outreachMessage(locale, 'cell_required'));
    else if (source.length > 300) reject(6, outreachMessage(locale, 'text_too_long', { max: 300 }));
    if (unit && group) {
      const key = `${unit.id}|${group}`;
      const first = seen.get(key);
      if (first !== undefined) reject(0, outreachMessage(locale, 'population_unit_group_repeated', { value: first }));
      else seen.set(key, row);
    }
    if (issues.length > 0) {
      rejections.push(...issues);
      continue;
    }
    figures.push({ unitId: (unit as AdminUnit).id, group: group as AudienceGroup, total: total as number, female, male, source });
  }
  const rejectedRows = new Set(rejections.map((r) => r.row)).size;
  return { figures, rejections, rejectedRows, rows: figures.length + rejectedRows };
}
