// Periodic reports and de-identified exports. Reading and drafting are scoped to the user's unit area;
// the district focal point returns or approves; exports for outside bodies suppress small cells.
import { z } from 'zod';
import {
  ExportQuery, IdParams, PeriodicReportCreate, PeriodicReportDecision, PeriodicReportList, PeriodicReportListQuery, PeriodicReportSave,
  PeriodicReportView, ReportDownloadQuery, ReportPeriodsView, periodsUpTo, ReportNarrative,
  reportingLine, unitTitle, type AdminUnit, type ReportPeriod, type UnitGraph,
} from '@binhan/domain';
import type { FastifyReply } from 'fastify';
import { anchorAuditHead, audit } from '../../http/audit-context.js';
import { authorize, requires } from '../../http/access.js';
import { invalidField } from '../../http/errors.js';
import type { AppDeps } from '../../deps.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { todayInVietnam } from '../../lib/clock.js';
import { buildDocument } from './document.js';
import { renderDocx } from './docx.js';
import { GENERALISED, INCIDENT_EXPORT_HEADER, incidentRows } from './exports.js';
import { renderPdf } from './pdf.js';
import {
  createReport, decideReport, figuresForExport, levelOf, listReports, loadReport, periodOrThrow, periodView, presentReport, saveNarrative, submitReport,
} from './service.js';
import { renderListXlsx, renderXlsx, toCsv } from './xlsx.js';

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * Printed on an approved report: the audit entry of its approval, which the signed checkpoint written at
 * approval anchors. A paper copy then tells whether the log still holds that approval unchanged.
 */
async function approvalAnchorLine(deps: AppDeps, reportId: string): Promise<string> {
  const entry = await deps.db.selectFrom('audit_log').select(['seq', 'hash']).where('action', '=', 'periodic_report.approve')
    .where('resource_id', '=', reportId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (!entry) return 'Nhật ký truy cập và thao tác: không tìm thấy mục ghi việc phê duyệt báo cáo này.';
  return `Nhật ký truy cập và thao tác: việc phê duyệt được ghi ở mục số ${Number(entry.seq)}, mã băm ${entry.hash.slice(0, 16)}…; điểm neo có chữ ký số (khóa ${deps.anchors.fingerprint}) được lưu khi phê duyệt.`;
}

function sendFile(reply: FastifyReply, format: keyof typeof TYPES, base: string, body: Buffer) {
  return reply.header('content-type', TYPES[format]).header('content-disposition', `attachment; filename="${base}.${format}"`)
    .header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(body);
}

const VersionBody = z.strictObject({ version: z.number().int().min(1) });
const Created = z.object({ id: z.string() });

/**
 * The issuer, place and recipients of a unit's document for a period: those valid on the period's last day
 * (a unit that drafts no report there, such as an ended district asked for an export, is named as it was).
 */
function documentLine(graph: UnitGraph, unit: AdminUnit, period: ReportPeriod, abolishedOn: string) {
  return reportingLine(graph, unit, period, abolishedOn) ?? { issuer: unitTitle(unit).toLocaleUpperCase('vi-VN'), place: unit.name, recipients: ['Lưu: VT.'] };
}

export async function periodicReportRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['reports'];

  app.get('/api/reports/periods', {
    config: { access: requires('reports.export') },
    schema: { tags, summary: 'Reporting periods that have begun (six-monthly and annual, with the configured cut-off dates) and the small-cell threshold', response: { 200: ReportPeriodsView, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'reports.export');
    const periods = periodsUpTo(todayInVietnam(), deps.config.reportSettings).map(periodView);
    return { periods, current: periods.find((p) => p.ended && p.kind !== 'Y')?.code ?? null, smallCellThreshold: deps.config.reportSettings.smallCellThreshold };
  });

  app.get('/api/reports', {
    config: { access: requires('reports.read') },
    schema: { tags, summary: 'The reports of a period for every unit of the user’s area that drafts one, with their status (not started, draft, submitted, returned, approved)', querystring: PeriodicReportListQuery, response: { 200: PeriodicReportList, ...errorResponses } },
  }, async (request) => listReports(deps, await request.loadActor(), request.query));

  app.post('/api/reports', {
    config: { access: requires('reports.draft') },
    schema: { tags, summary: 'Start the draft report of a unit for a period (figures are filled in from the records)', body: PeriodicReportCreate, response: { 201: Created, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send({ id: await createReport(deps, request, request.body) }));

  app.get('/api/reports/:id', {
    config: { access: requires('reports.read') },
    schema: { tags, summary: 'A report: figures with their basis, narrative, status, history, corrections since approval, consolidation', params: IdParams, response: { 200: PeriodicReportView, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await loadReport(deps, request, request.params.id, 'reports.read');
    return presentReport(deps, row, actor);
  });

  app.put('/api/reports/:id', {
    config: { access: requires('reports.draft') },
    schema: { tags, summary: 'Save the narrative of a draft or returned report (an approved report is locked)', params: IdParams, body: PeriodicReportSave, response: { 200: PeriodicReportView, ...errorResponses } },
  }, async (request) => {
    await saveNarrative(deps, request, request.params.id, ReportNarrative.parse(request.body.narrative), request.body.version);
    const { row, actor } = await loadReport(deps, request, request.params.id, 'reports.read');
    return presentReport(deps, row, actor);
  });

  app.post('/api/reports/:id/submit', {
    config: { access: requires('reports.draft') },
    schema: { tags, summary: 'Submit the commune’s report to the district (after the period’s cut-off date)', params: IdParams, body: VersionBody, response: { 200: PeriodicReportView, ...errorResponses } },
  }, async (request) => {
    await submitReport(deps, request, request.params.id, request.body.version);
    const { row, actor } = await loadReport(deps, request, request.params.id, 'reports.read');
    return presentReport(deps, row, actor);
  });

  app.post('/api/reports/:id/decide', {
    config: { access: requires('reports.approve') },
    schema: { tags, summary: 'Return a submitted report with a comment, or approve it (its figures are frozen and the period locked); approve the district’s consolidated report once every commune’s is approved', params: IdParams, body: PeriodicReportDecision, response: { 200: PeriodicReportView, ...errorResponses } },
  }, async (request) => {
    await decideReport(deps, request, request.params.id, request.body);
    if (request.body.decision === 'approve') await anchorAuditHead(request, 'periodic_report.approve', request.params.id);
    const { row, actor } = await loadReport(deps, request, request.params.id, 'reports.read');
    return presentReport(deps, row, actor);
  });

  app.get('/api/reports/:id/download', {
    config: { access: requires('reports.read'), fileTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf'] },
    schema: { tags, summary: 'The report as an Excel workbook, or as the official document (Decree 30/2020) in Word or PDF', params: IdParams, querystring: ReportDownloadQuery, response: { ...errorResponses } },
  }, async (request, reply) => {
    const { row, actor } = await loadReport(deps, request, request.params.id, 'reports.read');
    const view = await presentReport(deps, row, actor);
    const graph = await deps.units.graph();
    const unit = graph.get(row.unit_id) as AdminUnit;
    const period = periodOrThrow(deps, row.period);
    const doc = buildDocument({
      unit, period, level: view.level, status: view.status, narrative: view.narrative, figures: view.figures,
      approvedAt: view.status === 'approved' ? view.decidedAt : null, threshold: null, line: documentLine(graph, unit, period, deps.config.reportSettings.districtsAbolishedOn),
    });
    if (view.status === 'approved') doc.sections.at(-1)?.paragraphs.push(await approvalAnchorLine(deps, row.id));
    const format = request.query.format;
    const body = format === 'docx' ? await renderDocx(doc) : format === 'pdf' ? await renderPdf(doc) : await renderXlsx(doc);
    await audit(request, deps.db, { action: 'periodic_report.download', resourceType: 'periodic_report', resourceId: row.id, details: { format, period: row.period } });
    await anchorAuditHead(request, 'periodic_report.download', row.id);
    return sendFile(reply, format, doc.fileBase, body);
  });

  const exportUnit = async (request: Parameters<typeof loadReport>[1], unitId: string) => {
    const actor = await request.loadActor();
    const graph = await deps.units.graph();
    const unit = graph.get(unitId);
    if (!unit) throw invalidField('unitId', 'UNIT_NOT_FOUND');
    authorize(request, 'reports.export', { unitId }, actor);
    return { unit, graph, actor };
  };

  app.get('/api/exports/figures', {
    config: { access: requires('reports.export'), fileTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'] },
    schema: { tags, summary: 'De-identified figures of a unit and period (the approved report’s figures if there is one): small cells suppressed, no narrative', querystring: ExportQuery, response: { ...errorResponses } },
  }, async (request, reply) => {
    const { unit, graph } = await exportUnit(request, request.query.unitId);
    const period = periodOrThrow(deps, request.query.period);
    const { figures, approved } = await figuresForExport(deps, unit, period);
    const doc = buildDocument({
      unit, period, level: levelOf(deps, unit, period) ?? 'commune', status: approved ? 'approved' : 'draft', narrative: null, figures,
      approvedAt: null, threshold: deps.config.reportSettings.smallCellThreshold, line: documentLine(graph, unit, period, deps.config.reportSettings.districtsAbolishedOn),
    });
    await audit(request, deps.db, { action: 'export.figures', resourceType: 'admin_unit', resourceId: unit.id, details: { period: period.code, approved } });
    await anchorAuditHead(request, 'export.figures', null);
    if (request.query.format === 'csv') {
      const rows = doc.sections.flatMap((s) => s.tables.flatMap((t) => [[t.title], t.header, ...t.rows, []]));
      const width = Math.max(...rows.map((r) => r.length));
      return sendFile(reply, 'csv', doc.fileBase, toCsv(Array.from({ length: width }, () => ''), rows));
    }
    return sendFile(reply, 'xlsx', doc.fileBase, await renderXlsx(doc));
  });

  app.get('/api/exports/incidents', {
    config: { access: requires('reports.export'), fileTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'] },
    schema: { tags, summary: 'GBVIMS-style incident list (one row per incident) with pseudonymous codes, months instead of dates, no identity or narrative', querystring: ExportQuery, response: { ...errorResponses } },
  }, async (request, reply) => {
    const { unit, graph } = await exportUnit(request, request.query.unitId);
    const period = periodOrThrow(deps, request.query.period);
    const rows = await incidentRows(deps, [...graph.scopeOf(unit.id)], period, (id) => graph.get(id), { unitId: unit.id, threshold: deps.config.reportSettings.smallCellThreshold });
    await audit(request, deps.db, { action: 'export.incidents', resourceType: 'admin_unit', resourceId: unit.id, details: { period: period.code, rows: rows.length } });
    await anchorAuditHead(request, 'export.incidents', null);
    const base = `su-viec-${unit.code}-${period.code}-khu-dinh-danh`;
    if (request.query.format === 'csv') return sendFile(reply, 'csv', base, toCsv(INCIDENT_EXPORT_HEADER, rows));
    return sendFile(reply, 'xlsx', base, await renderListXlsx(
      `Danh sách sự việc (khử định danh) — ${unit.name}, ${period.code}`,
      `Mã giả danh thay cho định danh (chỉ có giá trị trong tệp này); tháng thay cho ngày; không có họ tên, điện thoại, số định danh, ngày sinh, lời kể. Nơi ít hơn ${deps.config.reportSettings.smallCellThreshold} người bị bạo lực cùng xã, tháng, giới tính, nhóm tuổi: tháng thay bằng năm, nhóm tuổi thay bằng trẻ em/người lớn, “${GENERALISED}” thay cho giá trị bị ẩn.`,
      INCIDENT_EXPORT_HEADER, rows,
    ));
  });
}
