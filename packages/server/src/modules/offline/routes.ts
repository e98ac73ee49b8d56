// Work without a connection: the device key that opens a device's offline store while the user is signed
// in, and the pack of records a device keeps (see pack.ts for exactly what it holds). Both audited.
import { z } from 'zod';
import { Id, OfflineDeviceKey, OfflinePack, OfflinePackRequest } from '@binhan/domain';
import { requires } from '../../http/access.js';
import { audit } from '../../http/audit-context.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { buildOfflinePack } from './pack.js';

const DeviceKeyRequest = z.strictObject({ deviceId: Id });

export async function offlineRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['offline'];

  app.post('/api/offline/device-key', {
    config: { access: requires('offline.use') },
    schema: {
      tags, summary: 'The key of this device’s offline store for the signed-in user: the same for the same user and device, different otherwise',
      body: DeviceKeyRequest, response: { 200: OfflineDeviceKey, ...errorResponses },
    },
  }, async (request) => {
    const actor = await request.loadActor();
    const { deviceId } = request.body;
    // A keyed hash with a key derived from the server's key ring: nobody can compute it without the server.
    const key = deps.cipher.blindIndex(`offline-device:${actor.id}:${deviceId}`, 'offline-device');
    // Never the key itself in the audit.
    await audit(request, deps.db, { action: 'offline.device_key', resourceType: 'device', resourceId: deviceId });
    return { key, limit: deps.config.offlineCaseLimit };
  });

  app.post('/api/offline/pack', {
    config: { access: requires('offline.use') },
    schema: {
      tags, summary: 'The records this device keeps for offline work: marked cases (or the default set), code lists, units, the service directory, own activities; never identities',
      body: OfflinePackRequest, response: { 200: OfflinePack, ...errorResponses },
    },
  }, async (request) => {
    const pack = await buildOfflinePack(deps, request, request.body.caseIds);
    await audit(request, deps.db, {
      action: 'offline.pack',
      details: { cases: pack.caseIds.length, leftOut: pack.leftOut, marked: request.body.caseIds !== undefined ? request.body.caseIds.length : null },
    });
    return pack;
  });
}
