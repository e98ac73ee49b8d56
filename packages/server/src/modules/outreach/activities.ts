// Recording, correcting, listing and presenting communication activities. Each save is one transaction
// with its audience lines and an audit entry; an unusually large audience is saved with a warning.
import type { FastifyRequest } from 'fastify';
import {
  AUDIENCE_GROUPS, PLAUSIBLE_AUDIENCE_MAXIMUM, campaignOfDate, outreachMessage, resolvePopulation,
  type AudienceGroup, type Locale, type OutreachActivityData, type OutreachActivityView, type OutreachListItem,
  type OutreachWarning, type UnitGraph,
} from '@binhan/domain';
import type { Transaction } from 'kysely';
import type { Database, OutreachActivityTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { Invalid, invalidField } from '../../http/errors.js';
import { nowIso, todayInVietnam } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { requireUnitOn } from '../admin-units/service.js';
import { canChange, visibleTo, type OutreachActor } from './activity-access.js';

export interface ActivityFilters {
  unitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  format?: string | undefined;
  campaign?: string | undefined;
}

export function unitRef(graph: UnitGraph, id: string) {
  const u = graph.get(id);
  return { id, code: u?.code ?? '', name: u?.name ?? '', kind: u?.kind ?? '' };
}

/** Checks that need the database: the unit on the date, the village, the facilitator. */
async function checkReferences(deps: AppDeps, actor: OutreachActor, input: OutreachActivityData): Promise<void> {
  if (input.activityDate > todayInVietnam()) throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'activityDate', key: 'date_in_future' }]);
  const graph = await deps.units.graph();
  const unit = graph.get(input.unitId);
  if (!unit || unit.kind === 'province') throw invalidField('unitId', 'UNIT_NOT_FOUND');
  requireUnitOn(graph, unit, input.activityDate, 'unitId');
  if (input.villageId !== null) {
    const village = graph.get(input.villageId);
    if (!village || village.parentId !== unit.id || !['village', 'residential_group'].includes(village.kind)) throw invalidField('villageId', 'VILLAGE_NOT_IN_UNIT');
  }
  if (input.facilitatorMemberId !== null) {
    const member = await deps.db.selectFrom('network_members').select(['unit_id']).where('id', '=', input.facilitatorMemberId).executeTakeFirst();
    const sharesArea = member !== undefined && (actor.unitScope.has(member.unit_id) || graph.scopeOf(member.unit_id).has(unit.id) || graph.scopeOf(unit.id).has(member.unit_id));
    if (!sharesArea) throw invalidField('facilitatorMemberId', 'FACILITATOR_NOT_FOUND');
  }
}

/** Warnings on an activity that is saved anyway: an audience larger than the unit could hold. */
export async function audienceWarnings(deps: AppDeps, locale: Locale, input: Pick<OutreachActivityData, 'unitId' | 'activityDate' | 'audiences' | 'campaign'>): Promise<Array<{ code: OutreachWarning; message: string }>> {
  const warnings: Array<{ code: OutreachWarning; message: string }> = [];
  const year = Number(input.activityDate.slice(0, 4));
  const audience = input.audiences.reduce((sum, a) => sum + a.female + a.male + a.unknownSex, 0);
  const figures = await deps.db.selectFrom('population_figures').select(['unit_id', 'year', 'audience_group', 'total', 'female', 'male']).where('year', '=', year).execute();
  const graph = await deps.units.graph();
  const resolved = resolvePopulation(graph, figures.map((f) => ({
    unitId: f.unit_id, year: Number(f.year), group: f.audience_group as AudienceGroup, total: Number(f.total),
    female: f.female === null ? null : Number(f.female), male: f.male === null ? null : Number(f.male),
  })), input.unitId, year);
  const residents = resolved.byGroup.residents;
  const over = input.audiences.find((a) => {
    const pop = resolved.byGroup[a.group];
    return pop != null && a.female + a.male + a.unknownSex > pop.total;
  });
  if (over) {
    const pop = resolved.byGroup[over.group]?.total ?? 0;
    warnings.push({ code: 'audience_exceeds_population', message: outreachMessage(locale, 'audience_exceeds_population', { audience: over.female + over.male + over.unknownSex, year, population: pop }) });
  } else if (residents != null && audience > residents.total) {
    warnings.push({ code: 'audience_exceeds_population', message: outreachMessage(locale, 'audience_exceeds_population', { audience, year, population: residents.total }) });
  } else if (residents == null && audience > PLAUSIBLE_AUDIENCE_MAXIMUM) {
    warnings.push({ code: 'audience_exceeds_plausible_maximum', message: outreachMessage(locale, 'audience_exceeds_plausible_maximum', { audience, maximum: PLAUSIBLE_AUDIENCE_MAXIMUM }) });
  }
  if (input.campaign === 'gbv_action_month' || input.campaign === 'dv_action_month') {
    if (campaignOfDate(input.activityDate) !== input.campaign) warnings.push({ code: 'campaign_outside_window', message: outreachMessage(locale, 'campaign_outside_window') });
  }
  return warnings;
}

function columns(deps: AppDeps, input: OutreachActivityData) {
  return {
    unit_id: input.unitId,
    village_id: input.villageId,
    activity_date: input.activityDate,
    format: input.format,
    topic: input.topic,
    language: input.language,
    language_other: input.language === 'other' ? input.languageOther ?? null : null,
    materials: JSON.stringify(input.materials),
    facilitator_member_id: input.facilitatorMemberId,
    campaign: input.campaign,
    campaign_note: input.campaignNote ?? null,
    counting_basis: input.countingBasis,
    audience_total: input.audiences.reduce((sum, a) => sum + a.female + a.male + a.unknownSex, 0),
    note_enc: input.note ? deps.cipher.encrypt(input.note) : null,
  };
}

async function writeAudiences(trx: Transaction<Database>, activityId: string, audiences: OutreachActivityData['audiences']): Promise<void> {
  await trx.deleteFrom('outreach_audiences').where('activity_id', '=', activityId).execute();
  await trx.insertInto('outreach_audiences').values(audiences.map((a) => ({
    activity_id: activityId, audience_group: a.group, female: a.female, male: a.male, unknown_sex: a.unknownSex,
  }))).execute();
}

export async function createActivity(deps: AppDeps, request: FastifyRequest, actor: OutreachActor, input: OutreachActivityData): Promise<string> {
  await checkReferences(deps, actor, input);
  const id = newId();
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('outreach_activities').values({
      id, ...columns(deps, input), import_id: null, created_by: actor.id, updated_by: actor.id, created_at: at, updated_at: at,
    }).execute();
    await writeAudiences(trx, id, input.audiences);
    await audit(request, trx, { action: 'outreach.create', resourceType: 'outreach_activity', resourceId: id, details: { unitId: input.unitId, date: input.activityDate } });
  });
  return id;
}

export async function updateActivity(deps: AppDeps, request: FastifyRequest, actor: OutreachActor, row: OutreachActivityTable, input: OutreachActivityData): Promise<void> {
  await checkReferences(deps, actor, input);
  const changed = columns(deps, input);
  const fields = Object.entries(changed).filter(([key, value]) => key !== 'note_enc' && (row as unknown as Record<string, unknown>)[key] !== value).map(([key]) => key);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('outreach_activities').set({ ...changed, updated_by: actor.id, updated_at: nowIso() }).where('id', '=', row.id).execute();
    await writeAudiences(trx, row.id, input.audiences);
    await audit(request, trx, { action: 'outreach.update', resourceType: 'outreach_activity', resourceId: row.id, details: { fields } });
  });
}

export async function deleteActivity(deps: AppDeps, request: FastifyRequest, row: OutreachActivityTable): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('outreach_audiences').where('activity_id', '=', row.id).execute();
    await trx.deleteFrom('outreach_activities').where('id', '=', row.id).execute();
    await audit(request, trx, { action: 'outreach.delete', resourceType: 'outreach_activity', resourceId: row.id, details: { unitId: row.unit_id, date: row.activity_date } });
  });
}

export async function presentActivity(deps: AppDeps, actor: OutreachActor, row: OutreachActivityTable): Promise<OutreachActivityView> {
  const graph = await deps.units.graph();
  const [audiences, creator] = await Promise.all([
    deps.db.selectFrom('outreach_audiences').selectAll().where('activity_id', '=', row.id).execute(),
    deps.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', row.created_by).executeTakeFirst(),
  ]);
  const order = (g: string) => AUDIENCE_GROUPS.indexOf(g as AudienceGroup);
  return {
    id: row.id,
    activityDate: row.activity_date,
    unit: unitRef(graph, row.unit_id),
    village: row.village_id ? unitRef(graph, row.village_id) : null,
    format: row.format as OutreachActivityView['format'],
    topic: row.topic,
    language: row.language as OutreachActivityView['language'],
    languageOther: row.language_other,
    materials: JSON.parse(row.materials) as OutreachActivityView['materials'],
    facilitatorMemberId: row.facilitator_member_id,
    campaign: row.campaign as OutreachActivityView['campaign'],
    campaignNote: row.campaign_note,
    countingBasis: row.counting_basis as OutreachActivityView['countingBasis'],
    audiences: audiences.sort((a, b) => order(a.audience_group) - order(b.audience_group)).map((a) => ({
      group: a.audience_group as AudienceGroup, female: Number(a.female), male: Number(a.male), unknownSex: Number(a.unknown_sex),
    })),
    audienceTotal: Number(row.audience_total),
    note: row.note_enc ? deps.cipher.decrypt(row.note_enc) : null,
    isImported: row.import_id !== null,
    createdBy: { id: row.created_by, displayName: creator?.display_name ?? '' },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    canEdit: canChange(actor, row),
  };
}

/** The visible activities matching the filters, newest first. */
export async function filteredActivities(deps: AppDeps, actor: OutreachActor, filters: ActivityFilters) {
  let q = visibleTo(deps.db.selectFrom('outreach_activities'), actor);
  if (filters.unitId) {
    const graph = await deps.units.graph();
    q = q.where('outreach_activities.unit_id', 'in', [...graph.scopeOf(filters.unitId)]);
  }
  if (filters.from) q = q.where('activity_date', '>=', filters.from);
  if (filters.to) q = q.where('activity_date', '<=', filters.to);
  if (filters.format) q = q.where('format', '=', filters.format);
  if (filters.campaign) q = q.where('campaign', '=', filters.campaign);
  return q;
}

export async function listActivities(deps: AppDeps, actor: OutreachActor, filters: ActivityFilters, page: number, pageSize: number) {
  const q = await filteredActivities(deps, actor, filters);
  const [rows, totals] = await Promise.all([
    q.selectAll().orderBy('activity_date', 'desc').orderBy('created_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => [eb.fn.countAll().as('count'), eb.fn.sum<number>('audience_total').as('audience')]).executeTakeFirst(),
  ]);
  const graph = await deps.units.graph();
  const items: OutreachListItem[] = rows.map((row) => ({
    id: row.id,
    activityDate: row.activity_date,
    unit: unitRef(graph, row.unit_id),
    village: row.village_id ? unitRef(graph, row.village_id) : null,
    format: row.format as OutreachListItem['format'],
    topic: row.topic,
    language: row.language as OutreachListItem['language'],
    campaign: row.campaign as OutreachListItem['campaign'],
    countingBasis: row.counting_basis as OutreachListItem['countingBasis'],
    audienceTotal: Number(row.audience_total),
    isImported: row.import_id !== null,
    canEdit: canChange(actor, row),
  }));
  return { items, total: Number(totals?.count ?? 0), audienceTotal: Number(totals?.audience ?? 0), page, pageSize };
}
