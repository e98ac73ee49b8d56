// Network coverage per commune for a period: members, core members, villages without an active member,
// activities recorded and led by members, activities per member, trusted addresses. The communes listed
// are those existing on the period's last day inside the chosen area, each with its area across mergers,
// so a member recorded in Hữu Thác counts for Trần Phú in today's view.
import type { FastifyRequest } from 'fastify';
import { COMMUNE_LEVEL_KINDS, VILLAGE_LEVEL_KINDS, compareVietnamese, isValidAt, roleCan, type CoverageRow, type NetworkCoverage } from '@binhan/domain';
import type { AppDeps } from '../../deps.js';
import { Invalid } from '../../http/errors.js';
import { areaUnits, inList, unitRef } from '../training/area.js';

export async function networkCoverage(deps: AppDeps, request: FastifyRequest, query: { unitId?: string | undefined; from: string; to: string }): Promise<NetworkCoverage> {
  const { from, to } = query;
  if (to < from) throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'to', key: 'date_before_start' }]);
  const units = await areaUnits(request, 'outreach.read', query.unitId);
  const graph = await deps.units.graph();
  const visible = units === null ? null : new Set(units);
  const communes = [...graph.byId.values()]
    .filter((u) => COMMUNE_LEVEL_KINDS.includes(u.kind) && isValidAt(u, to) && (visible === null || visible.has(u.id)))
    .sort((a, b) => compareVietnamese(a.name, b.name));
  let mq = deps.db.selectFrom('network_members').select(['id', 'unit_id', 'village_id', 'is_core', 'is_active']);
  if (units !== null) mq = mq.where('unit_id', 'in', inList(units));
  const members = await mq.execute();
  let aq = deps.db.selectFrom('outreach_activities').select(['unit_id', 'facilitator_member_id']).where('activity_date', '>=', from).where('activity_date', '<=', to);
  if (units !== null) aq = aq.where('unit_id', 'in', inList(units));
  const activities = await aq.execute();
  // Even the number of trusted addresses of a commune is for those who manage them, not communicators or leaders.
  const showTrusted = roleCan((await request.loadActor()).role, 'network.manage');
  let tq = deps.db.selectFrom('trusted_addresses').select(['unit_id']).where('status', '=', 'active');
  if (units !== null) tq = tq.where('unit_id', 'in', inList(units));
  const trusted = await tq.execute();

  const rows: CoverageRow[] = communes.map((commune) => {
    const area = graph.scopeOf(commune.id);
    const here = members.filter((m) => area.has(m.unit_id));
    const active = here.filter((m) => Number(m.is_active) === 1);
    const hereIds = new Set(here.map((m) => m.id));
    const memberVillages = new Set(active.map((m) => m.village_id).filter((v): v is string => v !== null));
    const villages = graph.childrenOf(commune.id).filter((v) => VILLAGE_LEVEL_KINDS.includes(v.kind) && isValidAt(v, to));
    const done = activities.filter((a) => area.has(a.unit_id));
    const led = done.filter((a) => a.facilitator_member_id !== null && hereIds.has(a.facilitator_member_id)).length;
    return {
      unit: unitRef(graph, commune.id),
      members: here.length,
      activeMembers: active.length,
      coreMembers: active.filter((m) => Number(m.is_core) === 1).length,
      villages: villages.length,
      villagesWithoutMember: villages.filter((v) => !memberVillages.has(v.id)).map((v) => unitRef(graph, v.id)).sort((a, b) => compareVietnamese(a.name, b.name)),
      activities: done.length,
      activitiesLed: led,
      activitiesPerMember: active.length === 0 ? null : Math.round((led / active.length) * 10) / 10,
      trustedAddresses: showTrusted ? trusted.filter((t) => area.has(t.unit_id)).length : null,
    };
  });
  return { from, to, rows };
}
