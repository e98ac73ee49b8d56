// Changes to perpetrators: corrections of the record, the audited reveal, counselling sessions and
// handling measures (a no-contact order shares the case's protection measure), linking and unlinking on
// a case's incident, identity search and the duplicate check. Each write runs in one transaction with
// its audit entry; audit details never hold an identity.
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import {
  COMMUNE_LEVEL_KINDS, makeCounsellingSchema, makePerpetratorMeasureSchema, vietnamDateOf,
  type CounsellingCreate, type CounsellingPatch, type PerpetratorDuplicateCheck, type PerpetratorElsewhere,
  type PerpetratorIdentityView, type PerpetratorLinkInput, type PerpetratorLinkPatch, type PerpetratorMeasureCreate,
  type PerpetratorMeasurePatch, type PerpetratorPatch, type PerpetratorSearch, type PerpetratorSummary,
} from '@binhan/domain';
import type { CaseTable, Database, PerpetratorMeasureTable, PerpetratorTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { Conflict, Forbidden, Invalid, NotFound, invalidField, type FieldIssue } from '../../http/errors.js';
import { now, nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { changeCase } from '../cases/actions.js';
import { recheck } from '../cases/case-access.js';
import { addEvent } from '../cases/intake.js';
import { inScope, scopeIds, type PerpetratorViewer } from './access.js';
import { preparePerpetratorLinks, storedSummaries, writePerpetratorLinks } from './linking.js';
import { criticismFor, identityOf, presentListItems } from './queries.js';
import { makeLinkToken, nameYearHash, perpetratorSearchHashes, perpetratorTokens } from './tokens.js';

type Trx = Transaction<Database>;

function refuse(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new Invalid('VALIDATION_FAILED', {}, issues);
}

async function bumpPerpetrator(trx: Trx, id: string): Promise<void> {
  await trx.updateTable('perpetrators').set((eb) => ({ version: eb('version', '+', 1), updated_at: nowIso() })).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- the record

export async function updatePerpetrator(deps: AppDeps, request: FastifyRequest, viewer: PerpetratorViewer, row: PerpetratorTable, input: PerpetratorPatch): Promise<void> {
  // The identity and the commune of residence are corrected by the commune that keeps the record (or the
  // district), not by every commune that sees it through one of its own incidents.
  if ((input.identity !== undefined || input.unitId !== undefined) && !inScope(viewer, row.unit_id)) throw new Forbidden('UNIT_OUT_OF_SCOPE');
  const graph = await deps.units.graph();
  let unitId = row.unit_id;
  if (input.unitId !== undefined) {
    let unit = graph.get(input.unitId);
    // A village stands for its commune, as at intake (a district is kept, not replaced by its province).
    if (unit && !COMMUNE_LEVEL_KINDS.includes(unit.kind) && unit.parentId !== null && COMMUNE_LEVEL_KINDS.includes(graph.get(unit.parentId)?.kind ?? 'province')) {
      unit = graph.get(unit.parentId);
    }
    if (!unit) throw invalidField('unitId', 'UNIT_NOT_FOUND');
    unitId = unit.id;
  }
  const identity = input.identity;
  if (identity?.villageId !== undefined && graph.get(identity.villageId)?.parentId !== unitId) throw invalidField('identity.villageId', 'UNIT_NOT_FOUND');
  let birthYear = row.birth_year === null ? null : Number(row.birth_year);
  if (identity) {
    const first = await deps.db.selectFrom('perpetrator_links').select('occurred_at').where('perpetrator_id', '=', row.id).orderBy('occurred_at').executeTakeFirst();
    const firstOn = first ? vietnamDateOf(first.occurred_at) : vietnamDateOf(nowIso());
    if (identity.dateOfBirth !== undefined) {
      if (identity.dateOfBirth > firstOn) refuse([{ path: 'identity.dateOfBirth', key: first ? 'birth_after_incident' : 'birth_in_future' }]);
      birthYear = Number(identity.dateOfBirth.slice(0, 4));
    } else if (identity.ageYears !== undefined) {
      birthYear = Number(firstOn.slice(0, 4)) - identity.ageYears;
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('perpetrators').set({
      unit_id: unitId,
      substance_use: input.substanceUse ?? row.substance_use,
      weapon_access: input.weaponAccess ?? row.weapon_access,
      ...(identity
        ? { identity_enc: deps.cipher.encrypt(JSON.stringify(identity)), sex: identity.sex, birth_year: birthYear, ethnicity_code: identity.ethnicityCode ?? null }
        : {}),
    }).where('id', '=', row.id).execute();
    if (identity) {
      await trx.deleteFrom('perpetrator_tokens').where('perpetrator_id', '=', row.id).execute();
      const tokens = perpetratorTokens(deps.cipher, { ...identity, birthYear });
      if (tokens.length > 0) await trx.insertInto('perpetrator_tokens').values(tokens.map((t) => ({ perpetrator_id: row.id, kind: t.kind, token_hash: t.hash }))).execute();
    }
    await bumpPerpetrator(trx, row.id);
    await audit(request, trx, { action: 'perpetrator.update', resourceType: 'perpetrator', resourceId: row.id, details: { fields: Object.keys(input) } });
  });
}

export async function revealPerpetrator(deps: AppDeps, request: FastifyRequest, row: PerpetratorTable): Promise<PerpetratorIdentityView> {
  const person = identityOf(deps, row);
  await audit(request, deps.db, { action: 'perpetrator.identity_view', resourceType: 'perpetrator', resourceId: row.id, details: { code: row.code } });
  return {
    fullName: person.fullName,
    otherNames: person.otherNames ?? [],
    sex: person.sex,
    dateOfBirth: person.dateOfBirth ?? null,
    ageYears: person.ageYears ?? null,
    ethnicityCode: person.ethnicityCode ?? null,
    cccd: person.cccd ?? null,
    phone: person.phone ?? null,
    address: person.address ?? null,
    villageId: person.villageId ?? null,
    occupation: person.occupation ?? null,
  };
}

// ---------------------------------------------------------------- counselling and measures

interface Target {
  unitId: string;
  caseId: string | null;
  incidentId: string | null;
}

/**
 * Where a session or measure belongs and whether its date fits: the given incident (it must be linked to
 * the person) or, without one, the given unit or the person's. The date may not come before the incident
 * (without one: before the person's first linked incident). The unit must be in the user's area.
 */
async function resolveTarget(
  deps: AppDeps, viewer: PerpetratorViewer, row: PerpetratorTable,
  input: { incidentId?: string | undefined; unitId?: string | undefined }, datePath: string, date: string,
): Promise<Target> {
  const links = await deps.db.selectFrom('perpetrator_links').select(['incident_id', 'case_id', 'unit_id', 'occurred_at'])
    .where('perpetrator_id', '=', row.id).orderBy('occurred_at').execute();
  let target: Target;
  let from: string | null;
  if (input.incidentId !== undefined) {
    const link = links.find((l) => l.incident_id === input.incidentId);
    if (!link) throw invalidField('incidentId', 'PERPETRATOR_INCIDENT_NOT_LINKED');
    target = { unitId: link.unit_id, caseId: link.case_id, incidentId: link.incident_id };
    from = vietnamDateOf(link.occurred_at);
  } else {
    let unitId = input.unitId;
    if (unitId !== undefined && !(await deps.units.graph()).get(unitId)) throw invalidField('unitId', 'UNIT_NOT_FOUND');
    unitId ??= inScope(viewer, row.unit_id) ? row.unit_id : links.find((l) => inScope(viewer, l.unit_id))?.unit_id ?? row.unit_id;
    target = { unitId, caseId: null, incidentId: null };
    from = links[0] ? vietnamDateOf(links[0].occurred_at) : null;
  }
  if (!inScope(viewer, target.unitId)) throw new Forbidden('UNIT_OUT_OF_SCOPE');
  if (from !== null && date < from) refuse([{ path: datePath, key: 'perpetrator_date_before_incident' }]);
  return target;
}

async function caseEvent(trx: Trx, deps: AppDeps, caseId: string | null, userId: string, kind: string, details: Record<string, unknown>): Promise<void> {
  if (caseId === null) return;
  await addEvent(trx, deps, caseId, userId, kind, details);
  await trx.updateTable('cases').set((eb) => ({ version: eb('version', '+', 1), updated_at: nowIso() })).where('id', '=', caseId).execute();
}

export async function addCounselling(deps: AppDeps, request: FastifyRequest, viewer: PerpetratorViewer, row: PerpetratorTable, input: CounsellingCreate): Promise<void> {
  const target = await resolveTarget(deps, viewer, row, input, 'heldOn', input.heldOn);
  await deps.db.transaction().execute(async (trx) => {
    const id = newId();
    const at = nowIso();
    await trx.insertInto('perpetrator_counselling').values({
      id, perpetrator_id: row.id, unit_id: target.unitId, case_id: target.caseId, incident_id: target.incidentId,
      held_on: input.heldOn, counsellor: input.counsellor, topic: input.topic, topic_note: input.topicNote ?? null, attendance: input.attendance,
      outcome_enc: input.outcome ? deps.cipher.encrypt(input.outcome) : null, created_by: viewer.id, created_at: at, updated_at: at,
    }).execute();
    await bumpPerpetrator(trx, row.id);
    await caseEvent(trx, deps, target.caseId, viewer.id, 'perpetrator_counselling', { perpetratorId: row.id, code: row.code, heldOn: input.heldOn, attendance: input.attendance });
    await audit(request, trx, { action: 'perpetrator.counselling_add', resourceType: 'perpetrator', resourceId: row.id, details: { sessionId: id, heldOn: input.heldOn, attendance: input.attendance, unitId: target.unitId } });
  });
}

export async function updateCounselling(deps: AppDeps, request: FastifyRequest, viewer: PerpetratorViewer, row: PerpetratorTable, sessionId: string, patch: CounsellingPatch): Promise<void> {
  const session = await deps.db.selectFrom('perpetrator_counselling').selectAll().where('id', '=', sessionId).where('perpetrator_id', '=', row.id).executeTakeFirst();
  if (!session) throw new NotFound();
  if (!inScope(viewer, session.unit_id)) throw new Forbidden('UNIT_OUT_OF_SCOPE');
  const current = {
    heldOn: session.held_on, counsellor: session.counsellor, topic: session.topic, topicNote: session.topic_note ?? undefined, attendance: session.attendance,
    outcome: session.outcome_enc ? deps.cipher.decrypt(session.outcome_enc) : undefined,
  };
  const merged = recheck(makeCounsellingSchema(now()), {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v ?? undefined])),
    ...(session.incident_id ? { incidentId: session.incident_id } : {}),
  });
  await resolveTarget(deps, viewer, row, { incidentId: session.incident_id ?? undefined, unitId: session.unit_id }, 'heldOn', merged.heldOn);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('perpetrator_counselling').set({
      held_on: merged.heldOn, counsellor: merged.counsellor, topic: merged.topic, topic_note: merged.topicNote ?? null, attendance: merged.attendance,
      outcome_enc: merged.outcome ? deps.cipher.encrypt(merged.outcome) : null, updated_at: nowIso(),
    }).where('id', '=', session.id).execute();
    await bumpPerpetrator(trx, row.id);
    await audit(request, trx, { action: 'perpetrator.counselling_update', resourceType: 'perpetrator', resourceId: row.id, details: { sessionId: session.id, fields: Object.keys(patch) } });
  });
}

/** A session recorded on the wrong person or twice: removed, with the audit entry keeping what it was. */
export async function deleteCounselling(deps: AppDeps, request: FastifyRequest, viewer: PerpetratorViewer, row: PerpetratorTable, sessionId: string): Promise<void> {
  const session = await deps.db.selectFrom('perpetrator_counselling').selectAll().where('id', '=', sessionId).where('perpetrator_id', '=', row.id).executeTakeFirst();
  if (!session) throw new NotFound();
  if (!inScope(viewer, session.unit_id)) throw new Forbidden('UNIT_OUT_OF_SCOPE');
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('perpetrator_counselling').where('id', '=', session.id).execute();
    await bumpPerpetrator(trx, row.id);
    await caseEvent(trx, deps, session.case_id, viewer.id, 'perpetrator_counselling_removed', { perpetratorId: row.id, code: row.code, heldOn: session.held_on });
    await audit(request, trx, {
      action: 'perpetrator.counselling_delete', resourceType: 'perpetrator', resourceId: row.id,
      details: { sessionId: session.id, heldOn: session.held_on, topic: session.topic, attendance: session.attendance, unitId: session.unit_id },
    });
  });
}

async function checkDuplicateMeasure(deps: AppDeps, perpetratorId: string, type: string, decidedOn: string, exceptId?: string): Promise<void> {
  let q = deps.db.selectFrom('perpetrator_measures').select('id').where('perpetrator_id', '=', perpetratorId).where('type', '=', type)
    .where('decided_on', '=', decidedOn).where('status', '!=', 'cancelled');
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new Conflict('PERPETRATOR_MEASURE_DUPLICATE');
}

/** Community criticism must fit the law's rule on its date, or say why it is applied anyway; the flag is kept. */
async function criticismFlag(deps: AppDeps, row: PerpetratorTable, input: { type: string; decidedOn: string; status: string; ruleOverrideReason?: string | undefined }, exceptId?: string): Promise<number> {
  if (input.type !== 'community_criticism' || input.status === 'cancelled') return 0;
  const rule = await criticismFor(deps, row, input.decidedOn, exceptId);
  if (rule.applies) return 0;
  if (!input.ruleOverrideReason) refuse([{ path: 'ruleOverrideReason', key: 'perpetrator_criticism_reason_required' }]);
  return 1;
}

function notesOf(deps: AppDeps, input: { description?: string | undefined; outcome?: string | undefined }): string | null {
  if (!input.description && !input.outcome) return null;
  return deps.cipher.encrypt(JSON.stringify({ description: input.description ?? null, outcome: input.outcome ?? null }));
}

export async function addPerpetratorMeasure(deps: AppDeps, request: FastifyRequest, viewer: PerpetratorViewer, row: PerpetratorTable, input: PerpetratorMeasureCreate): Promise<void> {
  const target = await resolveTarget(deps, viewer, row, input, 'decidedOn', input.decidedOn);
  let caseRow: CaseTable | undefined;
  if (input.type === 'no_contact_order') {
    caseRow = await deps.db.selectFrom('cases').selectAll().where('id', '=', target.caseId ?? '-').executeTakeFirst();
    if (!caseRow) throw invalidField('incidentId', 'PERPETRATOR_INCIDENT_NOT_LINKED');
    if (input.protectionMeasureId !== undefined) {
      const measure = await deps.db.selectFrom('protection_measures').select(['id', 'type', 'issuer']).where('id', '=', input.protectionMeasureId)
        .where('case_id', '=', caseRow.id).executeTakeFirst();
      if (!measure || measure.type !== 'no_contact') throw invalidField('protectionMeasureId', 'PERPETRATOR_PROTECTION_MEASURE_INVALID');
      // The order is shared with the case, so it has one deciding body: the one that issued it.
      if (measure.issuer !== input.decidingBody) throw invalidField('decidingBody', 'PERPETRATOR_DECIDING_BODY_MISMATCH');
    } else if (caseRow.status === 'closed') {
      throw new Conflict('CASE_CLOSED');
    }
  }
  await checkDuplicateMeasure(deps, row.id, input.type, input.decidedOn);
  const flag = await criticismFlag(deps, row, input);
  try {
    await insertMeasure(deps, request, viewer, row, input, target, caseRow, flag);
  } catch (error) {
    // Two officers recording the same measure at once: the unique index stops the second; say so plainly.
    await checkDuplicateMeasure(deps, row.id, input.type, input.decidedOn);
    throw error;
  }
}

async function insertMeasure(
  deps: AppDeps, request: FastifyRequest, viewer: PerpetratorViewer, row: PerpetratorTable, input: PerpetratorMeasureCreate,
  target: Target, caseRow: CaseTable | undefined, flag: number,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const at = nowIso();
    let protectionId = input.protectionMeasureId ?? null;
    if (input.noContact !== undefined && caseRow) {
      // The order is the case's protection measure; the perpetrator's measure only points at it.
      protectionId = newId();
      const term = input.noContact;
      const startsAt = new Date(term.startsAt).toISOString();
      const endsAt = new Date(term.endsAt).toISOString();
      const decidedAt = term.decidedAt ? new Date(term.decidedAt).toISOString() : startsAt;
      await trx.insertInto('protection_measures').values({
        id: protectionId, case_id: caseRow.id, type: 'no_contact', issuer: input.decidingBody, status: 'in_effect',
        decision_number: input.decisionNumber ?? null, requested_at: null, decided_at: decidedAt, starts_at: startsAt, ends_at: endsAt,
        note_enc: null, created_by: viewer.id, created_at: at, updated_at: at,
      }).execute();
      await addEvent(trx, deps, caseRow.id, viewer.id, 'measure', {
        measureId: protectionId, type: 'no_contact', issuer: input.decidingBody, status: 'in_effect', requestedAt: null, decidedAt, startsAt, endsAt,
      });
      await audit(request, trx, { action: 'case.measure_add', resourceType: 'case', resourceId: caseRow.id, details: { measureId: protectionId, type: 'no_contact', issuer: input.decidingBody, status: 'in_effect' } });
    }
    const id = newId();
    await trx.insertInto('perpetrator_measures').values({
      id, perpetrator_id: row.id, unit_id: target.unitId, case_id: target.caseId, incident_id: target.incidentId,
      type: input.type, decided_on: input.decidedOn, deciding_body: input.decidingBody, deciding_body_note: input.decidingBodyNote ?? null,
      status: input.status, decision_number: input.decisionNumber ?? null, fine_vnd: input.fineVnd ?? null, criminal_stage: input.criminalStage ?? null,
      notes_enc: notesOf(deps, input), rule_override_reason_enc: input.ruleOverrideReason ? deps.cipher.encrypt(input.ruleOverrideReason) : null,
      rule_flag: flag, protection_measure_id: protectionId, created_by: viewer.id, created_at: at, updated_at: at,
    }).execute();
    await bumpPerpetrator(trx, row.id);
    await caseEvent(trx, deps, target.caseId, viewer.id, 'perpetrator_measure', { perpetratorId: row.id, code: row.code, measureId: id, type: input.type, decidedOn: input.decidedOn });
    await audit(request, trx, {
      action: 'perpetrator.measure_add', resourceType: 'perpetrator', resourceId: row.id,
      details: { measureId: id, type: input.type, decidedOn: input.decidedOn, status: input.status, unitId: target.unitId, ruleNotMet: flag === 1 },
    });
  });
}

export async function updatePerpetratorMeasure(
  deps: AppDeps, request: FastifyRequest, viewer: PerpetratorViewer, row: PerpetratorTable, measureId: string, patch: PerpetratorMeasurePatch,
): Promise<void> {
  const measure: PerpetratorMeasureTable | undefined = await deps.db.selectFrom('perpetrator_measures').selectAll().where('id', '=', measureId).where('perpetrator_id', '=', row.id).executeTakeFirst();
  if (!measure) throw new NotFound();
  if (!inScope(viewer, measure.unit_id)) throw new Forbidden('UNIT_OUT_OF_SCOPE');
  const notes = measure.notes_enc ? (JSON.parse(deps.cipher.decrypt(measure.notes_enc)) as { description: string | null; outcome: string | null }) : null;
  const current: Record<string, unknown> = {
    type: measure.type, decidedOn: measure.decided_on, decidingBody: measure.deciding_body, decidingBodyNote: measure.deciding_body_note ?? undefined,
    status: measure.status, incidentId: measure.incident_id ?? undefined, decisionNumber: measure.decision_number ?? undefined,
    fineVnd: measure.fine_vnd === null ? undefined : Number(measure.fine_vnd), criminalStage: measure.criminal_stage ?? undefined,
    description: notes?.description ?? undefined, outcome: notes?.outcome ?? undefined,
    protectionMeasureId: measure.protection_measure_id ?? undefined,
    ruleOverrideReason: measure.rule_override_reason_enc ? deps.cipher.decrypt(measure.rule_override_reason_enc) : undefined,
  };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    current[key] = value === null ? undefined : value;
  }
  const merged = recheck(makePerpetratorMeasureSchema(now(), deps.config.caseSettings.measureLimits), Object.fromEntries(Object.entries(current).filter(([, v]) => v !== undefined)));
  if (merged.decidedOn !== measure.decided_on) await resolveTarget(deps, viewer, row, { incidentId: measure.incident_id ?? undefined, unitId: measure.unit_id }, 'decidedOn', merged.decidedOn);
  if (merged.status !== 'cancelled') await checkDuplicateMeasure(deps, row.id, merged.type, merged.decidedOn, measure.id);
  const flag = await criticismFlag(deps, row, merged, measure.id);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('perpetrator_measures').set({
      decided_on: merged.decidedOn, deciding_body: merged.decidingBody, deciding_body_note: merged.decidingBodyNote ?? null, status: merged.status,
      decision_number: merged.decisionNumber ?? null, fine_vnd: merged.fineVnd ?? null, criminal_stage: merged.criminalStage ?? null,
      notes_enc: notesOf(deps, merged), rule_override_reason_enc: merged.ruleOverrideReason ? deps.cipher.encrypt(merged.ruleOverrideReason) : null,
      rule_flag: flag, updated_at: nowIso(),
    }).where('id', '=', measure.id).execute();
    await bumpPerpetrator(trx, row.id);
    await caseEvent(trx, deps, measure.case_id, viewer.id, 'perpetrator_measure_update', { perpetratorId: row.id, code: row.code, measureId: measure.id, type: measure.type, status: merged.status });
    await audit(request, trx, { action: 'perpetrator.measure_update', resourceType: 'perpetrator', resourceId: row.id, details: { measureId: measure.id, fields: Object.keys(patch), status: merged.status } });
  });
}

// ---------------------------------------------------------------- links on a case's incident

async function incidentOf(deps: AppDeps, caseRow: CaseTable, incidentId: string) {
  const incident = await deps.db.selectFrom('incidents').select(['id', 'occurred_at', 'details_enc']).where('id', '=', incidentId).where('case_id', '=', caseRow.id).executeTakeFirst();
  if (!incident) throw new NotFound();
  return incident;
}

type StoredDetails = { perpetrators: Array<Record<string, unknown>>; narrative: string | null };

export async function rewriteDetails(trx: Trx, deps: AppDeps, incidentId: string, change: (entries: Array<Record<string, unknown>>) => Array<Record<string, unknown>>): Promise<void> {
  const row = await trx.selectFrom('incidents').select('details_enc').where('id', '=', incidentId).executeTakeFirstOrThrow();
  const details: StoredDetails = row.details_enc ? (JSON.parse(deps.cipher.decrypt(row.details_enc)) as StoredDetails) : { perpetrators: [], narrative: null };
  details.perpetrators = change(details.perpetrators ?? []);
  await trx.updateTable('incidents').set({ details_enc: deps.cipher.encrypt(JSON.stringify(details)) }).where('id', '=', incidentId).execute();
}

export async function linkOnIncident(deps: AppDeps, request: FastifyRequest, caseRow: CaseTable, incidentId: string, input: PerpetratorLinkInput, userId: string): Promise<void> {
  if (caseRow.status === 'closed') throw new Conflict('CASE_CLOSED');
  const incident = await incidentOf(deps, caseRow, incidentId);
  const dob = input.newPerpetrator?.identity.dateOfBirth;
  if (dob !== undefined && dob > vietnamDateOf(incident.occurred_at)) refuse([{ path: 'newPerpetrator.identity.dateOfBirth', key: 'birth_after_incident' }]);
  const entry: PerpetratorSummary = {
    sex: input.newPerpetrator?.identity.sex ?? 'unknown',
    relationship: input.relationship,
    ...(input.ageYears !== undefined ? { ageYears: input.ageYears } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}),
    ...(input.perpetratorId !== undefined ? { perpetratorId: input.perpetratorId } : {}),
    ...(input.linkToken !== undefined ? { linkToken: input.linkToken } : {}),
    ...(input.newPerpetrator !== undefined ? { newPerpetrator: input.newPerpetrator } : {}),
  };
  const prepared = await preparePerpetratorLinks(deps, request, caseRow.unit_id, { occurredAt: incident.occurred_at, perpetrators: [entry] }, '');
  const link = prepared.links[0];
  if (!link) throw invalidField('perpetratorId', 'PERPETRATOR_NOT_FOUND');
  const [already, asked] = await Promise.all([
    deps.db.selectFrom('perpetrator_links').select('id').where('perpetrator_id', '=', link.perpetratorId).where('incident_id', '=', incident.id).executeTakeFirst(),
    deps.db.selectFrom('perpetrator_link_requests').select('id').where('perpetrator_id', '=', link.perpetratorId).where('incident_id', '=', incident.id).where('status', '=', 'pending').executeTakeFirst(),
  ]);
  if (already || asked) throw invalidField(input.linkToken !== undefined ? 'linkToken' : 'perpetratorId', 'PERPETRATOR_ALREADY_LINKED');
  const withSex = { ...entry, sex: link.sex };
  const isRequest = link.requestFrom !== null;
  await changeCase(deps, request, caseRow, isRequest ? 'case.perpetrator_link_request' : 'case.perpetrator_link', async (trx) => {
    await writePerpetratorLinks(deps, request, trx, prepared, { caseId: caseRow.id, incidentId: incident.id, occurredAt: incident.occurred_at, perpetrators: [withSex] }, userId);
    const [summary] = storedSummaries([withSex], prepared);
    await rewriteDetails(trx, deps, incident.id, (entries) => [...entries, summary as Record<string, unknown>]);
    // A request names no record on the case: the timeline says only that another commune was asked.
    if (isRequest) {
      await addEvent(trx, deps, caseRow.id, userId, 'perpetrator_link_request', { incidentId: incident.id, relationship: input.relationship });
      return { incidentId: incident.id, requested: true };
    }
    await addEvent(trx, deps, caseRow.id, userId, 'perpetrator_link', { perpetratorId: link.perpetratorId, incidentId: incident.id, relationship: input.relationship });
    return { perpetratorId: link.perpetratorId, incidentId: incident.id, created: link.create !== null };
  });
}

export async function updateLink(deps: AppDeps, request: FastifyRequest, caseRow: CaseTable, incidentId: string, perpetratorId: string, patch: PerpetratorLinkPatch, userId: string): Promise<void> {
  await incidentOf(deps, caseRow, incidentId);
  const link = await deps.db.selectFrom('perpetrator_links').selectAll().where('case_id', '=', caseRow.id).where('incident_id', '=', incidentId).where('perpetrator_id', '=', perpetratorId).executeTakeFirst();
  if (!link) throw new NotFound();
  await changeCase(deps, request, caseRow, 'case.perpetrator_link_update', async (trx) => {
    await trx.updateTable('perpetrator_links').set({
      ...(patch.relationship !== undefined ? { relationship: patch.relationship } : {}),
      ...(patch.ageYears !== undefined ? { age_years: patch.ageYears } : {}),
      ...(patch.note !== undefined ? { note_enc: patch.note ? deps.cipher.encrypt(patch.note) : null } : {}),
    }).where('id', '=', link.id).execute();
    await rewriteDetails(trx, deps, incidentId, (entries) => entries.map((e) => {
      if (e.perpetratorId !== perpetratorId) return e;
      const next: Record<string, unknown> = { ...e };
      if (patch.relationship !== undefined) next.relationship = patch.relationship;
      if (patch.ageYears !== undefined) {
        if (patch.ageYears === null) delete next.ageYears;
        else next.ageYears = patch.ageYears;
      }
      if (patch.note !== undefined) {
        if (patch.note === null) delete next.note;
        else next.note = patch.note;
      }
      return next;
    }));
    await addEvent(trx, deps, caseRow.id, userId, 'perpetrator_link_update', { perpetratorId, incidentId, fields: Object.keys(patch) });
    return { perpetratorId, incidentId, fields: Object.keys(patch) };
  });
}

export async function unlinkFromIncident(deps: AppDeps, request: FastifyRequest, caseRow: CaseTable, incidentId: string, perpetratorId: string, userId: string): Promise<void> {
  await incidentOf(deps, caseRow, incidentId);
  const link = await deps.db.selectFrom('perpetrator_links').select('id').where('case_id', '=', caseRow.id).where('incident_id', '=', incidentId).where('perpetrator_id', '=', perpetratorId).executeTakeFirst();
  if (!link) throw new NotFound();
  const [session, measure] = await Promise.all([
    deps.db.selectFrom('perpetrator_counselling').select('id').where('perpetrator_id', '=', perpetratorId).where('incident_id', '=', incidentId).executeTakeFirst(),
    deps.db.selectFrom('perpetrator_measures').select('id').where('perpetrator_id', '=', perpetratorId).where('incident_id', '=', incidentId).executeTakeFirst(),
  ]);
  if (session || measure) throw new Conflict('PERPETRATOR_LINK_IN_USE');
  await changeCase(deps, request, caseRow, 'case.perpetrator_unlink', async (trx) => {
    await trx.deleteFrom('perpetrator_links').where('id', '=', link.id).execute();
    await rewriteDetails(trx, deps, incidentId, (entries) => entries.filter((e) => e.perpetratorId !== perpetratorId));
    await addEvent(trx, deps, caseRow.id, userId, 'perpetrator_unlink', { perpetratorId, incidentId });
    // A record left with nothing (no incident, no counselling, no measure) was a mistake: it goes too.
    const [links, sessions, measures] = await Promise.all([
      trx.selectFrom('perpetrator_links').select('id').where('perpetrator_id', '=', perpetratorId).executeTakeFirst(),
      trx.selectFrom('perpetrator_counselling').select('id').where('perpetrator_id', '=', perpetratorId).executeTakeFirst(),
      trx.selectFrom('perpetrator_measures').select('id').where('perpetrator_id', '=', perpetratorId).executeTakeFirst(),
    ]);
    const removed = !links && !sessions && !measures;
    if (removed) {
      await trx.deleteFrom('perpetrator_tokens').where('perpetrator_id', '=', perpetratorId).execute();
      await trx.deleteFrom('perpetrators').where('id', '=', perpetratorId).execute();
      await audit(request, trx, { action: 'perpetrator.delete', resourceType: 'perpetrator', resourceId: perpetratorId, details: { reason: 'last_link_removed' } });
    }
    return { perpetratorId, incidentId, recordRemoved: removed };
  });
}

// ---------------------------------------------------------------- search and duplicates

type MatchKind = 'name' | 'name_year' | 'phone' | 'cccd';

/** Ids of records whose tokens match, with how each matched. Name tokens must all match. */
async function matches(deps: AppDeps, groups: Array<{ kind: MatchKind; hashes: string[]; all: boolean }>): Promise<Map<string, Set<MatchKind>>> {
  const found = new Map<string, Set<MatchKind>>();
  for (const group of groups) {
    if (group.hashes.length === 0) continue;
    let q = deps.db.selectFrom('perpetrator_tokens').select('perpetrator_id').where('kind', '=', group.kind).where('token_hash', 'in', group.hashes).groupBy('perpetrator_id');
    if (group.all) q = q.having((h) => h.fn.count('token_hash').distinct(), '=', group.hashes.length);
    for (const row of await q.limit(200).execute()) {
      const kinds = found.get(row.perpetrator_id) ?? new Set<MatchKind>();
      kinds.add(group.kind);
      found.set(row.perpetrator_id, kinds);
    }
  }
  return found;
}

/**
 * Visible matches in full (without identity); matches the user may not see only as "exists elsewhere",
 * and only for strong matches (CCCD, phone, name with birth year), with a token to link them.
 */
async function splitMatches(deps: AppDeps, viewer: PerpetratorViewer, found: Map<string, Set<MatchKind>>) {
  const ids = [...found.keys()];
  if (ids.length === 0) return { items: [], elsewhere: [] };
  const scope = scopeIds(viewer);
  const [rows, inScopeLinks] = await Promise.all([
    deps.db.selectFrom('perpetrators').selectAll().where('id', 'in', ids).orderBy('code').execute(),
    deps.db.selectFrom('perpetrator_links').select('perpetrator_id').where('perpetrator_id', 'in', ids).where('unit_id', 'in', scope).execute(),
  ]);
  const linked = new Set(inScopeLinks.map((l) => l.perpetrator_id));
  const visible = rows.filter((r) => inScope(viewer, r.unit_id) || linked.has(r.id));
  const elsewhere: PerpetratorElsewhere[] = [];
  for (const row of rows) {
    if (visible.includes(row)) continue;
    const strong = [...(found.get(row.id) ?? [])].filter((k): k is 'cccd' | 'phone' | 'name_year' => k !== 'name');
    if (strong.length > 0) elsewhere.push({ matchedBy: strong.sort(), linkToken: makeLinkToken(deps.cipher, row.id, viewer.id, now().getTime()) });
  }
  return { items: await presentListItems(deps, viewer, visible.slice(0, 50)), elsewhere: elsewhere.slice(0, 10) };
}

export async function searchPerpetrators(deps: AppDeps, viewer: PerpetratorViewer, query: PerpetratorSearch) {
  const { nameHashes, phoneHash, cccdHash } = perpetratorSearchHashes(deps.cipher, query);
  return splitMatches(deps, viewer, await matches(deps, [
    { kind: 'name', hashes: nameHashes, all: true },
    { kind: 'phone', hashes: phoneHash ? [phoneHash] : [], all: false },
    { kind: 'cccd', hashes: cccdHash ? [cccdHash] : [], all: false },
  ]));
}

export async function perpetratorDuplicates(deps: AppDeps, viewer: PerpetratorViewer, check: PerpetratorDuplicateCheck) {
  const onDate = check.onDate ?? vietnamDateOf(nowIso());
  const years: number[] = [];
  if (check.dateOfBirth) years.push(Number(check.dateOfBirth.slice(0, 4)));
  else if (check.ageYears !== undefined) {
    // With the age only, the birth year may be one off.
    const year = Number(onDate.slice(0, 4)) - check.ageYears;
    years.push(year, year - 1);
  }
  const { nameHashes, phoneHash, cccdHash } = perpetratorSearchHashes(deps.cipher, { ...check, name: check.fullName });
  return splitMatches(deps, viewer, await matches(deps, [
    // The whole name (every word) finds records of the user's area even without a birth year; elsewhere it is too weak to report.
    { kind: 'name', hashes: nameHashes, all: true },
    { kind: 'name_year', hashes: years.map((y) => nameYearHash(deps.cipher, check.fullName, y)), all: false },
    { kind: 'phone', hashes: phoneHash ? [phoneHash] : [], all: false },
    { kind: 'cccd', hashes: cccdHash ? [cccdHash] : [], all: false },
  ]));
}
