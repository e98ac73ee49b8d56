// The services a running app shares: database, encryption, password hashing, configuration, caches.
import type { Kysely } from 'kysely';
import { UnitGraph, type AdminUnit, type UnitKind } from '@binhan/domain';
import type { AppConfig } from './config.js';
import type { Database } from './db/schema.js';
import type { DatabaseKind } from './db/database.js';
import type { FieldCipher } from './security/field-cipher.js';
import type { PasswordHasher } from './security/passwords.js';
import type { AuditAnchors } from './security/audit-anchors.js';

export interface AppDeps {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  cipher: FieldCipher;
  /** Key of the audit chain's HMAC, derived from the encryption key ring. */
  auditKey: Buffer;
  hasher: PasswordHasher;
  /** Writes signed checkpoints of the audit chain outside the database. */
  anchors: AuditAnchors;
  config: AppConfig;
  units: UnitGraphCache;
  /** A password hash to verify against for unknown usernames (timing); made at start. */
  dummyPasswordHash?: Promise<string>;
}

/**
 * The unit tree is small (a few hundred units) and read on most requests, so it is cached briefly.
 * Writes in this process clear it at once; other processes see a change within the TTL.
 */
export class UnitGraphCache {
  private cached: { graph: UnitGraph; at: number } | null = null;

  constructor(private readonly db: Kysely<Database>, private readonly ttlMs = 5000) {}

  async graph(): Promise<UnitGraph> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.graph;
    const [rows, links] = await Promise.all([
      this.db.selectFrom('admin_units').selectAll().execute(),
      this.db.selectFrom('unit_successions').selectAll().execute(),
    ]);
    const units: AdminUnit[] = rows.map((r) => ({
      id: r.id, code: r.code, name: r.name, kind: r.kind as UnitKind, parentId: r.parent_id, validFrom: r.valid_from, validTo: r.valid_to,
    }));
    const graph = new UnitGraph(units, links.map((l) => ({ fromId: l.from_id, toId: l.to_id, isPart: Number(l.is_part) === 1 })));
    this.cached = { graph, at: Date.now() };
    return graph;
  }

  invalidate(): void {
    this.cached = null;
  }
}
