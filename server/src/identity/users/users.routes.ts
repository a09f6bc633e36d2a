import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { requireAuthenticated } from '../access/guards.ts';
import { roles } from '../permissions.ts';
import { grantMembership, inviteUser, listUsers, removeMembership, setUserDisabled, updateMembership } from './user-service.ts';

const tags = ['identity'];
const role = z.enum(roles);
const companyIds = z.array(z.uuid()).max(100).default([]).describe('Empty: the whole workspace');

const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  disabledAt: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  mfaEnabled: z.boolean(),
  emailVerified: z.boolean(),
  invitationPending: z.boolean(),
  memberships: z.array(z.object({ id: z.uuid(), role: z.string(), companyIds: z.array(z.uuid()) })),
});

export function usersRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/identity/users',
    { schema: { tags, summary: 'People of the workspace and their roles', response: { 200: z.object({ items: z.array(userSchema) }) } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return { items: await listUsers(runtime.db, request.auth) };
    },
  );

  app.post(
    '/api/identity/users/invitations',
    {
      schema: {
        tags,
        summary: 'Invite someone by email with a role',
        body: z.object({
          email: z.email().max(320),
          displayName: z.string().trim().min(1).max(160),
          role,
          companyIds,
          language: z.enum(['fr', 'en']).optional(),
        }),
        response: { 201: z.object({ userId: z.uuid(), membershipId: z.uuid() }) },
      },
    },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      return reply.status(201).send(await inviteUser(runtime, request.auth, request.body));
    },
  );

  app.post(
    '/api/identity/users/:userId/memberships',
    {
      schema: {
        tags,
        summary: 'Give a member of the workspace another role',
        params: z.object({ userId: z.uuid() }),
        body: z.object({ role, companyIds }),
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      const id = await grantMembership(runtime, request.auth, request.params.userId, request.body.role, request.body.companyIds);
      return reply.status(201).send({ id });
    },
  );

  app.patch(
    '/api/identity/memberships/:membershipId',
    {
      schema: {
        tags,
        summary: 'Change a membership’s role or companies',
        params: z.object({ membershipId: z.uuid() }),
        body: z.object({ role: role.optional(), companyIds: z.array(z.uuid()).max(100).optional() }).strict(),
        response: { 200: z.object({ id: z.uuid() }) },
      },
    },
    async (request) => {
      requireAuthenticated(request.auth);
      await updateMembership(runtime, request.auth, request.params.membershipId, request.body);
      return { id: request.params.membershipId };
    },
  );

  app.delete(
    '/api/identity/memberships/:membershipId',
    { schema: { tags, summary: 'Remove a membership', params: z.object({ membershipId: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      await removeMembership(runtime, request.auth, request.params.membershipId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/identity/users/:userId/disable',
    {
      schema: { tags, summary: 'Disable an account (its sessions end)', params: z.object({ userId: z.uuid() }), body: z.object({ reason: z.string().max(300).optional() }).optional(), response: { 204: z.null() } },
    },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      await setUserDisabled(runtime, request.auth, request.params.userId, true, request.body?.reason);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/identity/users/:userId/enable',
    { schema: { tags, summary: 'Enable an account again', params: z.object({ userId: z.uuid() }), response: { 204: z.null() } } },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      await setUserDisabled(runtime, request.auth, request.params.userId, false);
      return reply.status(204).send(null);
    },
  );
}
