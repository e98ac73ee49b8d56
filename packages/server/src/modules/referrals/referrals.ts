// Consent and referrals. A referral needs the survivor's consent to share with that type of service,
// or an exception (a child at risk, a threat to life) recorded by the district focal point. The provider
// receives a snapshot of only what consent allows, and answers: accept, decline with a reason, complete.
import type { FastifyRequest } from 'fastify';
import {
  isReferralAllowed,
  type ConsentCreate, type ConsentView, type ReferralCreate, type ReferralResponse, type ReferralStatus, type ReferralView,
  type SupportServiceType, type SurvivorIdentityInput,
} from '@binhan/domain';
import type { CaseTable, ReferralTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { audit } from '../../http/audit-context.js';
import { Conflict, Forbidden, invalidField, NotFound } from '../../http/errors.js';
import { now, nowIso } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { changeCase } from '../cases/actions.js';
import { addEvent, toUtc } from '../cases/intake.js';
import { providerServes } from './providers.js';

/** A referral still "sent" after this long shows as unanswered to the case team and on the provider's list. */
export const REFERRAL_RESPONSE_HOURS = 24;

export async function recordConsent(deps: AppDeps, request: FastifyRequest, row: CaseTable, input: ConsentCreate, userId: string): Promise<void> {
  await changeCase(deps, request, row, 'case.consent', async (trx) => {
    const id = newId();
    await trx.insertInto('consents').values({
      id, case_id: row.id, obtained_at: toUtc(input.obtainedAt), obtained_by: userId, given_by: input.givenBy,
      store_data: input.storeData ? 1 : 0, contact: input.contact ? 1 : 0, contact_channels: JSON.stringify(input.contactChannels),
      share_with: JSON.stringify(input.shareWith), note_enc: input.note ? deps.cipher.encrypt(input.note) : null,
      withdrawn_at: null, withdrawn_by: null, created_at: nowIso(),
    }).execute();
    await addEvent(trx, deps, row.id, userId, 'consent', { consentId: id, shareWith: input.shareWith, contact: input.contact });
    return { consentId: id };
  });
}

export async function withdrawConsent(deps: AppDeps, request: FastifyRequest, row: CaseTable, consentId: string, note: string | undefined, userId: string): Promise<void> {
  const consent = await deps.db.selectFrom('consents').selectAll().where('id', '=', consentId).where('case_id', '=', row.id).executeTakeFirst();
  if (!consent) throw new NotFound();
  if (consent.withdrawn_at !== null) throw new Conflict('CONSENT_WITHDRAWN');
  await changeCase(deps, request, row, 'case.consent_withdrawn', async (trx) => {
    await trx.updateTable('consents').set({ withdrawn_at: nowIso(), withdrawn_by: userId }).where('id', '=', consentId).execute();
    await addEvent(trx, deps, row.id, userId, 'consent_withdrawn', { consentId }, note ?? null);
    return { consentId };
  }, { allowClosed: true });
}

export async function listConsents(deps: AppDeps, caseId: string): Promise<ConsentView[]> {
  const rows = await deps.db.selectFrom('consents').selectAll().where('case_id', '=', caseId).orderBy('obtained_at', 'desc').execute();
  const people = new Map((rows.length > 0 ? await deps.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', rows.map((r) => r.obtained_by)).execute() : [])
    .map((u) => [u.id, { id: u.id, displayName: u.display_name }]));
  return rows.map((r) => ({
    id: r.id, obtainedAt: r.obtained_at, obtainedBy: people.get(r.obtained_by) ?? null, givenBy: r.given_by,
    storeData: Number(r.store_data) === 1, contact: Number(r.contact) === 1,
    contactChannels: JSON.parse(r.contact_channels) as string[], shareWith: JSON.parse(r.share_with) as SupportServiceType[], withdrawnAt: r.withdrawn_at,
  }));
}

interface SharedSnapshot {
  fullName: string | null;
  sex: string;
  ageGroup: string;
  commune: string;
  phone: string | null;
  contactChannels: string[];
  note: string | null;
}

export async function createReferral(deps: AppDeps, request: FastifyRequest, row: CaseTable, input: ReferralCreate, userId: string, isSupervisor: boolean): Promise<void> {
  const provider = await deps.db.selectFrom('providers').selectAll().where('id', '=', input.providerId).executeTakeFirst();
  if (!provider) throw invalidField('providerId', 'NOT_FOUND');
  if (!(await providerServes(deps, provider, input.serviceType, row.unit_id))) throw invalidField('providerId', 'PROVIDER_NOT_SERVING');
  let consent: { shareWith: SupportServiceType[]; contact: boolean; contactChannels: string[] } | null = null;
  if (input.consentId) {
    const found = await deps.db.selectFrom('consents').selectAll().where('id', '=', input.consentId).where('case_id', '=', row.id).executeTakeFirst();
    if (!found) throw invalidField('consentId', 'NOT_FOUND');
    if (found.withdrawn_at !== null) throw invalidField('consentId', 'CONSENT_WITHDRAWN');
    consent = { shareWith: JSON.parse(found.share_with) as SupportServiceType[], contact: Number(found.contact) === 1, contactChannels: JSON.parse(found.contact_channels) as string[] };
  }
  if (input.consentException && (!isSupervisor || input.consentException.approvedBy !== userId)) throw new Forbidden('CONSENT_EXCEPTION_SUPERVISOR');
  if (!isReferralAllowed(input.serviceType, consent, input.consentException ?? null)) throw invalidField('consentId', 'REFERRAL_NO_CONSENT');

  const survivor = await deps.db.selectFrom('survivors').selectAll().where('case_id', '=', row.id).executeTakeFirstOrThrow();
  const person = JSON.parse(deps.cipher.decrypt(survivor.identity_enc)) as SurvivorIdentityInput;
  const commune = (await deps.units.graph()).get(row.unit_id)?.name ?? '';
  // The phone goes only where the survivor agreed to be contacted by phone or message.
  const phoneAllowed = consent?.contact === true && consent.contactChannels.some((c) => ['phone_call', 'sms', 'messaging_app'].includes(c));
  const shared: SharedSnapshot = {
    fullName: person.fullName, sex: survivor.sex, ageGroup: survivor.age_group, commune,
    phone: phoneAllowed ? person.phone ?? null : null, contactChannels: consent?.contact ? consent.contactChannels : [], note: input.note ?? null,
  };
  await changeCase(deps, request, row, 'referral.create', async (trx) => {
    const id = newId();
    await trx.insertInto('referrals').values({
      id, case_id: row.id, provider_id: provider.id, service_type: input.serviceType, urgency: input.urgency, referred_at: toUtc(input.referredAt),
      referred_by: userId, consent_id: input.consentId ?? null, exception_reason: input.consentException?.reason ?? null,
      exception_approved_by: input.consentException?.approvedBy ?? null, shared_enc: deps.cipher.encrypt(JSON.stringify(shared)),
      note_enc: input.consentException ? deps.cipher.encrypt(input.consentException.note) : null,
      status: 'sent', responded_at: null, completed_at: null, response_note_enc: null, created_at: nowIso(), updated_at: nowIso(),
    }).execute();
    await trx.updateTable('cases').set({ has_service_or_referral: 1 }).where('id', '=', row.id).execute();
    await addEvent(trx, deps, row.id, userId, 'referral', { referralId: id, providerId: provider.id, serviceType: input.serviceType, basis: input.consentException ? 'exception' : 'consent' });
    return { referralId: id, providerId: provider.id, basis: input.consentException ? 'exception' : 'consent' };
  });
}

/**
 * Who reads the referrals: the provider they are addressed to gets the consented snapshot (the only place
 * it is shown); the case team gets the provider's answer but never the snapshot, which holds the
 * survivor's name and phone (the case team sees those only through the audited reveal); others neither.
 */
export type ReferralAudience = 'provider' | 'case_team' | 'reader';

export async function presentReferrals(deps: AppDeps, rows: ReferralTable[], audience: ReferralAudience): Promise<ReferralView[]> {
  if (rows.length === 0) return [];
  const [providers, cases] = await Promise.all([
    deps.db.selectFrom('providers').select(['id', 'name']).where('id', 'in', [...new Set(rows.map((r) => r.provider_id))]).execute(),
    deps.db.selectFrom('cases').select(['id', 'code']).where('id', 'in', [...new Set(rows.map((r) => r.case_id))]).execute(),
  ]);
  const providerById = new Map(providers.map((p) => [p.id, p]));
  const codeById = new Map(cases.map((c) => [c.id, c.code]));
  const limit = now().getTime() - REFERRAL_RESPONSE_HOURS * 3_600_000;
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseCode: codeById.get(r.case_id) ?? '',
    provider: providerById.get(r.provider_id) ?? { id: r.provider_id, name: '' },
    serviceType: r.service_type as SupportServiceType,
    urgency: r.urgency,
    referredAt: r.referred_at,
    status: r.status as ReferralStatus,
    respondedAt: r.responded_at,
    completedAt: r.completed_at,
    noResponse: r.status === 'sent' && Date.parse(r.referred_at) < limit,
    consentBasis: r.exception_reason ? 'exception' : 'consent',
    shared: audience === 'provider' ? (JSON.parse(deps.cipher.decrypt(r.shared_enc)) as SharedSnapshot) : null,
    responseNote: audience !== 'reader' && r.response_note_enc ? deps.cipher.decrypt(r.response_note_enc) : null,
  }));
}

const NEXT_STATUS: Record<ReferralResponse['action'], { from: ReferralStatus[]; to: ReferralStatus }> = {
  accept: { from: ['sent'], to: 'accepted' },
  decline: { from: ['sent'], to: 'declined' },
  complete: { from: ['accepted'], to: 'completed' },
};

/** The provider answers a referral addressed to it; the case team sees the answer on the case. */
export async function respondToReferral(deps: AppDeps, request: FastifyRequest, referralId: string, providerId: string | null, input: ReferralResponse, userId: string): Promise<ReferralTable> {
  const referral = await deps.db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirst();
  // Another provider's referral does not exist as far as this user is concerned.
  if (!referral || providerId === null || referral.provider_id !== providerId) throw new NotFound();
  const move = NEXT_STATUS[input.action];
  if (!move.from.includes(referral.status as ReferralStatus)) throw new Conflict('REFERRAL_STATUS_INVALID');
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('referrals').set({
      status: move.to,
      responded_at: referral.responded_at ?? at,
      completed_at: move.to === 'completed' ? at : referral.completed_at,
      response_note_enc: input.note ? deps.cipher.encrypt(input.note) : referral.response_note_enc,
      updated_at: at,
    }).where('id', '=', referralId).where('status', '=', referral.status).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Conflict('REFERRAL_STATUS_INVALID');
    await addEvent(trx, deps, referral.case_id, userId, 'referral_status', { referralId, status: move.to });
    await trx.updateTable('cases').set((eb) => ({ version: eb('version', '+', 1), updated_at: at })).where('id', '=', referral.case_id).execute();
    await audit(request, trx, { action: `referral.${input.action}`, resourceType: 'referral', resourceId: referralId });
  });
  return deps.db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow();
}
