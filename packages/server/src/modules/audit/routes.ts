// The audit log for administrators: browse and filter, and verify the hash chain.
import { AuditList, AuditQuery, AuditVerifyResult, ProbingAlertList } from '@binhan/domain';
import { authorize, requires } from '../../http/access.js';
import { audit } from '../../http/audit-context.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { verifyWithAnchors } from '../../security/audit-anchors.js';
import { probingAlerts } from '../../security/refusals.js';

export async function auditRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['audit'];

  app.get('/api/audit', {
    config: { access: requires('audit.read') },
    schema: { tags, summary: 'Audit entries, newest first', querystring: AuditQuery, response: { 200: AuditList, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'audit.read');
    const q = request.query;
    let query = deps.db.selectFrom('audit_log');
    if (q.action) query = query.where('action', 'like', `${q.action}%`);
    if (q.actorId) query = query.where('actor_id', '=', q.actorId);
    if (q.resourceType) query = query.where('resource_type', '=', q.resourceType);
    // Dates are Vietnamese calendar days: yyyy-mm-dd 00:00 at UTC+7.
    if (q.from) query = query.where('at', '>=', new Date(`${q.from}T00:00:00+07:00`).toISOString());
    if (q.to) query = query.where('at', '<', new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000).toISOString());
    const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await query.selectAll().orderBy('seq', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return {
      items: rows.map((r) => ({
        seq: Number(r.seq), at: r.at, actorId: r.actor_id, actorUsername: r.actor_username, actorRole: r.actor_role,
        action: r.action, resourceType: r.resource_type, resourceId: r.resource_id, outcome: r.outcome, ipAddress: r.ip_address,
        details: JSON.parse(r.details) as Record<string, unknown>,
      })),
      total, page: q.page, pageSize: q.pageSize,
    };
  });

  app.get('/api/audit/verify', {
    config: { access: requires('audit.verify') },
    schema: { tags, summary: 'Check the hash chain of the whole log', response: { 200: AuditVerifyResult, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'audit.verify');
    const result = await verifyWithAnchors(deps.db, deps.auditKey, deps.anchors.dir, deps.anchors.publicKey);
    await audit(request, deps.db, {
      action: 'audit.verify', outcome: result.ok ? 'success' : 'failure',
      details: { checked: result.checked, problems: result.problems.length, anchorProblems: result.anchors.problems.map((p) => p.kind) },
    });
    return result;
  });

  app.get('/api/audit/probing-alerts', {
    config: { access: requires('audit.read') },
    schema: { tags, summary: 'Users and addresses with many refused requests (403, 404 on records, 429, lockouts) in one hour, last 7 days', response: { 200: ProbingAlertList, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'audit.read');
    return { items: await probingAlerts(deps) };
  });
}
