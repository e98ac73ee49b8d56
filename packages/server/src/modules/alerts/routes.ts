// In-app alerts, computed when asked (no background job to miss a beat): first interventions overdue
// or due within two hours, no-contact decisions due from the commune chairman, no-contact orders about
// to end, and referrals no provider has answered. A commune officer sees those of cases assigned to
// them or to nobody in their commune; the district focal point (the supervisor) sees the whole area.
import { z } from 'zod';
import {
  firstInterventionDueAt, isMeasureActive, measureDecisionDueAt, roleCan,
  type MeasureIssuer, type MeasureStatus, type ProtectionMeasureType, type RiskLevel,
} from '@binhan/domain';
import { requires } from '../../http/access.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { now } from '../../lib/clock.js';
import { REFERRAL_RESPONSE_HOURS } from '../referrals/referrals.js';

const ALERT_KINDS = ['first_intervention', 'no_contact_decision', 'no_contact_ending', 'referral_unanswered'] as const;

export const AlertView = z.object({
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(['overdue', 'due_soon']),
  caseId: z.string(),
  caseCode: z.string(),
  dueAt: z.string(),
});
export type AlertView = z.infer<typeof AlertView>;

const SOON_MS = 2 * 3_600_000;
const ENDING_MS = 24 * 3_600_000;

export async function alertRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;

  app.get('/api/alerts', {
    config: { access: requires('cases.read') },
    schema: { tags: ['alerts'], summary: 'What needs doing now on my cases, most urgent first', response: { 200: z.object({ items: z.array(AlertView) }), ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    const supervisor = roleCan(actor.role, 'cases.assign') || actor.role === 'district_leader';
    let q = deps.db.selectFrom('cases').select(['id', 'code', 'detected_at', 'first_risk_level', 'first_intervention_at', 'assigned_officer_id'])
      .where('status', '!=', 'closed');
    if (!actor.isUnscoped) q = q.where('unit_id', 'in', actor.unitScope.size > 0 ? [...actor.unitScope] : ['-']);
    if (!supervisor) q = q.where((eb) => eb.or([eb('assigned_officer_id', '=', actor.id), eb('assigned_officer_id', 'is', null)]));
    const cases = await q.execute();
    if (cases.length === 0) return { items: [] };
    const byId = new Map(cases.map((c) => [c.id, c]));
    const ids = [...byId.keys()];
    const at = now().getTime();
    const items: AlertView[] = [];
    const push = (kind: AlertView['kind'], caseId: string, dueAt: string) => {
      const due = Date.parse(dueAt);
      const severity = due < at ? 'overdue' : due - at <= SOON_MS ? 'due_soon' : null;
      if (severity) items.push({ kind, severity, caseId, caseCode: byId.get(caseId)?.code ?? '', dueAt });
    };
    for (const c of cases) {
      if (c.first_intervention_at === null) push('first_intervention', c.id, firstInterventionDueAt(c.detected_at, c.first_risk_level as RiskLevel | null, deps.config.caseSettings.timeLimits));
    }
    const [measures, referrals] = await Promise.all([
      deps.db.selectFrom('protection_measures').select(['case_id', 'type', 'issuer', 'status', 'requested_at', 'starts_at', 'ends_at'])
        .where('case_id', 'in', ids).where('type', '=', 'no_contact').where('status', 'in', ['requested', 'in_effect']).execute(),
      deps.db.selectFrom('referrals').select(['case_id', 'referred_at']).where('case_id', 'in', ids).where('status', '=', 'sent').execute(),
    ]);
    const nowIsoString = new Date(at).toISOString();
    for (const m of measures) {
      if (m.status === 'requested' && m.requested_at) {
        const due = measureDecisionDueAt(m.type as ProtectionMeasureType, m.issuer as MeasureIssuer, m.requested_at, deps.config.caseSettings.measureLimits);
        if (due) push('no_contact_decision', m.case_id, due);
      }
      const active = isMeasureActive({ status: m.status as MeasureStatus, startsAt: m.starts_at, endsAt: m.ends_at }, nowIsoString);
      if (active && m.ends_at && Date.parse(m.ends_at) - at <= ENDING_MS) {
        items.push({ kind: 'no_contact_ending', severity: 'due_soon', caseId: m.case_id, caseCode: byId.get(m.case_id)?.code ?? '', dueAt: m.ends_at });
      }
    }
    for (const r of referrals) push('referral_unanswered', r.case_id, new Date(Date.parse(r.referred_at) + REFERRAL_RESPONSE_HOURS * 3_600_000).toISOString());
    items.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    return { items: items.slice(0, 200) };
  });
}
