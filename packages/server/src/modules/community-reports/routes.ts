// Community reports in the staff app: the queue of my area with alerts, the report page (audited),
// triage (open a case, link to a case, close), and filing a report with one's own list of submissions.
// The public page's form lives in src/public and shares the submission code.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CaseDetail, CommunityReportInput, IdParams, MySubmissionList, PageQuery, ReportAlert, ReportCloseInput, ReportDetail, ReportLinkInput,
  ReportList, ReportListQuery, ReportReceipt, formatReportReference, makeCaseCreateSchema, reportCloseIssues, type Action,
} from '@binhan/domain';
import { authorize, requires } from '../../http/access.js';
import { audit } from '../../http/audit-context.js';
import { Invalid, NotFound } from '../../http/errors.js';
import { assertSameRequest, idempotencyKeyOf, requestHash } from '../../http/idempotency.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { now } from '../../lib/clock.js';
import { recheck, SCHEMA_TIME } from '../cases/case-access.js';
import { loadCaseRow, presentCase } from '../cases/queries.js';
import { listMySubmissions, listReports, loadReport, presentDetail, reportAlerts, type ReportViewer } from './queue.js';
import { submitReport } from './submit.js';
import { takeStaffAttempt } from './throttle.js';
import { closeReport, linkReport, openCaseFromReport } from './triage.js';

export async function communityReportRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['community-reports'];

  const viewerOf = async (request: FastifyRequest): Promise<ReportViewer & Awaited<ReturnType<FastifyRequest['loadActor']>>> => {
    const actor = await request.loadActor();
    return { ...actor, isUnscoped: actor.isUnscoped === true };
  };

  /** The report, if it exists (else 404) and lies in my area for the action (else 403). */
  const reportInScope = async (request: FastifyRequest, id: string, action: Action) => {
    const actor = await viewerOf(request);
    const report = await loadReport(deps, id);
    if (!report) throw new NotFound();
    authorize(request, action, { unitId: report.unit_id }, actor);
    return { report, actor };
  };

  const detailOf = async (id: string) => presentDetail(deps, (await loadReport(deps, id)) as NonNullable<Awaited<ReturnType<typeof loadReport>>>);

  app.get('/api/community-reports', {
    config: { access: requires('community_reports.read') },
    schema: { tags, summary: 'Reports of my area: in danger now, then child, then newest first', querystring: ReportListQuery, response: { 200: ReportList, ...errorResponses } },
  }, async (request) => listReports(deps, await viewerOf(request), request.query));

  app.get('/api/community-reports/alerts', {
    config: { access: requires('community_reports.read') },
    schema: { tags, summary: 'Untriaged reports of my area with someone in danger now or a child involved', response: { 200: z.object({ items: z.array(ReportAlert) }), ...errorResponses } },
  }, async (request) => ({ items: await reportAlerts(deps, await viewerOf(request)) }));

  app.get('/api/community-reports/mine', {
    config: { access: requires('community_reports.submit') },
    schema: { tags, summary: 'The reports I filed and where they stand (no case details)', querystring: PageQuery, response: { 200: MySubmissionList, ...errorResponses } },
  }, async (request) => {
    const user = (request.auth as NonNullable<typeof request.auth>).actor;
    return listMySubmissions(deps, user.id, request.query.page, request.query.pageSize);
  });

  app.get('/api/community-reports/:id', {
    config: { access: requires('community_reports.read') },
    schema: { tags, summary: 'The report page with what the reporter wrote (logged in the audit)', params: IdParams, response: { 200: ReportDetail, ...errorResponses } },
  }, async (request) => {
    const { report } = await reportInScope(request, request.params.id, 'community_reports.read');
    await audit(request, deps.db, { action: 'community_report.view', resourceType: 'community_report', resourceId: report.id });
    return presentDetail(deps, report);
  });

  app.post('/api/community-reports', {
    config: { access: requires('community_reports.submit') },
    // The longest valid report is a few tens of kilobytes; no need to read a megabyte.
    bodyLimit: 64 * 1024,
    schema: { tags, summary: 'File a report from the staff app (same queue as the public page)', body: CommunityReportInput, response: { 201: ReportReceipt, ...errorResponses } },
  }, async (request, reply) => {
    const user = (request.auth as NonNullable<typeof request.auth>).actor;
    const key = idempotencyKeyOf(request);
    const clientKey = key ? `${user.id}:${key}` : null;
    const sent = key ? requestHash(request.body) : null;
    const earlier = async () => {
      const row = clientKey ? await deps.db.selectFrom('community_reports').selectAll().where('client_key', '=', clientKey).executeTakeFirst() : undefined;
      if (row) assertSameRequest(row.client_request_hash, sent);
      return row;
    };
    const receipt = (row: { id: string; reference: string; received_at: string; status: string }) =>
      ({ id: row.id, reference: formatReportReference(row.reference), receivedAt: row.received_at, status: row.status as 'new' });
    // The same form sent again (the first answer was lost): answer with the report it already filed.
    const existing = await earlier();
    if (existing) return reply.status(201).send(receipt(existing));
    await takeStaffAttempt(deps, user.id);
    try {
      const row = await submitReport(deps, request.body, { channel: 'staff', user, clientKey, requestHash: sent, ipAddress: request.ip });
      return reply.status(201).send(receipt(row));
    } catch (error) {
      const raced = await earlier();
      if (raced) return reply.status(201).send(receipt(raced));
      throw error;
    }
  });

  app.post('/api/community-reports/:id/open-case', {
    config: { access: requires('community_reports.triage') },
    schema: { tags, summary: 'Open a case from the report (the intake body of POST /api/cases); the report is marked in the same transaction', params: IdParams, body: makeCaseCreateSchema(SCHEMA_TIME), response: { 201: CaseDetail, ...errorResponses } },
  }, async (request, reply) => {
    authorize(request, 'cases.write');
    const { report, actor } = await reportInScope(request, request.params.id, 'community_reports.triage');
    const answer = async (caseId: string) => {
      const created = await loadCaseRow(deps.db, caseId);
      return reply.status(201).send(await presentCase(deps, created as NonNullable<typeof created>, actor.role, deps.config.caseSettings.timeLimits));
    };
    // The same draft sent again (the first answer was lost): answer with the case it already opened.
    const key = idempotencyKeyOf(request);
    // Hashed to fit the cases' key column (64 characters) whatever the key's length; the report is part
    // of it, so a key sent again for another report opens that report's case instead of failing.
    const client = key
      ? { key: `report:${createHash('sha256').update(`${actor.id}:${report.id}:${key}`).digest('base64url')}`, requestHash: requestHash(request.body) }
      : null;
    const earlier = async () => {
      const row = client ? await deps.db.selectFrom('cases').select(['id', 'client_request_hash']).where('client_key', '=', client.key).executeTakeFirst() : undefined;
      if (row && client) assertSameRequest(row.client_request_hash, client.requestHash);
      return row;
    };
    const existing = await earlier();
    if (existing && report.case_id === existing.id) return answer(existing.id);
    const input = recheck(makeCaseCreateSchema(now()), request.body);
    try {
      const row = await openCaseFromReport(deps, request, { id: actor.id, role: actor.role, isUnscoped: actor.isUnscoped, unitScope: actor.unitScope }, report, input, client);
      return await answer(row.id);
    } catch (error) {
      const raced = await earlier();
      const current = await loadReport(deps, report.id);
      if (raced && current?.case_id === raced.id) return answer(raced.id);
      throw error;
    }
  });

  app.post('/api/community-reports/:id/link', {
    config: { access: requires('community_reports.triage') },
    schema: { tags, summary: 'Link the report to a case already open', params: IdParams, body: ReportLinkInput, response: { 200: ReportDetail, ...errorResponses } },
  }, async (request) => {
    const { report, actor } = await reportInScope(request, request.params.id, 'community_reports.triage');
    await linkReport(deps, request, actor, report, request.body);
    return detailOf(report.id);
  });

  app.post('/api/community-reports/:id/close', {
    config: { access: requires('community_reports.triage') },
    schema: { tags, summary: 'Close the report with a reason', params: IdParams, body: ReportCloseInput, response: { 200: ReportDetail, ...errorResponses } },
  }, async (request) => {
    const { report, actor } = await reportInScope(request, request.params.id, 'community_reports.triage');
    const issues = reportCloseIssues(request.body);
    if (issues.length > 0) throw new Invalid('VALIDATION_FAILED', {}, issues.map((i) => ({ path: i.path, key: i.code })));
    await closeReport(deps, request, actor.id, report, request.body);
    return detailOf(report.id);
  });
}
