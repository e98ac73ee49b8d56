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
 * A unit graph that remembers each unit's scope. Every request computes its user's scope, and with a whole country
 * loaded (about 14,000 units and 10,000 successions) one scope takes milliseconds: computed once per graph.
 * The sets are shared, so callers must not change them.
 */
export class CachedUnitGraph extends UnitGraph {
  private readonly scopes = new Map<string, Set<string>>();

  override scopeOf(...args: Parameters<UnitGraph['scopeOf']>): Set<string> {
    const key = args.join('|');
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = super.scopeOf(...args);
      this.scopes.set(key, scope);
    }
    return scope;
  }
}

/**
 * The unit tree (a few hundred units for a district, about 14,000 with the whole country loaded) is read on most
 * requests, so it is cached briefly, with each unit's scope. Writes in this process clear it at once; other
 * processes see a change within the TTL.
 */
export class UnitGraphCache {
  private cached: { graph: UnitGraph; at: number } | null = null;
  /** The read in progress, shared by the requests that arrive meanwhile (14,000 units take tens of ms to read). */
  private loading: Promise<UnitGraph> | null = null;
  /** Bumped by invalidate, so a read begun before a write does not become the cached graph after it. */
  private generation = 0;

  constructor(private readonly db: Kysely<Database>, private readonly ttlMs = 5000) {}

  async graph(): Promise<UnitGraph> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.graph;
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = this.read().then((graph) => {
      if (this.generation === generation) this.cached = { graph, at: Date.now() };
      return graph;
    }).finally(() => {
      if (this.loading === loading) this.loading = null;
    });
    this.loading = loading;
    return loading;
  }

  private async read(): Promise<UnitGraph> {
    const [rows, links] = await Promise.all([
      this.db.selectFrom('admin_units').selectAll().execute(),
      this.db.selectFrom('unit_successions').selectAll().execute(),
    ]);
    const units: AdminUnit[] = rows.map((r) => ({
      id: r.id, code: r.code, name: r.name, kind: r.kind as UnitKind, parentId: r.parent_id, validFrom: r.valid_from, validTo: r.valid_to,
    }));
    return new CachedUnitGraph(units, links.map((l) => ({ fromId: l.from_id, toId: l.to_id, isPart: Number(l.is_part) === 1, isMain: Number(l.is_main) === 1 })));
  }

  invalidate(): void {
    this.cached = null;
    this.loading = null;
    this.generation += 1;
  }
}
