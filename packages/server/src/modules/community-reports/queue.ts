// The staff side of reports: the queue of the viewer's area (most urgent, then newest first), the report
// page with what the reporter wrote, alerts for untriaged urgent reports, and a submitter's own list.
// Lists carry flags and codes only; the words are decrypted on the report page alone.
import { sql, type SelectQueryBuilder } from 'kysely';
import {
  formatReportReference, parseReportReference, suggestedDetectionSource,
  type MySubmission, type ReportAlert, type ReportChannel, type ReportCloseReason, type ReportConcern, type ReportDetail, type ReportListItem,
  type ReportListQuery, type ReportOccurredWhen, type ReportStatus, type YesNoUnsure,
} from '@binhan/domain';
import type { CommunityReportTable, Database } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { Forbidden } from '../../http/errors.js';
import { now } from '../../lib/clock.js';
import type { ReportContent } from './submit.js';

export interface ReportViewer {
  id: string;
  isUnscoped: boolean;
  unitScope: ReadonlySet<string>;
}

type ReportQuery = SelectQueryBuilder<Database, 'community_reports', object>;

function inArea(q: ReportQuery, viewer: ReportViewer): ReportQuery {
  if (viewer.isUnscoped) return q;
  return q.where('community_reports.unit_id', 'in', viewer.unitScope.size > 0 ? [...viewer.unitScope] : ['-']);
}

const minutesBetween = (from: string, to: number) => Math.max(0, Math.floor((to - Date.parse(from)) / 60_000));

async function unitRefs(deps: AppDeps) {
  const graph = await deps.units.graph();
  return (id: string) => {
    const u = graph.get(id);
    return { id, code: u?.code ?? '', name: u?.name ?? '', kind: u?.kind ?? '' };
  };
}

export async function presentListItems(deps: AppDeps, rows: CommunityReportTable[]): Promise<ReportListItem[]> {
  const ref = await unitRefs(deps);
  const caseIds = [...new Set(rows.map((r) => r.case_id).filter((id): id is string => id !== null))];
  const codes = new Map((caseIds.length > 0 ? await deps.db.selectFrom('cases').select(['id', 'code']).where('id', 'in', caseIds).execute() : []).map((c) => [c.id, c.code]));
  const at = now().getTime();
  return rows.map((r) => ({
    id: r.id,
    reference: formatReportReference(r.reference),
    unit: ref(r.unit_id),
    village: r.village_id ? ref(r.village_id) : null,
    channel: r.channel as ReportChannel,
    receivedAt: r.received_at,
    concerns: JSON.parse(r.concerns) as ReportConcern[],
    occurredWhen: r.occurred_when as ReportOccurredWhen,
    inDangerNow: r.in_danger_now as YesNoUnsure,
    childInvolved: r.child_involved as YesNoUnsure,
    hasContact: Number(r.has_contact) === 1,
    status: r.status as ReportStatus,
    triagedAt: r.triaged_at,
    triageMinutes: r.triage_minutes === null ? null : Number(r.triage_minutes),
    waitingMinutes: r.status === 'new' ? minutesBetween(r.received_at, at) : null,
    case: r.case_id ? { id: r.case_id, code: codes.get(r.case_id) ?? '' } : null,
  }));
}

async function countNew(deps: AppDeps, viewer: ReportViewer) {
  const row = await inArea(deps.db.selectFrom('community_reports'), viewer)
    .where('status', '=', 'new')
    .select([
      sql<number>`count(*)`.as('all'),
      sql<number>`coalesce(sum(case when in_danger_now = 'yes' then 1 else 0 end), 0)`.as('danger'),
      sql<number>`coalesce(sum(case when child_involved = 'yes' then 1 else 0 end), 0)`.as('child'),
    ])
    .executeTakeFirstOrThrow();
  return { new: Number(row.all), newInDanger: Number(row.danger), newChild: Number(row.child) };
}

export async function listReports(deps: AppDeps, viewer: ReportViewer, query: ReportListQuery) {
  let q = inArea(deps.db.selectFrom('community_reports'), viewer);
  if (query.unitId !== undefined) {
    if (!viewer.isUnscoped && !viewer.unitScope.has(query.unitId)) throw new Forbidden('UNIT_OUT_OF_SCOPE');
    const graph = await deps.units.graph();
    q = q.where('unit_id', 'in', [...graph.scopeOf(query.unitId)]);
  }
  if (query.status !== 'all') q = q.where('status', '=', query.status);
  if (query.urgent === 'true') q = q.where((eb) => eb.or([eb('in_danger_now', '=', 'yes'), eb('child_involved', '=', 'yes')]));
  if (query.channel !== undefined) q = q.where('channel', '=', query.channel);
  if (query.reference) q = q.where('reference', '=', parseReportReference(query.reference) ?? '-');
  const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll()
    .orderBy(sql`case when in_danger_now = 'yes' then 0 else 1 end`)
    .orderBy(sql`case when child_involved = 'yes' then 0 else 1 end`)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: await presentListItems(deps, rows),
    total: Number(total.n),
    page: query.page,
    pageSize: query.pageSize,
    counts: await countNew(deps, viewer),
  };
}

export async function loadReport(deps: AppDeps, id: string): Promise<CommunityReportTable | undefined> {
  return deps.db.selectFrom('community_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

async function personRef(deps: AppDeps, id: string | null) {
  if (id === null) return null;
  const user = await deps.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id).executeTakeFirst();
  return user ? { id: user.id, displayName: user.display_name } : { id, displayName: '' };
}

/** The report page: list fields, the decrypted words and contact, who filed it and how it was triaged. */
export async function presentDetail(deps: AppDeps, row: CommunityReportTable): Promise<ReportDetail> {
  const [item] = await presentListItems(deps, [row]);
  const content = JSON.parse(deps.cipher.decrypt(row.content_enc)) as ReportContent;
  const contact = content.contact;
  const triagedBy = await personRef(deps, row.triaged_by);
  return {
    ...(item as ReportListItem),
    placeNote: content.placeNote,
    description: content.description,
    reporterRelation: content.reporterRelation ?? null,
    contact: contact
      ? { name: contact.name ?? null, phone: contact.phone ?? null, ways: contact.ways, safeTime: contact.safeTime ?? null, note: contact.note ?? null }
      : null,
    suggestedDetectionSource: suggestedDetectionSource(content.reporterRelation),
    submittedBy: await personRef(deps, row.submitted_by),
    triage: row.triaged_at && triagedBy && row.status !== 'new'
      ? {
        at: row.triaged_at,
        by: triagedBy,
        outcome: row.status as 'case_opened' | 'linked' | 'closed',
        closeReason: row.close_reason as ReportCloseReason | null,
        note: row.triage_note_enc ? deps.cipher.decrypt(row.triage_note_enc) : null,
      }
      : null,
  };
}

/** Untriaged reports with someone in danger now (first) or a child involved, oldest waiting first within each. */
export async function reportAlerts(deps: AppDeps, viewer: ReportViewer): Promise<ReportAlert[]> {
  const rows = await inArea(deps.db.selectFrom('community_reports'), viewer)
    .where('status', '=', 'new')
    .where((eb) => eb.or([eb('in_danger_now', '=', 'yes'), eb('child_involved', '=', 'yes')]))
    .select(['id', 'reference', 'unit_id', 'received_at', 'in_danger_now'])
    .orderBy(sql`case when in_danger_now = 'yes' then 0 else 1 end`)
    .orderBy('received_at', 'asc')
    .limit(200)
    .execute();
  const ref = await unitRefs(deps);
  const at = now().getTime();
  return rows.map((r) => ({
    kind: r.in_danger_now === 'yes' ? 'in_danger' as const : 'child' as const,
    reportId: r.id,
    reference: formatReportReference(r.reference),
    unit: ref(r.unit_id),
    receivedAt: r.received_at,
    waitingMinutes: minutesBetween(r.received_at, at),
  }));
}

/** A submitter's own reports and where they stand; nothing about the case behind them. */
export async function listMySubmissions(deps: AppDeps, userId: string, page: number, pageSize: number) {
  const base = deps.db.selectFrom('community_reports').where('submitted_by', '=', userId);
  const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('received_at', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  const ref = await unitRefs(deps);
  const items: MySubmission[] = rows.map((r) => ({
    id: r.id,
    reference: formatReportReference(r.reference),
    unit: ref(r.unit_id),
    receivedAt: r.received_at,
    concerns: JSON.parse(r.concerns) as ReportConcern[],
    inDangerNow: r.in_danger_now as YesNoUnsure,
    childInvolved: r.child_involved as YesNoUnsure,
    status: r.status as ReportStatus,
    triagedAt: r.triaged_at,
  }));
  return { items, total: Number(total.n), page, pageSize };
}
