// Periodic reports: a commune drafts, submits; the district returns with a comment or approves, which
// freezes the figures (the period is locked for the report). The district's own report consolidates
// its communes' approved figures. Records stay editable after approval — case work cannot wait for a
// report — and the report page shows where the live figures now differ as corrections.
import type { FastifyRequest } from 'fastify';
import {
  attributionOf, COMMUNE_LEVEL_KINDS, ReportFigures, can, diffFigures, isValidAt, periodOf, reportingLevelOf, reportingLine, roleCan, unitTitle, sumFigures,
  type Actor, type AdminUnit, type Attribution, type PeriodView, type PeriodicReportCreate, type PeriodicReportDecision, type PeriodicReportLevel,
  type PeriodicReportList, type PeriodicReportListItem, type PeriodicReportListQuery, type PeriodicReportStatus, type PeriodicReportView,
  type ReportNarrative, type ReportPeriod, type UnitGraph,
} from '@binhan/domain';
import type { Transaction } from 'kysely';
import type { Database, PeriodicReportTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { authorize } from '../../http/access.js';
import { Conflict, NotFound, invalidField } from '../../http/errors.js';
import { nowIso, todayInVietnam } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { liveFigures } from './figures.js';

type LoadedActor = Actor & { id: string };

const EMPTY_NARRATIVE: ReportNarrative = { situation: '', results: '', difficulties: '', proposals: '' };

export function periodOrThrow(deps: AppDeps, code: string, path = 'period'): ReportPeriod {
  const period = periodOf(code, deps.config.reportSettings);
  if (!period) throw invalidField(path, 'REPORT_PERIOD_NOT_FOUND', { firstYear: deps.config.reportSettings.firstYear });
  return period;
}

export function periodView(period: ReportPeriod): PeriodView {
  return { code: period.code, kind: period.kind, year: period.year, from: period.from, to: period.to, ended: period.to < todayInVietnam() };
}

export function unitRef(unit: AdminUnit) {
  return { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind };
}

/**
 * The report level a unit drafts for a period, or null when it drafts none: a commune; a district for the
 * periods before districts were abolished; a province after (who reports to whom follows the date).
 */
export function levelOf(deps: Pick<AppDeps, 'config'>, unit: AdminUnit, period: ReportPeriod): PeriodicReportLevel | null {
  return reportingLevelOf(unit, period, deps.config.reportSettings.districtsAbolishedOn);
}

/** Where a unit's report goes in a period: its district until districts were abolished, then its province. */
function reportsTo(deps: AppDeps, graph: UnitGraph, unit: AdminUnit, period: ReportPeriod): string | null {
  const upper = reportingLine(graph, unit, period, deps.config.reportSettings.districtsAbolishedOn)?.upper;
  return upper ? unitTitle(upper) : null;
}

/**
 * The area a report counts: the records of its period in the units as they stood at the period's end (a
 * record of a commune merged during the period goes to the commune that took it over), each in one unit.
 */
export function reportArea(graph: UnitGraph, unit: AdminUnit, period: ReportPeriod): Attribution {
  return attributionOf(graph, unit.id, 'today', period.to);
}

/** The communes whose reports make up a district's or a province's: the rows of its area at the end of the period. */
export function communesOf(graph: UnitGraph, districtId: string, period: ReportPeriod): AdminUnit[] {
  const district = graph.get(districtId);
  if (!district) return [];
  return [...reportArea(graph, district, period).rows].map((id) => graph.get(id)).filter((u): u is AdminUnit => u !== undefined)
    .filter((u) => COMMUNE_LEVEL_KINDS.includes(u.kind) && isValidAt(u, period.to))
    .sort((a, b) => a.code.localeCompare(b.code));
}

async function approvedSnapshots(deps: AppDeps, unitIds: string[], period: string) {
  if (unitIds.length === 0) return [];
  return deps.db.selectFrom('periodic_reports').select(['id', 'unit_id', 'status', 'decided_at', 'approved_figures'])
    .where('period', '=', period).where('unit_id', 'in', unitIds).execute();
}

/** The figures a unit's report shows now: live for a commune, the sum of approved commune reports for a district. */
async function draftFigures(deps: AppDeps, graph: UnitGraph, unit: AdminUnit, level: PeriodicReportLevel, period: ReportPeriod): Promise<ReportFigures> {
  if (level === 'commune') return liveFigures(deps, reportArea(graph, unit, period), period);
  const communes = communesOf(graph, unit.id, period);
  const rows = await approvedSnapshots(deps, communes.map((c) => c.id), period.code);
  const parts = rows.filter((r) => r.status === 'approved' && r.approved_figures).map((r) => ReportFigures.parse(JSON.parse(r.approved_figures as string)));
  // What the district (or province) itself held — a course, an activity — is in no commune's report.
  return sumFigures([...parts, await ownFigures(deps, graph, unit, period)], period.from, period.to);
}

/** The figures of a consolidating unit's own row: records kept at its own level, not in a commune. */
export function ownFigures(deps: AppDeps, graph: UnitGraph, unit: AdminUnit, period: ReportPeriod): Promise<ReportFigures> {
  return liveFigures(deps, reportArea(graph, unit, period).only([unit.id]), period);
}

/** Figures for an export: the approved snapshot of the unit's report if there is one, live figures otherwise. */
export async function figuresForExport(deps: AppDeps, unit: AdminUnit, period: ReportPeriod): Promise<{ figures: ReportFigures; approved: boolean }> {
  const row = await deps.db.selectFrom('periodic_reports').select(['status', 'approved_figures']).where('unit_id', '=', unit.id).where('period', '=', period.code).executeTakeFirst();
  if (row?.status === 'approved' && row.approved_figures) return { figures: ReportFigures.parse(JSON.parse(row.approved_figures)), approved: true };
  const graph = await deps.units.graph();
  return { figures: await liveFigures(deps, reportArea(graph, unit, period), period), approved: false };
}

export async function loadReport(deps: AppDeps, request: FastifyRequest, id: string, action: 'reports.read' | 'reports.draft' | 'reports.approve') {
  const row = await deps.db.selectFrom('periodic_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound();
  const actor = await request.loadActor();
  authorize(request, action, { unitId: row.unit_id }, actor);
  return { row, actor };
}

async function addEvent(trx: Transaction<Database>, deps: AppDeps, reportId: string, actorId: string, kind: string, comment: string | null = null): Promise<void> {
  await trx.insertInto('periodic_report_events').values({
    id: newId(), report_id: reportId, at: nowIso(), actor_id: actorId, kind, comment_enc: comment ? deps.cipher.encrypt(comment) : null,
  }).execute();
}

export async function listReports(deps: AppDeps, actor: LoadedActor, query: PeriodicReportListQuery): Promise<PeriodicReportList> {
  const period = periodOrThrow(deps, query.period);
  const graph = await deps.units.graph();
  const units = [...graph.byId.values()]
    .filter((u) => actor.isUnscoped === true || actor.unitScope.has(u.id))
    .filter((u) => levelOf(deps, u, period) !== null)
    // The consolidating unit (district or province) first, then the communes by code.
    .sort((a, b) => (COMMUNE_LEVEL_KINDS.includes(a.kind) ? 1 : 0) - (COMMUNE_LEVEL_KINDS.includes(b.kind) ? 1 : 0) || a.code.localeCompare(b.code));
  const rows = units.length === 0 ? [] : await deps.db.selectFrom('periodic_reports').selectAll().where('period', '=', period.code).where('unit_id', 'in', units.map((u) => u.id)).execute();
  const items: PeriodicReportListItem[] = [];
  for (const unit of units) {
    const row = rows.find((r) => r.unit_id === unit.id);
    let hasCorrections = false;
    if (row?.status === 'approved' && row.approved_figures) {
      const live = await liveFigures(deps, reportArea(graph, unit, period), period);
      hasCorrections = diffFigures(ReportFigures.parse(JSON.parse(row.approved_figures)), live).length > 0;
    }
    items.push({
      id: row?.id ?? null, unit: unitRef(unit), level: levelOf(deps, unit, period) as PeriodicReportLevel, period: period.code,
      status: (row?.status ?? 'not_started') as PeriodicReportListItem['status'],
      submittedAt: row?.submitted_at ?? null, decidedAt: row?.decided_at ?? null, updatedAt: row?.updated_at ?? null, hasCorrections,
    });
  }
  return { period: periodView(period), items: query.status === 'all' ? items : items.filter((i) => i.status === query.status) };
}

export async function createReport(deps: AppDeps, request: FastifyRequest, input: PeriodicReportCreate): Promise<string> {
  const actor = await request.loadActor();
  const period = periodOrThrow(deps, input.period);
  const graph = await deps.units.graph();
  const unit = graph.get(input.unitId);
  if (!unit) throw invalidField('unitId', 'UNIT_NOT_FOUND');
  authorize(request, 'reports.draft', { unitId: unit.id }, actor);
  const level = levelOf(deps, unit, period);
  if (!level) throw invalidField('unitId', 'PERIODIC_REPORT_UNIT_INVALID');
  if (period.from > todayInVietnam()) throw invalidField('period', 'REPORT_PERIOD_NOT_STARTED', { from: formatDate(period.from) });
  // The district's (or province's) consolidated report is its focal point's.
  if (level !== 'commune' && !roleCan(actor.role, 'reports.approve')) throw invalidField('unitId', 'PERIODIC_REPORT_UNIT_INVALID');
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('periodic_reports').select('id').where('unit_id', '=', unit.id).where('period', '=', period.code).executeTakeFirst();
    if (existing) throw new Conflict('PERIODIC_REPORT_EXISTS', {}, [{ path: 'period', key: 'PERIODIC_REPORT_EXISTS' }]);
    const at = nowIso();
    await trx.insertInto('periodic_reports').values({
      id, unit_id: unit.id, period: period.code, level, status: 'draft', narrative_enc: deps.cipher.encrypt(JSON.stringify(EMPTY_NARRATIVE)),
      approved_figures: null, return_comment_enc: null, submitted_at: null, submitted_by: null, decided_at: null, decided_by: null,
      version: 1, created_by: actor.id, created_at: at, updated_at: at,
    }).execute();
    await addEvent(trx, deps, id, actor.id, 'drafted');
    await audit(request, trx, { action: 'periodic_report.create', resourceType: 'periodic_report', resourceId: id, details: { unitId: unit.id, period: period.code, level } });
  });
  return id;
}

function checkVersion(row: PeriodicReportTable, version: number): void {
  if (Number(row.version) !== version) throw new Conflict('PERIODIC_REPORT_STALE');
}

export async function saveNarrative(deps: AppDeps, request: FastifyRequest, id: string, narrative: ReportNarrative, version: number): Promise<void> {
  const { row, actor } = await loadReport(deps, request, id, 'reports.draft');
  if (row.status === 'approved') throw new Conflict('PERIODIC_REPORT_LOCKED');
  if (row.status === 'submitted') throw new Conflict('PERIODIC_REPORT_STATUS_INVALID');
  checkVersion(row, version);
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('periodic_reports')
      .set({ narrative_enc: deps.cipher.encrypt(JSON.stringify(narrative)), version: Number(row.version) + 1, updated_at: nowIso() })
      .where('id', '=', id).where('version', '=', Number(row.version)).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Conflict('PERIODIC_REPORT_STALE');
    await addEvent(trx, deps, id, actor.id, 'saved');
    await audit(request, trx, { action: 'periodic_report.save', resourceType: 'periodic_report', resourceId: id, details: { period: row.period } });
  });
}

function formatDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function requireEnded(period: ReportPeriod): void {
  if (period.to >= todayInVietnam()) throw new Conflict('REPORT_PERIOD_NOT_ENDED', { to: formatDate(period.to) });
}

export async function submitReport(deps: AppDeps, request: FastifyRequest, id: string, version: number): Promise<void> {
  const { row, actor } = await loadReport(deps, request, id, 'reports.draft');
  if (row.status === 'approved') throw new Conflict('PERIODIC_REPORT_LOCKED');
  if (row.level !== 'commune' || (row.status !== 'draft' && row.status !== 'returned')) throw new Conflict('PERIODIC_REPORT_STATUS_INVALID');
  checkVersion(row, version);
  requireEnded(periodOrThrow(deps, row.period));
  await deps.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const updated = await trx.updateTable('periodic_reports')
      .set({ status: 'submitted', submitted_at: at, submitted_by: actor.id, version: Number(row.version) + 1, updated_at: at })
      .where('id', '=', id).where('version', '=', Number(row.version)).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Conflict('PERIODIC_REPORT_STALE');
    await addEvent(trx, deps, id, actor.id, 'submitted');
    await audit(request, trx, { action: 'periodic_report.submit', resourceType: 'periodic_report', resourceId: id, details: { period: row.period } });
  });
}

export async function decideReport(deps: AppDeps, request: FastifyRequest, id: string, input: PeriodicReportDecision): Promise<void> {
  const { row, actor } = await loadReport(deps, request, id, 'reports.approve');
  if (row.status === 'approved') throw new Conflict(input.decision === 'approve' ? 'PERIODIC_REPORT_ALREADY_APPROVED' : 'PERIODIC_REPORT_LOCKED');
  const approve = input.decision === 'approve';
  // A commune's report is decided once submitted; the district's own report is finalised by the district.
  if (row.level === 'commune' ? row.status !== 'submitted' : !approve) throw new Conflict('PERIODIC_REPORT_STATUS_INVALID');
  if (!approve && !input.comment) throw invalidField('comment', 'PERIODIC_REPORT_RETURN_COMMENT');
  checkVersion(row, input.version);
  const period = periodOrThrow(deps, row.period);
  let snapshot: ReportFigures | null = null;
  if (approve) {
    requireEnded(period);
    const graph = await deps.units.graph();
    const unit = graph.get(row.unit_id) as AdminUnit;
    if (row.level !== 'commune') {
      const communes = communesOf(graph, unit.id, period);
      const reports = await approvedSnapshots(deps, communes.map((c) => c.id), period.code);
      const pending = communes.filter((c) => reports.find((r) => r.unit_id === c.id)?.status !== 'approved').length;
      if (pending > 0) throw new Conflict('PERIODIC_REPORT_COMMUNES_PENDING', { pending });
    }
    snapshot = await draftFigures(deps, graph, unit, row.level as PeriodicReportLevel, period);
  }
  await deps.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const updated = await trx.updateTable('periodic_reports').set({
      status: approve ? 'approved' : 'returned', decided_at: at, decided_by: actor.id,
      approved_figures: snapshot ? JSON.stringify(snapshot) : null,
      return_comment_enc: approve ? null : deps.cipher.encrypt(input.comment as string),
      version: Number(row.version) + 1, updated_at: at,
    }).where('id', '=', id).where('version', '=', Number(row.version)).where('status', '!=', 'approved').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Conflict('PERIODIC_REPORT_STALE');
    await addEvent(trx, deps, id, actor.id, approve ? 'approved' : 'returned', approve ? null : input.comment ?? null);
    await audit(request, trx, { action: approve ? 'periodic_report.approve' : 'periodic_report.return', resourceType: 'periodic_report', resourceId: id, details: { period: row.period } });
  });
}

export async function presentReport(deps: AppDeps, row: PeriodicReportTable, actor: LoadedActor): Promise<PeriodicReportView> {
  const graph = await deps.units.graph();
  const unit = graph.get(row.unit_id) as AdminUnit;
  const period = periodOrThrow(deps, row.period);
  const level = row.level as PeriodicReportLevel;
  const status = row.status as PeriodicReportStatus;
  const approved = status === 'approved' && row.approved_figures ? ReportFigures.parse(JSON.parse(row.approved_figures)) : null;
  const current = level === 'commune' || approved ? await liveFigures(deps, reportArea(graph, unit, period), period) : null;
  const shown = approved ?? (level === 'commune' && current ? current : await draftFigures(deps, graph, unit, level, period));
  let consolidation: PeriodicReportView['consolidation'] = null;
  if (level !== 'commune') {
    const communes = communesOf(graph, unit.id, period);
    const reports = await approvedSnapshots(deps, communes.map((c) => c.id), period.code);
    const list = communes.map((c) => {
      const r = reports.find((x) => x.unit_id === c.id);
      return { unit: unitRef(c), reportId: r?.id ?? null, status: r?.status ?? 'not_started', approvedAt: r?.status === 'approved' ? r.decided_at : null };
    });
    consolidation = { communes: list, approved: list.filter((c) => c.status === 'approved').length, expected: list.length };
  }
  const events = await deps.db.selectFrom('periodic_report_events').leftJoin('users', 'users.id', 'periodic_report_events.actor_id')
    .select(['periodic_report_events.at', 'periodic_report_events.kind', 'periodic_report_events.comment_enc', 'users.id as user_id', 'users.display_name'])
    .where('report_id', '=', row.id).orderBy('at', 'asc').execute();
  const decider = row.decided_by ? await deps.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', row.decided_by).executeTakeFirst() : undefined;
  const inScope = can(actor, 'reports.draft', { unitId: row.unit_id });
  const editable = inScope && (status === 'draft' || status === 'returned');
  return {
    id: row.id, unit: unitRef(unit), level, reportsTo: reportsTo(deps, graph, unit, period), period: periodView(period), status, version: Number(row.version),
    narrative: { ...EMPTY_NARRATIVE, ...(JSON.parse(deps.cipher.decrypt(row.narrative_enc)) as Partial<ReportNarrative>) },
    figures: shown, currentFigures: current ?? shown,
    corrections: approved && current ? diffFigures(approved, current) : [],
    consolidation,
    submittedAt: row.submitted_at, decidedAt: row.decided_at,
    decidedBy: decider ? { id: decider.id, displayName: decider.display_name } : null,
    returnComment: status === 'returned' && row.return_comment_enc ? deps.cipher.decrypt(row.return_comment_enc) : null,
    history: events.map((e) => ({
      at: e.at, kind: e.kind, actor: e.user_id ? { id: e.user_id, displayName: e.display_name ?? '' } : null,
      comment: e.comment_enc ? deps.cipher.decrypt(e.comment_enc) : null,
    })),
    createdAt: row.created_at, updatedAt: row.updated_at,
    can: {
      edit: editable,
      submit: editable && level === 'commune',
      decide: can(actor, 'reports.approve', { unitId: row.unit_id }) && (level === 'commune' ? status === 'submitted' : status !== 'approved'),
    },
  };
}

