// Importing activities from a workbook. The upload is read and every row checked in the background,
// with progress saved on the import record (any server process can answer the polling); nothing is
// written until the user commits, and then in one transaction. A file with rejected rows imports
// nothing unless the user asks for the valid rows only.
import type { FastifyRequest } from 'fastify';
import {
  ACTIVITY_IMPORT_COLUMNS, foldVietnamese, groupActivityRows, isValidAt, readActivityRow,
  type AdminUnit, type ImportedActivity, type ImportView, type Locale, type ParsedActivityRow, type RowContext, type RowIssue, type UnitGraph,
} from '@binhan/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Database, OutreachImportTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { AppError, Conflict, Forbidden, Invalid, NotFound } from '../../http/errors.js';
import { now, nowIso, todayInVietnam } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { errorMessage } from '@binhan/domain';
import { audienceWarnings } from './activities.js';
import type { OutreachActor } from './activity-access.js';
import { looksLikeWorkbook, MAX_IMPORT_ROWS, readFirstSheet } from './workbook.js';

const LISTED_ISSUES = 1000;
const PROGRESS_EVERY = 1000;

/** Resolving unit codes and villages for the rows of one import. */
export function rowContext(graph: UnitGraph, actor: OutreachActor, year: number, locale: Locale): RowContext {
  const byCode = new Map<string, AdminUnit[]>();
  const villages = new Map<string, Map<string, string>>();
  for (const unit of graph.byId.values()) {
    if (unit.kind === 'village' || unit.kind === 'residential_group') {
      if (unit.parentId === null) continue;
      const names = villages.get(unit.parentId) ?? new Map<string, string>();
      names.set(foldVietnamese(unit.name), unit.id);
      villages.set(unit.parentId, names);
    } else if (unit.kind !== 'province') {
      const list = byCode.get(unit.code) ?? [];
      list.push(unit);
      byCode.set(unit.code, list);
    }
  }
  return {
    year,
    today: todayInVietnam(),
    locale,
    resolveUnit(code, date) {
      const unit = (byCode.get(code.trim()) ?? []).find((u) => isValidAt(u, date));
      if (!unit) return { problem: 'unit_unknown' };
      if (!actor.isUnscoped && !actor.unitScope.has(unit.id)) return { problem: 'unit_out_of_scope' };
      return { unitId: unit.id };
    },
    resolveVillage(unitId, name) {
      return villages.get(unitId)?.get(foldVietnamese(name)) ?? null;
    },
  };
}

/** Users whose workbook is being checked in this process: one at a time each, so memory stays bounded. */
const checking = new Set<string>();

export async function startImport(deps: AppDeps, request: FastifyRequest, actor: OutreachActor, file: Buffer, year: number, fileName: string | null): Promise<string> {
  // Refuse at once what is not even a zip archive (a .xls, a PDF, a photo); the rest is checked in the background.
  if (!looksLikeWorkbook(file)) throw new Invalid('IMPORT_NOT_WORKBOOK');
  if (checking.has(actor.id)) throw new Conflict('IMPORT_IN_PROGRESS');
  checking.add(actor.id);
  const id = newId();
  const at = nowIso();
  try {
    await deps.db.insertInto('outreach_imports').values({
      id, created_by: actor.id, year, file_name: fileName, status: 'validating', total_rows: 0, processed_rows: 0, valid_rows: 0, rejected_rows: 0,
      rejections: '[]', warnings: '[]', payload: null, activities_found: 0, imported_activities: 0, failure_code: null, created_at: at, updated_at: at,
    }).execute();
  } catch (error) {
    checking.delete(actor.id);
    throw error;
  }
  const locale = request.locale;
  const log = request.log;
  // The check runs after the answer; the web app polls the import record for its progress.
  setImmediate(() => {
    validateImport(deps, id, actor, file, year, locale).catch(async (error: unknown) => {
      checking.delete(actor.id);
      const code = error instanceof AppError ? error.code : 'INTERNAL';
      if (!(error instanceof AppError)) log.error({ err: { type: (error as Error).name, stack: (error as Error).stack } }, 'import validation failed');
      await deps.db.updateTable('outreach_imports').set({ status: 'failed', failure_code: code, updated_at: nowIso() }).where('id', '=', id).execute().catch(() => undefined);
    }).finally(() => checking.delete(actor.id));
  });
  return id;
}

/** Read and check every row; the result waits on the import record for the user's decision. */
export async function validateImport(deps: AppDeps, id: string, actor: OutreachActor, file: Buffer, year: number, locale: Locale): Promise<void> {
  // While a large file is read, the record shows it is alive (a stale record means the work was interrupted).
  const rows = await readFirstSheet(file, ACTIVITY_IMPORT_COLUMNS.length, async () => {
    await deps.db.updateTable('outreach_imports').set({ updated_at: nowIso() }).where('id', '=', id).execute();
  });
  await deps.db.updateTable('outreach_imports').set({ total_rows: rows.length, updated_at: nowIso() }).where('id', '=', id).execute();
  const ctx = rowContext(await deps.units.graph(), actor, year, locale);
  const valid: ParsedActivityRow[] = [];
  const issues: RowIssue[] = [];
  const rejectedRows = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    const { row, cells } = rows[i] as (typeof rows)[number];
    const result = readActivityRow(cells, row, ctx);
    if (result.ok) valid.push(result.value);
    else {
      rejectedRows.add(row);
      issues.push(...result.issues);
    }
    if ((i + 1) % PROGRESS_EVERY === 0) {
      await deps.db.updateTable('outreach_imports').set({ processed_rows: i + 1, updated_at: nowIso() }).where('id', '=', id).execute();
    }
  }
  const grouped = groupActivityRows(valid, locale);
  for (const issue of grouped.issues) rejectedRows.add(issue.row);
  issues.push(...grouped.issues);
  issues.sort((a, b) => a.row - b.row);
  const warnings = await importWarnings(deps, locale, grouped.activities);
  // Free the user's turn before the result is visible, so polling then uploading the next file never races.
  checking.delete(actor.id);
  await deps.db.updateTable('outreach_imports').set({
    status: 'validated',
    processed_rows: rows.length,
    valid_rows: rows.length - rejectedRows.size,
    rejected_rows: rejectedRows.size,
    rejections: JSON.stringify(issues.slice(0, LISTED_ISSUES)),
    warnings: JSON.stringify(warnings.slice(0, LISTED_ISSUES)),
    // Encrypted: rows may carry notes about people, and an import left undecided keeps its payload.
    payload: deps.cipher.encrypt(JSON.stringify(grouped.activities)),
    activities_found: grouped.activities.length,
    updated_at: nowIso(),
  }).where('id', '=', id).execute();
}

/** Audiences larger than the unit could hold: listed, not refused. Cached per unit and year. */
async function importWarnings(deps: AppDeps, locale: Locale, activities: readonly ImportedActivity[]): Promise<RowIssue[]> {
  const warnings: RowIssue[] = [];
  const column = ACTIVITY_IMPORT_COLUMNS.find((c) => c.key === 'female') as (typeof ACTIVITY_IMPORT_COLUMNS)[number];
  const plausible = new Map<string, boolean>();
  for (const a of activities) {
    const total = a.audiences.reduce((s, x) => s + x.female + x.male + x.unknownSex, 0);
    // Small audiences cannot exceed anything worth checking; this keeps a 100,000-row check fast.
    if (total <= 200) continue;
    const key = `${a.unitId}|${a.activityDate.slice(0, 4)}|${total}`;
    if (plausible.get(key) === true) continue;
    const found = await audienceWarnings(deps, locale, { unitId: a.unitId, activityDate: a.activityDate, audiences: a.audiences, campaign: null });
    plausible.set(key, found.length === 0);
    for (const w of found) warnings.push({ row: a.rows[0] as number, column: `${column.letter}–L`, message: w.message });
  }
  return warnings;
}

/** A check that has not moved for this long was interrupted (the server restarted): the user uploads again. */
const STALE_AFTER_MS = 10 * 60_000;

export function presentImport(row: OutreachImportTable, locale: Locale): ImportView {
  const isStale = row.status === 'validating' && now().getTime() - Date.parse(row.updated_at) > STALE_AFTER_MS;
  if (isStale) row = { ...row, status: 'failed', failure_code: 'IMPORT_INTERRUPTED' };
  return {
    id: row.id,
    status: row.status as ImportView['status'],
    year: Number(row.year),
    fileName: row.file_name,
    totalRows: Number(row.total_rows),
    processedRows: Number(row.processed_rows),
    validRows: Number(row.valid_rows),
    rejectedRows: Number(row.rejected_rows),
    rejections: JSON.parse(row.rejections) as RowIssue[],
    warnings: JSON.parse(row.warnings) as RowIssue[],
    activitiesFound: Number(row.activities_found),
    importedActivities: Number(row.imported_activities),
    failure: row.failure_code
      ? errorMessage(locale, row.failure_code as Parameters<typeof errorMessage>[1], { max: MAX_IMPORT_ROWS.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB') })
      : null,
  };
}

/** The import, only for the user who uploaded it. */
export async function ownImport(deps: AppDeps, actor: OutreachActor, id: string): Promise<OutreachImportTable> {
  const row = await deps.db.selectFrom('outreach_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.created_by !== actor.id) throw new NotFound();
  return row;
}

const ACTIVITY_BATCH = 400;
const AUDIENCE_BATCH = 1000;

/** Insert assembled activities inside the given transaction, in batches both databases accept. */
export async function insertActivities(trx: Transaction<Database> | Kysely<Database>, deps: AppDeps, activities: readonly ImportedActivity[], userId: string, importId: string | null): Promise<void> {
  const at = nowIso();
  for (let start = 0; start < activities.length; start += ACTIVITY_BATCH) {
    const slice = activities.slice(start, start + ACTIVITY_BATCH);
    const rows = slice.map((a) => ({
      id: newId(), unit_id: a.unitId, village_id: a.villageId, activity_date: a.activityDate, format: a.format, topic: a.topic, language: a.language,
      language_other: null, materials: JSON.stringify(a.materials), facilitator_member_id: null, campaign: a.campaign, campaign_note: null,
      counting_basis: a.countingBasis, audience_total: a.audiences.reduce((s, x) => s + x.female + x.male + x.unknownSex, 0),
      note_enc: a.note ? deps.cipher.encrypt(a.note) : null, import_id: importId, created_by: userId, updated_by: userId, created_at: at, updated_at: at,
    }));
    await trx.insertInto('outreach_activities').values(rows).execute();
    const audiences = rows.flatMap((r, i) => (slice[i] as ImportedActivity).audiences.map((x) => ({
      activity_id: r.id, audience_group: x.group, female: x.female, male: x.male, unknown_sex: x.unknownSex,
    })));
    for (let s = 0; s < audiences.length; s += AUDIENCE_BATCH) await trx.insertInto('outreach_audiences').values(audiences.slice(s, s + AUDIENCE_BATCH)).execute();
  }
}

export async function commitImport(deps: AppDeps, request: FastifyRequest, actor: OutreachActor, id: string, onlyValidRows: boolean): Promise<OutreachImportTable> {
  const row = await ownImport(deps, actor, id);
  if (row.status === 'imported') throw new Conflict('IMPORT_ALREADY_DONE');
  if (row.status !== 'validated' || row.payload === null) throw new Conflict('IMPORT_NOT_READY');
  const rejected = Number(row.rejected_rows);
  if (rejected > 0 && !onlyValidRows) throw new Conflict('IMPORT_HAS_ERRORS', { count: rejected });
  const activities = JSON.parse(deps.cipher.decrypt(row.payload)) as ImportedActivity[];
  // The rows were checked against the user's area at upload; it may have changed since (a new post).
  if (!actor.isUnscoped && activities.some((a) => !actor.unitScope.has(a.unitId))) throw new Forbidden('UNIT_OUT_OF_SCOPE');
  await deps.db.transaction().execute(async (trx) => {
    // Claim the import first, so two clicks (or two processes) cannot import it twice.
    const claimed = await trx.updateTable('outreach_imports').set({ status: 'imported', payload: null, imported_activities: activities.length, updated_at: nowIso() })
      .where('id', '=', id).where('status', '=', 'validated').executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new Conflict('IMPORT_ALREADY_DONE');
    await insertActivities(trx, deps, activities, actor.id, id);
    await audit(request, trx, {
      action: 'outreach.import', resourceType: 'outreach_import', resourceId: id,
      details: { year: Number(row.year), activities: activities.length, rows: Number(row.valid_rows), rejectedRows: rejected },
    });
  });
  return ownImport(deps, actor, id);
}
