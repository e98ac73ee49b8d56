// What a device keeps for work without a connection: the answers of the GET routes the web app calls on
// the pages that work offline, keyed by the exact path the app requests, built with the same presenters
// the routes use (so access rules and shapes are the same) and passed through the same response schemas.
// Never a survivor's identity: no reveal, no identity search; the case answers are those of GET /api/cases/:id.
//
// Keys (<id> = each packed case; only for users with cases.read and cases.write, on cases they may write):
//   /api/cases/<id>                 CaseDetail                       (presentCase)
//   /api/cases/<id>/timeline        { items: TimelineEntry[] }       (readTimeline)
//   /api/cases/<id>/measures        { items: MeasureView[] }         (listMeasures)
//   /api/cases/<id>/follow-ups      { items: FollowUpView[] }        (listFollowUps)
//   /api/cases/<id>/consents        { items: ConsentView[] }         (listConsents)
//   /api/cases/<id>/referrals       { items: ReferralView[] }        (presentReferrals)
//   /api/cases/<id>/support-plan    { plan: SupportPlanView | null } (presentPlan)
//   /api/cases/<id>/perpetrators    { items: CasePerpetratorView[] } (casePerpetrators)
// Shared:
//   /api/me, /api/meta                                     the session and the sign-in facts (every user)
//   /api/cases                      CaseList of the packed cases, in pack order (page 1, pageSize = count)   [cases.read]
//   /api/cases/config               risk checklist and time limits                                       [cases.read]
//   /api/admin-units                every unit of the user's area, all generations (useUnits(null))      [units.read]
//   /api/admin-units?at=<today>     units valid today (Vietnam), as the intake wizard asks (useUnits(today)) [units.read]
//   /api/providers                  the active service directory (no filter)                              [providers.read]
//   /api/outreach/activities        the activities the list route shows the user, newest first, up to 200 [outreach.read]
//   /api/network/members/me         the network member linked to the user (only when one is linked)       [outreach.read]
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CaseDetail, CaseList, CasePerpetratorList, ConsentView, Me, NetworkMemberView, OutreachList, PASSWORD_MIN_LENGTH, ProviderView, ReferralView, SupportPlanView, TimelineEntry, UnitView,
  can, isValidAt, roleCan, type AdminUnit, type OfflinePack,
} from '@binhan/domain';
import type { CaseTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { nowIso, todayInVietnam } from '../../lib/clock.js';
import { presentUnit } from '../admin-units/service.js';
import { presentMe } from '../auth/presenter.js';
import { requireAuth } from '../auth/service.js';
import { readTimeline } from '../cases/identity-view.js';
import { presentCase, presentListItems } from '../cases/queries.js';
import { FollowUpView, MeasureView, listFollowUps, listMeasures } from '../measures/service.js';
import { myMember } from '../network/members.js';
import { listActivities } from '../outreach/activities.js';
import { casePerpetrators } from '../perpetrators/queries.js';
import { viewerOf as perpetratorViewerOf } from '../perpetrators/access.js';
import { listProviders } from '../referrals/providers.js';
import { listConsents, presentReferrals } from '../referrals/referrals.js';
import { presentPlan } from '../support-plans/service.js';
import { VERSION } from '../system/routes.js';

type Actor = Awaited<ReturnType<FastifyRequest['loadActor']>>;

const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const schemas = {
  timeline: Items(TimelineEntry),
  measures: Items(MeasureView),
  followUps: Items(FollowUpView),
  consents: Items(ConsentView),
  referrals: Items(ReferralView),
  plan: z.object({ plan: SupportPlanView.nullable() }),
  units: Items(UnitView),
  providers: Items(ProviderView),
};

/** What a route's serializer does: only the fields of the response schema, as JSON. */
function asAnswered<T>(schema: z.ZodType<T>, value: unknown): T {
  return JSON.parse(JSON.stringify(schema.parse(value))) as T;
}

/** The user may both read and change the case (offline work records changes). */
function mayWork(actor: Actor, unitId: string): boolean {
  return can(actor, 'cases.read', { unitId }) && can(actor, 'cases.write', { unitId });
}

/** Units above a commune: a user placed there (a district focal point) covers many communes. */
const ABOVE_COMMUNE = new Set(['province', 'district']);

/**
 * The cases for the device: the marked ones the user may work on (others are left out, as if they did not
 * exist), or the default set, most recently updated first: for a user of a commune the open cases of their
 * area; for a user placed above the communes (district) only the open cases assigned to them, as a whole
 * district's cases are more than one person carries offline. Capped at the limit.
 */
async function chooseCases(deps: AppDeps, actor: Actor, caseIds: string[] | undefined, limit: number): Promise<{ rows: CaseTable[]; leftOut: number }> {
  if (!roleCan(actor.role, 'cases.read') || !roleCan(actor.role, 'cases.write')) return { rows: [], leftOut: 0 };
  if (caseIds !== undefined) {
    const wanted = [...new Set(caseIds)];
    const found = new Map<string, CaseTable>();
    for (let s = 0; s < wanted.length; s += 500) {
      const chunk = wanted.slice(s, s + 500);
      if (chunk.length === 0) continue;
      for (const row of await deps.db.selectFrom('cases').selectAll().where('id', 'in', chunk).execute()) found.set(row.id, row);
    }
    const allowed = wanted.map((id) => found.get(id)).filter((row): row is CaseTable => row !== undefined && mayWork(actor, row.unit_id));
    return { rows: allowed.slice(0, limit), leftOut: Math.max(0, allowed.length - limit) };
  }
  if (!actor.isUnscoped && actor.unitScope.size === 0) return { rows: [], leftOut: 0 };
  let q = deps.db.selectFrom('cases').where('status', '!=', 'closed');
  if (!actor.isUnscoped) q = q.where('unit_id', 'in', [...actor.unitScope]);
  const own = actor.unitId ? (await deps.units.graph()).get(actor.unitId) : undefined;
  if (actor.isUnscoped || !own || ABOVE_COMMUNE.has(own.kind)) q = q.where('assigned_officer_id', '=', actor.id);
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = (await q.selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute()).filter((row) => mayWork(actor, row.unit_id));
  return { rows, leftOut: Math.max(0, total - rows.length) };
}

export async function buildOfflinePack(deps: AppDeps, request: FastifyRequest, caseIds: string[] | undefined): Promise<OfflinePack> {
  const actor = await request.loadActor();
  const limit = deps.config.offlineCaseLimit;
  const limits = deps.config.caseSettings.timeLimits;
  const role = actor.role;
  const responses: Record<string, unknown> = {};
  const { session, user } = requireAuth(request);

  responses['/api/me'] = asAnswered(Me, await presentMe(deps, user, session));
  responses['/api/meta'] = { demo: deps.config.isDemo, version: VERSION, passwordMinLength: PASSWORD_MIN_LENGTH, sessionIdleMinutes: deps.config.sessionIdleMinutes };

  const { rows, leftOut } = await chooseCases(deps, actor, caseIds, limit);
  if (roleCan(role, 'cases.read')) {
    const items = await presentListItems(deps.db, rows, limits);
    responses['/api/cases'] = asAnswered(CaseList, { items, total: items.length, page: 1, pageSize: Math.max(1, items.length) });
    responses['/api/cases/config'] = { riskChecklist: deps.config.caseSettings.riskChecklist, timeLimits: { ...limits } };
    const perpetratorViewer = await perpetratorViewerOf(request);
    for (const row of rows) {
      const base = `/api/cases/${row.id}`;
      const [detail, timeline, measures, followUps, consents, referralRows, plan, perpetrators] = await Promise.all([
        presentCase(deps, row, role, limits),
        readTimeline(deps, row.id, role),
        listMeasures(deps, row.id, role),
        listFollowUps(deps, row.id, role),
        listConsents(deps, row.id),
        deps.db.selectFrom('referrals').selectAll().where('case_id', '=', row.id).orderBy('referred_at', 'desc').execute(),
        presentPlan(deps, row.id, role),
        casePerpetrators(deps, perpetratorViewer, row.id),
      ]);
      responses[base] = asAnswered(CaseDetail, detail);
      responses[`${base}/timeline`] = asAnswered(schemas.timeline, { items: timeline });
      responses[`${base}/measures`] = asAnswered(schemas.measures, { items: measures });
      responses[`${base}/follow-ups`] = asAnswered(schemas.followUps, { items: followUps });
      responses[`${base}/consents`] = asAnswered(schemas.consents, { items: consents });
      // Never an identity in the pack: referrals are shown as to a role that may not identify the survivor.
      responses[`${base}/referrals`] = asAnswered(schemas.referrals, { items: await presentReferrals(deps, referralRows, 'reader') });
      responses[`${base}/support-plan`] = asAnswered(schemas.plan, { plan });
      responses[`${base}/perpetrators`] = asAnswered(CasePerpetratorList, { items: perpetrators });
    }
  }

  if (roleCan(role, 'units.read')) {
    const graph = await deps.units.graph();
    const today = todayInVietnam();
    const mine: AdminUnit[] = [...graph.byId.values()].filter((unit) => actor.isUnscoped || actor.unitScope.has(unit.id));
    mine.sort((a, b) => a.code.localeCompare(b.code) || a.validFrom.localeCompare(b.validFrom));
    responses['/api/admin-units'] = asAnswered(schemas.units, { items: mine.map((u) => presentUnit(graph, u)) });
    responses[`/api/admin-units?at=${today}`] = asAnswered(schemas.units, { items: mine.filter((u) => isValidAt(u, today)).map((u) => presentUnit(graph, u)) });
  }
  if (roleCan(role, 'providers.read')) {
    responses['/api/providers'] = asAnswered(schemas.providers, { items: await listProviders(deps, {}) });
  }
  if (roleCan(role, 'outreach.read')) {
    responses['/api/outreach/activities'] = asAnswered(OutreachList, await listActivities(deps, actor, {}, 1, 200));
    if (role === 'communicator') {
      const linked = await deps.db.selectFrom('network_members').select('id').where('user_id', '=', actor.id).executeTakeFirst();
      if (linked) responses['/api/network/members/me'] = asAnswered(NetworkMemberView, await myMember(deps, request));
    }
  }

  return { generatedAt: nowIso(), userId: actor.id, limit, caseIds: rows.map((r) => r.id), leftOut, responses };
}
