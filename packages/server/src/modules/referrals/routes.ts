// The service directory, consent on a case, referrals from a case, and a provider's referral inbox.
import { z } from 'zod';
import {
  ConsentView, ConsentWithdrawal, IdParams, ProviderInput, ProviderListQuery, ProviderView, ReferralResponse, ReferralView,
  makeConsentSchema, makeReferralSchema, roleCan,
} from '@binhan/domain';
import { authorize, requires } from '../../http/access.js';
import { audit } from '../../http/audit-context.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { now } from '../../lib/clock.js';
import { caseInScope, recheck, SCHEMA_TIME } from '../cases/case-access.js';

import { createProvider, listProviders, updateProvider } from './providers.js';
import { createReferral, listConsents, presentReferrals, recordConsent, respondToReferral, withdrawConsent } from './referrals.js';

const CaseConsentParams = z.strictObject({ id: z.uuid(), consentId: z.uuid() });

export async function referralRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['referrals'];

  app.get('/api/providers', {
    config: { access: requires('providers.read') },
    schema: { tags, summary: 'The service directory', querystring: ProviderListQuery, response: { 200: z.object({ items: z.array(ProviderView) }), ...errorResponses } },
  }, async (request) => ({ items: await listProviders(deps, request.query) }));

  app.post('/api/providers', {
    config: { access: requires('providers.manage') },
    schema: { tags, summary: 'Add a provider to the directory', body: ProviderInput, response: { 201: ProviderView, ...errorResponses } },
  }, async (request, reply) => {
    authorize(request, 'providers.manage');
    return reply.status(201).send(await createProvider(deps, request, request.body));
  });

  app.put('/api/providers/:id', {
    config: { access: requires('providers.manage') },
    schema: { tags, summary: 'Change a directory entry', params: IdParams, body: ProviderInput, response: { 200: ProviderView, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'providers.manage');
    return updateProvider(deps, request, request.params.id, request.body);
  });

  app.get('/api/cases/:id/consents', {
    config: { access: requires('cases.read') },
    schema: { tags, summary: 'The survivor’s consent records', params: IdParams, response: { 200: z.object({ items: z.array(ConsentView) }), ...errorResponses } },
  }, async (request) => {
    const { row } = await caseInScope(request, request.params.id, 'cases.read');
    return { items: await listConsents(deps, row.id) };
  });

  app.post('/api/cases/:id/consents', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Record informed consent: storing, contact channels, sharing per service type', params: IdParams, body: makeConsentSchema(SCHEMA_TIME), response: { 201: z.object({ items: z.array(ConsentView) }), ...errorResponses } },
  }, async (request, reply) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    await recordConsent(deps, request, row, recheck(makeConsentSchema(now()), request.body), actor.id);
    return reply.status(201).send({ items: await listConsents(deps, row.id) });
  });

  app.post('/api/cases/:id/consents/:consentId/withdraw', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Record that the survivor withdrew a consent', params: CaseConsentParams, body: ConsentWithdrawal, response: { 200: z.object({ items: z.array(ConsentView) }), ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    await withdrawConsent(deps, request, row, request.params.consentId, request.body.note, actor.id);
    return { items: await listConsents(deps, row.id) };
  });

  app.get('/api/cases/:id/referrals', {
    config: { access: requires('cases.read') },
    schema: { tags, summary: 'Referrals of a case with their answers', params: IdParams, response: { 200: z.object({ items: z.array(ReferralView) }), ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.read');
    const rows = await deps.db.selectFrom('referrals').selectAll().where('case_id', '=', row.id).orderBy('referred_at', 'desc').execute();
    return { items: await presentReferrals(deps, rows, roleCan(actor.role, 'cases.identify') ? 'case_team' : 'reader') };
  });

  app.post('/api/cases/:id/referrals', {
    config: { access: requires('cases.write') },
    schema: { tags, summary: 'Refer the survivor to a provider (needs consent for the service type, or a supervisor’s exception)', params: IdParams, body: makeReferralSchema(SCHEMA_TIME), response: { 201: z.object({ items: z.array(ReferralView) }), ...errorResponses } },
  }, async (request, reply) => {
    const { row, actor } = await caseInScope(request, request.params.id, 'cases.write');
    await createReferral(deps, request, row, recheck(makeReferralSchema(now()), request.body), actor.id, roleCan(actor.role, 'cases.assign'));
    const rows = await deps.db.selectFrom('referrals').selectAll().where('case_id', '=', row.id).orderBy('referred_at', 'desc').execute();
    return reply.status(201).send({ items: await presentReferrals(deps, rows, 'case_team') });
  });

  app.get('/api/referrals/inbox', {
    config: { access: requires('referrals.respond') },
    schema: { tags, summary: 'Referrals addressed to my organisation, with only what the survivor agreed to share', querystring: z.strictObject({ status: z.enum(['open', 'all']).default('open') }), response: { 200: z.object({ items: z.array(ReferralView) }), ...errorResponses } },
  }, async (request) => {
    const providerId = request.auth?.user.provider_id ?? null;
    if (providerId === null) return { items: [] };
    let q = deps.db.selectFrom('referrals').selectAll().where('provider_id', '=', providerId);
    if (request.query.status === 'open') q = q.where('status', 'in', ['sent', 'accepted']);
    const rows = await q.orderBy('referred_at', 'desc').limit(200).execute();
    await audit(request, deps.db, { action: 'referral.inbox_view', resourceType: 'provider', resourceId: providerId, details: { count: rows.length } });
    return { items: await presentReferrals(deps, rows, 'provider') };
  });

  app.post('/api/referrals/:id/respond', {
    config: { access: requires('referrals.respond') },
    schema: { tags, summary: 'Accept, decline (with a reason) or complete a referral', params: IdParams, body: ReferralResponse, response: { 200: ReferralView, ...errorResponses } },
  }, async (request) => {
    const user = request.auth?.user;
    const row = await respondToReferral(deps, request, request.params.id, user?.provider_id ?? null, request.body, user?.id ?? '');
    return (await presentReferrals(deps, [row], 'provider'))[0];
  });
}
