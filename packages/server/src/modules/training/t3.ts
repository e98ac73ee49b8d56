// T3 for a unit and period, from the roster and course attendance through the one domain function.
// The unit's area includes the units merged into it, so a posting in Hữu Thác in 2018 counts for Trần Phú.
import type { FastifyRequest } from 'fastify';
import { GBV_TRAINING_TOPICS, computeT3, roleCan, type T3Completion, type T3Value, type TrainingTopic } from '@binhan/domain';
import type { AppDeps } from '../../deps.js';
import { Invalid } from '../../http/errors.js';
import { areaUnits, compareNames, inList, unitRef } from './area.js';

export async function computeT3Value(deps: AppDeps, request: FastifyRequest, query: { unitId?: string | undefined; from: string; to: string; trainedFrom?: string | undefined }): Promise<T3Value> {
  const { from, to } = query;
  if (to < from) throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'to', key: 'date_before_start' }]);
  const trainedFrom = query.trainedFrom ?? from;
  if (trainedFrom > to) throw new Invalid('VALIDATION_FAILED', {}, [{ path: 'trainedFrom', key: 'date_before_start' }]);
  const units = await areaUnits(request, 'indicators.read', query.unitId);
  let q = deps.db.selectFrom('focal_points').select(['id', 'person_id', 'full_name', 'position', 'unit_id', 'user_id', 'from_date', 'to_date'])
    .where('from_date', '<=', to).where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', from)]));
  if (units !== null) q = q.where('unit_id', 'in', inList(units));
  const rows = await q.execute();
  const personIds = [...new Set(rows.map((r) => r.person_id))];
  const completions: T3Completion[] = [];
  for (let i = 0; i < personIds.length; i += 500) {
    const part = await deps.db.selectFrom('course_attendees as a').innerJoin('training_courses as c', 'c.id', 'a.course_id')
      .select(['a.ref_id', 'c.end_date', 'c.topic'])
      .where('a.kind', '=', 'focal_point').where('a.completed', '=', 1).where('a.ref_id', 'in', personIds.slice(i, i + 500))
      .where('c.topic', 'in', [...GBV_TRAINING_TOPICS]).where('c.end_date', '>=', trainedFrom).where('c.end_date', '<=', to).execute();
    for (const c of part) completions.push({ personId: c.ref_id, completedOn: c.end_date, topic: c.topic as TrainingTopic });
  }
  // A focal point with a user account may have been added to a course as that user.
  const personOfUser = new Map(rows.filter((r) => r.user_id !== null).map((r) => [r.user_id as string, r.person_id]));
  const userIds = [...personOfUser.keys()];
  for (let i = 0; i < userIds.length; i += 500) {
    const part = await deps.db.selectFrom('course_attendees as a').innerJoin('training_courses as c', 'c.id', 'a.course_id')
      .select(['a.ref_id', 'c.end_date', 'c.topic'])
      .where('a.kind', '=', 'user').where('a.completed', '=', 1).where('a.ref_id', 'in', userIds.slice(i, i + 500))
      .where('c.topic', 'in', [...GBV_TRAINING_TOPICS]).where('c.end_date', '>=', trainedFrom).where('c.end_date', '<=', to).execute();
    for (const c of part) completions.push({ personId: personOfUser.get(c.ref_id) as string, completedOn: c.end_date, topic: c.topic as TrainingTopic });
  }
  const result = computeT3(rows.map((r) => ({ ...r, personId: r.person_id, fromDate: r.from_date, toDate: r.to_date })), completions, { from, to }, { trainedFrom });
  const actor = await request.loadActor();
  const graph = await deps.units.graph();
  // Names of the untrained are for those who keep the roster; statisticians get the figure only.
  const untrained = roleCan(actor.role, 'training.read')
    ? result.untrained.map((p) => ({ postingId: p.id, personId: p.person_id, fullName: p.full_name, position: p.position, unit: unitRef(graph, p.unit_id) }))
      .sort((a, b) => compareNames(a.fullName, b.fullName))
    : null;
  return { code: 'T3', numerator: result.numerator, denominator: result.denominator, value: result.value, from, to, unitId: query.unitId ?? null, trainedFrom, untrained };
}
