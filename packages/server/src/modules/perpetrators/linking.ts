// Linking perpetrator records to incidents: at intake, when an incident is added, and from the case
// page. Everything that reads (is the record visible, is the token valid, do the units exist) runs
// before the transaction; the writes run inside the caller's transaction, so a case and its links are
// saved together or not at all.
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import {
  COMMUNE_LEVEL_KINDS, formatCaseCode, vietnamDateOf,
  type NewPerpetratorInput, type PerpetratorSummary, type PersonSex,
} from '@binhan/domain';
import type { Database, PerpetratorTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { invalidField } from '../../http/errors.js';
import { now, nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { isVisible, viewerOf } from './access.js';
import { perpetratorTokens, readLinkToken } from './tokens.js';

type Trx = Transaction<Database>;

export interface PreparedLink {
  /** Position of the entry in the incident's perpetrator list. */
  index: number;
  perpetratorId: string;
  sex: PersonSex;
  /** A new record to create, with its resolved unit and birth year. */
  create: { input: NewPerpetratorInput; unitId: string; unitCode: string; birthYear: number | null } | null;
  /** An existing record without a birth year gets the one the entry's age gives. */
  fillBirthYear: number | null;
  /**
   * A record of another commune, named by a link token: the link becomes a request that the record's
   * commune (or the focal point above both) approves; nothing of the record is shown until then.
   */
  requestFrom: { ownerUnitId: string; requestId: string } | null;
}

export interface PreparedIncidentLinks {
  caseUnitId: string;
  links: PreparedLink[];
}

function birthYearOf(identity: { dateOfBirth?: string | undefined; ageYears?: number | undefined }, entryAge: number | undefined, occurredOn: string): number | null {
  if (identity.dateOfBirth) return Number(identity.dateOfBirth.slice(0, 4));
  const age = identity.ageYears ?? entryAge;
  return age === undefined ? null : Number(occurredOn.slice(0, 4)) - age;
}

/**
 * Check every entry that names a record and resolve it: an existing record the user may see, the record
 * a link token names, or a new record (its unit must exist; a village stands for its commune).
 * `path` prefixes issue paths ("firstIncident." at intake).
 */
export async function preparePerpetratorLinks(
  deps: AppDeps,
  request: FastifyRequest,
  caseUnitId: string,
  incident: { occurredAt: string; perpetrators: readonly PerpetratorSummary[] },
  path: string,
): Promise<PreparedIncidentLinks> {
  const links: PreparedLink[] = [];
  if (!incident.perpetrators.some((p) => p.perpetratorId || p.linkToken || p.newPerpetrator)) return { caseUnitId, links };
  const viewer = await viewerOf(request);
  const graph = await deps.units.graph();
  const occurredOn = vietnamDateOf(incident.occurredAt);
  const seen = new Set<string>();
  for (const [index, entry] of incident.perpetrators.entries()) {
    const at = `${path}perpetrators.${index}`;
    let existing: PerpetratorTable | undefined;
    if (entry.perpetratorId !== undefined) {
      existing = await deps.db.selectFrom('perpetrators').selectAll().where('id', '=', entry.perpetratorId).executeTakeFirst();
      if (!existing || !(await isVisible(deps, viewer, existing))) throw invalidField(`${at}.perpetratorId`, 'PERPETRATOR_NOT_FOUND');
    } else if (entry.linkToken !== undefined) {
      const id = readLinkToken(deps.cipher, entry.linkToken, viewer.id, now().getTime());
      existing = id === null ? undefined : await deps.db.selectFrom('perpetrators').selectAll().where('id', '=', id).executeTakeFirst();
      if (!existing) throw invalidField(`${at}.linkToken`, 'PERPETRATOR_LINK_TOKEN_INVALID');
    }
    if (existing) {
      if (seen.has(existing.id)) throw invalidField(`${at}.perpetratorId`, 'PERPETRATOR_ALREADY_LINKED');
      seen.add(existing.id);
      const visible = entry.perpetratorId !== undefined || (await isVisible(deps, viewer, existing));
      const fill = visible && existing.birth_year === null && entry.ageYears !== undefined ? Number(occurredOn.slice(0, 4)) - entry.ageYears : null;
      links.push({
        index, perpetratorId: existing.id, sex: visible ? existing.sex as PersonSex : entry.sex, create: null, fillBirthYear: fill,
        requestFrom: visible ? null : { ownerUnitId: existing.unit_id, requestId: newId() },
      });
      continue;
    }
    const created = entry.newPerpetrator;
    if (created === undefined) continue;
    let unit = graph.get(created.unitId ?? entry.unitId ?? caseUnitId);
    if (unit && !COMMUNE_LEVEL_KINDS.includes(unit.kind) && unit.parentId !== null && COMMUNE_LEVEL_KINDS.includes(graph.get(unit.parentId)?.kind ?? 'province')) {
      unit = graph.get(unit.parentId);
    }
    if (!unit) throw invalidField(created.unitId !== undefined ? `${at}.newPerpetrator.unitId` : `${at}.unitId`, 'UNIT_NOT_FOUND');
    const villageId = created.identity.villageId;
    if (villageId !== undefined && graph.get(villageId)?.parentId !== unit.id) throw invalidField(`${at}.newPerpetrator.identity.villageId`, 'UNIT_NOT_FOUND');
    links.push({
      index,
      perpetratorId: newId(),
      sex: created.identity.sex,
      create: { input: created, unitId: unit.id, unitCode: unit.code, birthYear: birthYearOf(created.identity, entry.ageYears, occurredOn) },
      fillBirthYear: null,
      requestFrom: null,
    });
  }
  return { caseUnitId, links };
}

/** What the incident's encrypted details keep of each entry: the description and the record's id, never an identity. */
export function storedSummaries(entries: readonly PerpetratorSummary[], prepared: PreparedIncidentLinks | undefined) {
  return entries.map((entry, index) => {
    const link = prepared?.links.find((l) => l.index === index);
    return {
      sex: entry.sex,
      ...(entry.ageYears !== undefined ? { ageYears: entry.ageYears } : {}),
      relationship: entry.relationship,
      ...(entry.unitId !== undefined ? { unitId: entry.unitId } : {}),
      ...(entry.note !== undefined ? { note: entry.note } : {}),
      ...(link && link.requestFrom === null ? { perpetratorId: link.perpetratorId } : {}),
      // Which entry the other commune's decision completes (never shown: presenters list their fields).
      ...(link?.requestFrom ? { linkRequestId: link.requestFrom.requestId } : {}),
    };
  });
}

/** Mã đối tượng: NG-<commune code>-<year>-<sequence>, counted like case codes. */
async function nextPerpetratorCode(trx: Trx, unitCode: string): Promise<string> {
  const year = Number(vietnamDateOf(nowIso()).slice(0, 4));
  const key = `NG-${unitCode}`.slice(0, 20);
  const row = await trx.insertInto('case_sequences').values({ unit_code: key, year, last_seq: 1 })
    .onConflict((oc) => oc.columns(['unit_code', 'year']).doUpdateSet((eb) => ({ last_seq: eb('case_sequences.last_seq', '+', 1) })))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return formatCaseCode(key, year, Number(row.last_seq));
}

/** Create a new record with its search tokens (inside the caller's transaction). */
export async function createPerpetrator(deps: AppDeps, request: FastifyRequest, trx: Trx, link: PreparedLink, userId: string): Promise<void> {
  const create = link.create;
  if (create === null) return;
  const identity = create.input.identity;
  const at = nowIso();
  const code = await nextPerpetratorCode(trx, create.unitCode);
  await trx.insertInto('perpetrators').values({
    id: link.perpetratorId,
    code,
    unit_id: create.unitId,
    identity_enc: deps.cipher.encrypt(JSON.stringify(identity)),
    sex: identity.sex,
    birth_year: create.birthYear,
    ethnicity_code: identity.ethnicityCode ?? null,
    substance_use: create.input.substanceUse,
    weapon_access: create.input.weaponAccess,
    version: 1,
    created_by: userId,
    created_at: at,
    updated_at: at,
  }).execute();
  const tokens = perpetratorTokens(deps.cipher, { ...identity, birthYear: create.birthYear });
  if (tokens.length > 0) {
    await trx.insertInto('perpetrator_tokens').values(tokens.map((t) => ({ perpetrator_id: link.perpetratorId, kind: t.kind, token_hash: t.hash }))).execute();
  }
  await audit(request, trx, { action: 'perpetrator.create', resourceType: 'perpetrator', resourceId: link.perpetratorId, details: { code, unitId: create.unitId } });
}

/** Record the request for another commune's consent, audited on the requesting side. */
async function requestLink(
  deps: AppDeps, request: FastifyRequest, trx: Trx, link: PreparedLink & { requestFrom: { ownerUnitId: string; requestId: string } }, unitId: string,
  incident: { caseId: string; incidentId: string; occurredAt: string }, entry: PerpetratorSummary, userId: string,
): Promise<void> {
  const id = link.requestFrom.requestId;
  await trx.insertInto('perpetrator_link_requests').values({
    id, perpetrator_id: link.perpetratorId, case_id: incident.caseId, incident_id: incident.incidentId, unit_id: unitId,
    owner_unit_id: link.requestFrom.ownerUnitId, occurred_at: new Date(incident.occurredAt).toISOString(), relationship: entry.relationship,
    age_years: entry.ageYears ?? null, note_enc: entry.note ? deps.cipher.encrypt(entry.note) : null, status: 'pending',
    requested_by: userId, requested_at: nowIso(), decided_by: null, decided_at: null,
  }).execute();
  await audit(request, trx, {
    action: 'perpetrator.link_request', resourceType: 'case', resourceId: incident.caseId,
    details: { requestId: id, perpetratorId: link.perpetratorId, incidentId: incident.incidentId, ownerUnitId: link.requestFrom.ownerUnitId },
  });
}

/** Write the prepared links of one incident: new records first, then one link row each. */
export async function writePerpetratorLinks(
  deps: AppDeps,
  request: FastifyRequest,
  trx: Trx,
  prepared: PreparedIncidentLinks,
  incident: { caseId: string; incidentId: string; occurredAt: string; perpetrators: readonly PerpetratorSummary[] },
  userId: string,
): Promise<void> {
  for (const link of prepared.links) {
    const entry = incident.perpetrators[link.index] as PerpetratorSummary;
    if (link.requestFrom !== null) {
      await requestLink(deps, request, trx, { ...link, requestFrom: link.requestFrom }, prepared.caseUnitId, incident, entry, userId);
      continue;
    }
    await createPerpetrator(deps, request, trx, link, userId);
    if (link.fillBirthYear !== null) {
      await trx.updateTable('perpetrators').set({ birth_year: link.fillBirthYear }).where('id', '=', link.perpetratorId).where('birth_year', 'is', null).execute();
    }
    await trx.insertInto('perpetrator_links').values({
      id: newId(),
      perpetrator_id: link.perpetratorId,
      incident_id: incident.incidentId,
      case_id: incident.caseId,
      unit_id: prepared.caseUnitId,
      occurred_at: new Date(incident.occurredAt).toISOString(),
      relationship: entry.relationship,
      age_years: entry.ageYears ?? null,
      note_enc: entry.note ? deps.cipher.encrypt(entry.note) : null,
      created_by: userId,
      created_at: nowIso(),
    }).execute();
    await audit(request, trx, { action: 'perpetrator.link', resourceType: 'perpetrator', resourceId: link.perpetratorId, details: { caseId: incident.caseId, incidentId: incident.incidentId } });
  }
}
