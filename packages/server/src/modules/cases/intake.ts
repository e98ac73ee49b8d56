// Opening a case: the code <unit code>-<year>-<sequence>, the survivor's identity encrypted with its
// search tokens, the first incident, and the audit entry, all in one transaction. Also the duplicate
// check the intake wizard runs before creating, and search by identity.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import {
  COMMUNE_LEVEL_KINDS, ageAt, ageGroupOf, classifyGbvims, formatCaseCode, formsOfActs, isChild, vietnamDateOf,
  type CaseCreate, type DuplicateCheck, type CaseIdentitySearch, type IncidentCreate,
} from '@binhan/domain';
import type { Database, CaseTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { invalidField } from '../../http/errors.js';
import { nowIso } from '../../lib/clock.js';
import { requireUnitOn } from '../admin-units/service.js';
import { newId } from '../../lib/ids.js';
import { identityTokens, searchTokens } from './identity-tokens.js';
import { preparePerpetratorLinks, storedSummaries, writePerpetratorLinks, type PreparedIncidentLinks } from '../perpetrators/linking.js';
import type { CaseViewer } from './queries.js';
import { assertSameRequest } from '../../http/idempotency.js';

/** Instants are stored in UTC so that text comparison in SQL orders them correctly. */
export function toUtc(instant: string): string {
  return new Date(instant).toISOString();
}

async function nextSequence(trx: Transaction<Database>, unitCode: string, year: number): Promise<number> {
  const row = await trx.insertInto('case_sequences').values({ unit_code: unitCode, year, last_seq: 1 })
    .onConflict((oc) => oc.columns(['unit_code', 'year']).doUpdateSet((eb) => ({ last_seq: eb('case_sequences.last_seq', '+', 1) })))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

/** An incident's unit must exist and be valid on the day it happened. */
export async function checkIncidentPlace(deps: AppDeps, incident: IncidentCreate, prefix = ''): Promise<void> {
  const graph = await deps.units.graph();
  const unit = graph.get(incident.unitId);
  if (!unit) throw invalidField(`${prefix}unitId`, 'UNIT_NOT_FOUND');
  requireUnitOn(graph, unit, vietnamDateOf(toUtc(incident.occurredAt)), `${prefix}unitId`);
}

/**
 * Insert an incident. `links` are its perpetrator entries already resolved by preparePerpetratorLinks
 * (outside the transaction); the encrypted details keep descriptions and record ids, never an identity.
 */
export async function insertIncident(
  deps: AppDeps, trx: Transaction<Database>, caseId: string, incident: IncidentCreate, userId: string,
  links?: { request: FastifyRequest; prepared: PreparedIncidentLinks },
): Promise<string> {
  const id = newId();
  await trx.insertInto('incidents').values({
    id,
    case_id: caseId,
    occurred_at: toUtc(incident.occurredAt),
    place_type: incident.placeType,
    unit_id: incident.unitId,
    acts: JSON.stringify(incident.acts),
    forms: JSON.stringify(formsOfActs(incident.acts)),
    gbvims_type: incident.gbvimsType,
    gbvims_suggested: classifyGbvims(incident.gbvimsAnswers),
    override_reason_enc: incident.gbvimsOverrideReason ? deps.cipher.encrypt(incident.gbvimsOverrideReason) : null,
    context: incident.context,
    injuries: incident.injuries,
    reported_to_police: incident.reportedToPolice ? 1 : 0,
    details_enc: deps.cipher.encrypt(JSON.stringify({ perpetrators: storedSummaries(incident.perpetrators, links?.prepared), narrative: incident.narrative ?? null })),
    created_by: userId,
    created_at: nowIso(),
  }).execute();
  if (links) {
    await writePerpetratorLinks(deps, links.request, trx, links.prepared, { caseId, incidentId: id, occurredAt: incident.occurredAt, perpetrators: incident.perpetrators }, userId);
  }
  return id;
}

export async function addEvent(trx: Transaction<Database>, deps: AppDeps, caseId: string, actorId: string | null, kind: string, details: Record<string, unknown>, note?: string | null): Promise<void> {
  await trx.insertInto('case_events').values({
    id: newId(), case_id: caseId, at: nowIso(), actor_id: actorId, kind, details: JSON.stringify(details),
    note_enc: note ? deps.cipher.encrypt(note) : null,
  }).execute();
}

/** The unit a case belongs to must be a commune in the user's area; its village must be in that commune. */
async function checkPlace(deps: AppDeps, viewer: CaseViewer, input: CaseCreate): Promise<{ code: string }> {
  const graph = await deps.units.graph();
  const unit = graph.get(input.unitId);
  if (!unit || !COMMUNE_LEVEL_KINDS.includes(unit.kind)) throw invalidField('unitId', 'UNIT_NOT_FOUND');
  if (!viewer.isUnscoped && !viewer.unitScope.has(unit.id)) throw invalidField('unitId', 'UNIT_OUT_OF_SCOPE');
  // A case belongs to the commune valid on the day it was detected; an incident to the unit valid on its day.
  requireUnitOn(graph, unit, vietnamDateOf(toUtc(input.detectedAt)), 'unitId');
  for (const [path, villageId] of [['villageId', input.villageId], ['survivor.villageId', input.survivor.villageId]] as const) {
    if (villageId !== undefined && graph.get(villageId)?.parentId !== unit.id) throw invalidField(path, 'UNIT_NOT_FOUND');
  }
  await checkIncidentPlace(deps, input.firstIncident, 'firstIncident.');
  return { code: unit.code };
}

/**
 * `within` runs in the same transaction after the case is written (a community report marks itself
 * triaged there), so the case and what depends on it are saved together or not at all.
 */
/** A client's key for one intake, with the fingerprint of the request it came with (null from sync). */
export interface ClientKey {
  key: string;
  requestHash: string | null;
}

export async function openCase(
  deps: AppDeps, request: FastifyRequest, viewer: CaseViewer, input: CaseCreate, client: ClientKey | null = null,
  within?: (trx: Transaction<Database>, row: CaseTable) => Promise<void>,
): Promise<CaseTable> {
  const { code: unitCode } = await checkPlace(deps, viewer, input);
  const prepared = await preparePerpetratorLinks(deps, request, input.unitId, input.firstIncident, 'firstIncident.');
  const detectedAt = toUtc(input.detectedAt);
  const detectionDate = vietnamDateOf(detectedAt);
  const person = input.survivor;
  const age = ageAt(person, detectionDate);
  const birthYear = person.dateOfBirth ? Number(person.dateOfBirth.slice(0, 4)) : age !== null ? Number(detectionDate.slice(0, 4)) - age : null;
  return deps.db.transaction().execute(async (trx) => {
    const year = Number(detectionDate.slice(0, 4));
    const at = nowIso();
    const row: CaseTable = {
      id: newId(),
      code: formatCaseCode(unitCode, year, await nextSequence(trx, unitCode, year)),
      unit_id: input.unitId,
      village_id: input.villageId ?? person.villageId ?? null,
      status: 'reported',
      closure_reason: null,
      detection_source: input.detectionSource,
      detected_at: detectedAt,
      received_by: viewer.id,
      assigned_officer_id: null,
      is_child: isChild(person, detectionDate) === true ? 1 : 0,
      risk_level: null,
      first_risk_level: null,
      first_intervention_at: null,
      has_service_or_referral: 0,
      client_key: client?.key ?? null,
      client_request_hash: client?.requestHash ?? null,
      closure_requested_at: null,
      closure_requested_by: null,
      closure_requested_reason: null,
      safety_plan_enc: null,
      next_follow_up_on: null,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('cases').values(row).execute();
    await trx.insertInto('survivors').values({
      case_id: row.id,
      identity_enc: deps.cipher.encrypt(JSON.stringify(person)),
      sex: person.sex,
      age_group: ageGroupOf(age),
      ethnicity_code: person.ethnicityCode ?? null,
      has_disability: person.disabilities !== undefined && person.disabilities.length > 0 ? 1 : 0,
    }).execute();
    const tokens = identityTokens(deps.cipher, { fullName: person.fullName, otherNames: person.otherNames, birthYear, phone: person.phone, cccd: person.cccd });
    await trx.insertInto('survivor_tokens').values(tokens.map((t) => ({ case_id: row.id, kind: t.kind, token_hash: t.hash }))).execute();
    await insertIncident(deps, trx, row.id, input.firstIncident, viewer.id, { request, prepared });
    await addEvent(trx, deps, row.id, viewer.id, 'created', { detectionSource: input.detectionSource, detectedAt }, [input.detectionSourceNote, input.receivedByNote].filter(Boolean).join('\n') || null);
    await audit(request, trx, { action: 'case.create', resourceType: 'case', resourceId: row.id, details: { code: row.code, unitId: row.unit_id } });
    if (within) await within(trx, row);
    return row;
  });
}

/** The intake's idempotency key: hashed with the user's id, so one user's key never matches another's. */
export function intakeClientKey(userId: string, key: string): string {
  return createHash('sha256').update(`${userId}:${key}`).digest('hex');
}

/**
 * Open a case at most once per client key: the same draft sent again (the first answer was lost, or a
 * queued offline intake is replayed) answers with the case it already opened (`created: false`).
 */
export async function openCaseOnce(
  deps: AppDeps, request: FastifyRequest, viewer: CaseViewer, input: CaseCreate, client: ClientKey | null,
): Promise<{ id: string; created: boolean }> {
  const earlier = async () => {
    if (!client) return undefined;
    const row = await deps.db.selectFrom('cases').select(['id', 'client_request_hash']).where('client_key', '=', client.key).executeTakeFirst();
    if (row) assertSameRequest(row.client_request_hash, client.requestHash);
    return row;
  };
  const existing = await earlier();
  if (existing) return { id: existing.id, created: false };
  try {
    const row = await openCase(deps, request, viewer, input, client);
    return { id: row.id, created: true };
  } catch (error) {
    const raced = await earlier();
    if (raced) return { id: raced.id, created: false };
    throw error;
  }
}

/**
 * Cases in the viewer's area whose tokens match, for search and duplicate checks. Matching happens in a
 * subquery, so a common word ("Thị" is in most names) never turns into a list of ids passed back in.
 */
async function casesWithTokens(deps: AppDeps, viewer: CaseViewer, groups: Array<{ kind: string; hashes: string[]; all: boolean }>): Promise<CaseTable[]> {
  const active = groups.filter((g) => g.hashes.length > 0);
  if (active.length === 0) return [];
  let rows = deps.db.selectFrom('cases').selectAll().where((eb) => eb.or(active.map((group) => {
    let matching = eb.selectFrom('survivor_tokens').select('survivor_tokens.case_id')
      .where('survivor_tokens.kind', '=', group.kind).where('survivor_tokens.token_hash', 'in', group.hashes).groupBy('survivor_tokens.case_id');
    if (group.all) matching = matching.having((h) => h.fn.count('survivor_tokens.token_hash').distinct(), '=', group.hashes.length);
    return eb('cases.id', 'in', matching);
  })));
  if (!viewer.isUnscoped) rows = rows.where('unit_id', 'in', viewer.unitScope.size > 0 ? [...viewer.unitScope] : ['-']);
  return rows.orderBy('detected_at', 'desc').limit(50).execute();
}

export async function searchByIdentity(deps: AppDeps, viewer: CaseViewer, query: CaseIdentitySearch): Promise<CaseTable[]> {
  const { nameHashes, phoneHash, cccdHash } = searchTokens(deps.cipher, query);
  return casesWithTokens(deps, viewer, [
    { kind: 'name', hashes: nameHashes, all: true },
    { kind: 'phone', hashes: phoneHash ? [phoneHash] : [], all: false },
    { kind: 'cccd', hashes: cccdHash ? [cccdHash] : [], all: false },
  ]);
}

/** Possible duplicates: the same folded name and birth year, the same phone, or the same CCCD. */
export async function findDuplicates(deps: AppDeps, viewer: CaseViewer, check: DuplicateCheck): Promise<CaseTable[]> {
  const detectionDate = vietnamDateOf(check.detectedAt ?? nowIso());
  const age = ageAt(check, detectionDate);
  const birthYear = check.dateOfBirth ? Number(check.dateOfBirth.slice(0, 4)) : age !== null ? Number(detectionDate.slice(0, 4)) - age : null;
  const tokens = identityTokens(deps.cipher, { fullName: check.fullName, birthYear, phone: check.phone, cccd: check.cccd });
  const byKind = (kind: string) => tokens.filter((t) => t.kind === kind).map((t) => t.hash);
  return casesWithTokens(deps, viewer, [
    // With the age only, the birth year may be one off: try both.
    { kind: 'name_year', hashes: birthYear === null ? [] : [...byKind('name_year'), ...(check.dateOfBirth ? [] : identityTokens(deps.cipher, { fullName: check.fullName, birthYear: birthYear - 1 }).filter((t) => t.kind === 'name_year').map((t) => t.hash))], all: false },
    { kind: 'phone', hashes: byKind('phone'), all: false },
    { kind: 'cccd', hashes: byKind('cccd'), all: false },
  ]);
}
