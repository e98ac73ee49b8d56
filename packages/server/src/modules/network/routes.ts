// Routes of the communicators' network, trusted addresses and network coverage. Whoever reads outreach
// sees members (never their phones) and coverage; commune officers and the district focal point manage
// members and trusted addresses and may reveal protected contacts, audited.
import { z } from 'zod';
import {
  CoverageQuery, Id, IdParams, UnitRef, MemberReveal, NetworkCoverage, NetworkMemberInput, NetworkMemberQuery, NetworkMemberView, TrustedAddressInput, TrustedAddressQuery,
  TrustedAddressReveal, TrustedAddressView,
} from '@binhan/domain';
import { requires } from '../../http/access.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { networkCoverage } from './coverage.js';
import { createMember, linkableAccounts, listMembers, myMember, revealMember, updateMember } from './members.js';
import { createTrustedAddress, listTrustedAddresses, revealTrustedAddress, updateTrustedAddress } from './trusted-addresses.js';
import { anchorAuditHead } from '../../http/audit-context.js';

const MemberList = z.object({ items: z.array(NetworkMemberView) });
const AddressList = z.object({ items: z.array(TrustedAddressView) });
const AccountList = z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), unit: UnitRef.nullable(), linkedMemberId: z.string().nullable() })) });
const AccountQuery = z.strictObject({ memberId: Id.optional() });

export async function networkRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['network'];

  app.get('/api/network/members', {
    config: { access: requires('outreach.read') },
    schema: { tags, summary: 'Communicators and collaborators of a unit’s area, in Vietnamese name order; never their phones', querystring: NetworkMemberQuery, response: { 200: MemberList, ...errorResponses } },
  }, async (request) => ({ items: await listMembers(deps, request, request.query) }));

  app.get('/api/network/members/me', {
    config: { access: requires('outreach.read') },
    schema: { tags, summary: 'The network member linked to the signed-in account (404 when none)', response: { 200: NetworkMemberView, ...errorResponses } },
  }, async (request) => myMember(deps, request));

  app.post('/api/network/members', {
    config: { access: requires('network.manage') },
    schema: { tags, summary: 'Add a communicator or collaborator (phone stored encrypted)', body: NetworkMemberInput, response: { 201: NetworkMemberView, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await createMember(deps, request, request.body)));

  app.put('/api/network/members/:id', {
    config: { access: requires('network.manage') },
    schema: { tags, summary: 'Correct a member, mark them active or not; a phone left out is kept', params: IdParams, body: NetworkMemberInput, response: { 200: NetworkMemberView, ...errorResponses } },
  }, async (request) => updateMember(deps, request, request.params.id, request.body));

  app.get('/api/network/accounts', {
    config: { access: requires('network.manage') },
    schema: { tags, summary: 'Communicator accounts of the area that a member may be linked to', querystring: AccountQuery, response: { 200: AccountList, ...errorResponses } },
  }, async (request) => ({ items: await linkableAccounts(deps, request, request.query.memberId) }));

  app.post('/api/network/members/:id/reveal', {
    config: { access: requires('network.manage') },
    schema: { tags, summary: 'Show a member’s phone (audited)', params: IdParams, response: { 200: MemberReveal, ...errorResponses } },
  }, async (request) => {
    const revealed = await revealMember(deps, request, request.params.id);
    await anchorAuditHead(request, 'reveal', request.params.id);
    return revealed;
  });

  app.get('/api/network/trusted-addresses', {
    config: { access: requires('network.manage') },
    schema: { tags, summary: 'Trusted addresses of a unit’s area, without their location and contact', querystring: TrustedAddressQuery, response: { 200: AddressList, ...errorResponses } },
  }, async (request) => ({ items: await listTrustedAddresses(deps, request, request.query) }));

  app.post('/api/network/trusted-addresses', {
    config: { access: requires('network.manage') },
    schema: { tags, summary: 'Add a trusted address (location and contact stored encrypted)', body: TrustedAddressInput, response: { 201: TrustedAddressView, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await createTrustedAddress(deps, request, request.body)));

  app.put('/api/network/trusted-addresses/:id', {
    config: { access: requires('network.manage') },
    schema: { tags, summary: 'Correct a trusted address or change its status; protected fields left out are kept', params: IdParams, body: TrustedAddressInput, response: { 200: TrustedAddressView, ...errorResponses } },
  }, async (request) => updateTrustedAddress(deps, request, request.params.id, request.body));

  app.post('/api/network/trusted-addresses/:id/reveal', {
    config: { access: requires('network.manage') },
    schema: { tags, summary: 'Show a trusted address’s location and contact (audited)', params: IdParams, response: { 200: TrustedAddressReveal, ...errorResponses } },
  }, async (request) => {
    const revealed = await revealTrustedAddress(deps, request, request.params.id);
    await anchorAuditHead(request, 'reveal', request.params.id);
    return revealed;
  });

  app.get('/api/network/coverage', {
    config: { access: requires('outreach.read') },
    schema: { tags, summary: 'Network coverage per commune in the period: members, core members, villages without a member, activities per member', querystring: CoverageQuery, response: { 200: NetworkCoverage, ...errorResponses } },
  }, async (request) => networkCoverage(deps, request, request.query));
}
