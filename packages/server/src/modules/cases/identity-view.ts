// The two places a survivor's identity and the case narratives are decrypted: the audited reveal, and
// the timeline for roles that may identify.
import type { FastifyRequest } from 'fastify';
import { roleCan, type Role, type SurvivorIdentityInput, type SurvivorIdentityView, type TimelineEntry } from '@binhan/domain';
import type { CaseTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { addEvent } from './intake.js';

export async function revealIdentity(deps: AppDeps, request: FastifyRequest, row: CaseTable, userId: string): Promise<SurvivorIdentityView> {
  const survivor = await deps.db.selectFrom('survivors').select('identity_enc').where('case_id', '=', row.id).executeTakeFirstOrThrow();
  const person = JSON.parse(deps.cipher.decrypt(survivor.identity_enc)) as SurvivorIdentityInput;
  await deps.db.transaction().execute(async (trx) => {
    await addEvent(trx, deps, row.id, userId, 'identity_viewed', {});
    await audit(request, trx, { action: 'case.identity_view', resourceType: 'case', resourceId: row.id });
  });
  return {
    fullName: person.fullName,
    otherNames: person.otherNames ?? [],
    sex: person.sex,
    dateOfBirth: person.dateOfBirth ?? null,
    ageYears: person.ageYears ?? null,
    ethnicityCode: person.ethnicityCode ?? null,
    disabilities: person.disabilities ?? null,
    cccd: person.cccd ?? null,
    phone: person.phone ?? null,
    address: person.address ?? null,
    villageId: person.villageId ?? null,
    maritalStatus: person.maritalStatus ?? null,
  };
}

export async function readTimeline(deps: AppDeps, caseId: string, role: Role): Promise<TimelineEntry[]> {
  const canIdentify = roleCan(role, 'cases.identify');
  const events = await deps.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('at', 'desc').orderBy('id', 'desc').execute();
  const actorIds = [...new Set(events.map((e) => e.actor_id).filter((id): id is string => id !== null))];
  const actors = new Map((actorIds.length > 0 ? await deps.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', actorIds).execute() : [])
    .map((u) => [u.id, { id: u.id, displayName: u.display_name }]));
  return events.map((e) => ({
    id: e.id,
    at: e.at,
    kind: e.kind,
    actor: e.actor_id ? actors.get(e.actor_id) ?? null : null,
    details: JSON.parse(e.details) as Record<string, unknown>,
    note: canIdentify && e.note_enc ? deps.cipher.decrypt(e.note_enc) : null,
  }));
}
