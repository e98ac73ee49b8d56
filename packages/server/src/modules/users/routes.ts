// Staff accounts, for administrators (manage) and district roles (read within their area).
import { IdParams, TemporaryPassword, UserCreate, UserList, UserListQuery, UserUpdate, UserView } from '@binhan/domain';
import { authorize, requires } from '../../http/access.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { createUser, getUser, listUsers, resetPassword, resetTotp, updateUser } from './service.js';

export async function userRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['users'];

  app.get('/api/users', {
    config: { access: requires('users.read') },
    schema: { tags, summary: 'List staff accounts in my area', querystring: UserListQuery, response: { 200: UserList, ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    authorize(request, 'users.read');
    return listUsers(deps, request.query, actor.isUnscoped ? null : actor.unitScope);
  });

  app.post('/api/users', {
    config: { access: requires('users.manage') },
    schema: { tags, summary: 'Create an account with a one-time password', body: UserCreate, response: { 201: TemporaryPassword, ...errorResponses } },
  }, async (request, reply) => {
    authorize(request, 'users.manage');
    return reply.status(201).send(await createUser(deps, request, request.body));
  });

  app.get('/api/users/:id', {
    config: { access: requires('users.read') },
    schema: { tags, summary: 'One account', params: IdParams, response: { 200: UserView, ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    const { row, view } = await getUser(deps, request.params.id);
    authorize(request, 'users.read', { unitId: row.unit_id }, actor);
    return view;
  });

  app.patch('/api/users/:id', {
    config: { access: requires('users.manage') },
    schema: { tags, summary: 'Change name, role, unit, organisation or status', params: IdParams, body: UserUpdate, response: { 200: UserView, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'users.manage');
    return updateUser(deps, request, request.params.id, request.body);
  });

  app.post('/api/users/:id/reset-password', {
    config: { access: requires('users.manage') },
    schema: { tags, summary: 'Issue a new one-time password', params: IdParams, response: { 200: TemporaryPassword, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'users.manage');
    return resetPassword(deps, request, request.params.id);
  });

  app.post('/api/users/:id/reset-totp', {
    config: { access: requires('users.manage') },
    schema: { tags, summary: 'Remove two-factor so the person enrols again', params: IdParams, response: { 200: UserView, ...errorResponses } },
  }, async (request) => {
    authorize(request, 'users.manage');
    return resetTotp(deps, request, request.params.id);
  });
}
