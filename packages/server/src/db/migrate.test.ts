import { sql, type Kysely, type Migration } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestDatabase } from '../test/test-app.js';
import type { DatabaseHandle } from './database.js';
import { MIGRATIONS, migrateToLatest, MigrationError } from './migrate.js';

import type { Database } from './schema.js';

/** A migration that creates a table and then fails on invalid SQL. */
const broken: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('broken_probe').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
    await sql`insert into broken_probe (id) values (1)`.execute(db);
    await sql`select * from table_that_does_not_exist`.execute(db);
  },
};

/** Tables of this database only (on PostgreSQL, other test files hold other schemas of the same database). */
async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  const schema = handle.kind === 'postgresql' ? (await sql<{ s: string }>`select current_schema() as s`.execute(handle.db)).rows[0]?.s : undefined;
  return (await handle.db.introspection.getTables()).filter((t) => schema === undefined || t.schema === schema).map((t) => t.name);
}

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

describe.each(DATABASES)('migrations on %s', (kind) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ handle, drop } = await openTestDatabase(kind));
  });
  afterEach(async () => {
    await handle.close();
    await drop();
  });

  it('applies 0001-foundation once, and a second run applies nothing', async () => {
    expect(await migrateToLatest(handle.db)).toEqual(Object.keys(MIGRATIONS));
    expect(await tableNames(handle)).toEqual(expect.arrayContaining(['admin_units', 'users', 'sessions', 'audit_log', 'key_checks']));
    expect(await migrateToLatest(handle.db)).toEqual([]);
    expect(await appliedMigrations(handle.db)).toEqual(Object.keys(MIGRATIONS));
  });

  it('throws MigrationError for a failing migration and leaves no trace of it: no table, no kysely_migration row', async () => {
    await migrateToLatest(handle.db);
    const before = (await tableNames(handle)).sort();

    const attempt = migrateToLatest(handle.db, { ...MIGRATIONS, '9999-broken': broken });
    await expect(attempt).rejects.toThrow(MigrationError);
    await expect(migrateToLatest(handle.db, { ...MIGRATIONS, '9999-broken': broken }))
      .rejects.toThrow(/^Migration 9999-broken failed, nothing was changed: .*table_that_does_not_exist/);

    expect(await tableNames(handle)).not.toContain('broken_probe');
    expect((await tableNames(handle)).sort()).toEqual(before);
    expect(await appliedMigrations(handle.db)).toEqual(Object.keys(MIGRATIONS));
    // The database still works and is still at the latest good migration.
    expect(await migrateToLatest(handle.db)).toEqual([]);
  });

  it('rolls back every pending migration of a run when a later one fails, leaving an empty database empty', async () => {
    await expect(migrateToLatest(handle.db, { ...MIGRATIONS, '9999-broken': broken })).rejects.toThrow(MigrationError);
    const tables = await tableNames(handle);
    expect(tables.filter((name) => !name.startsWith('kysely_migration'))).toEqual([]);
    expect(await appliedMigrations(handle.db)).toEqual([]);
    // After fixing the set, the same database migrates normally.
    expect(await migrateToLatest(handle.db)).toEqual(Object.keys(MIGRATIONS));
  });

  it('refuses a database updated by a newer version (a migration this code does not know), naming it and changing nothing', async () => {
    await migrateToLatest(handle.db);
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(handle.db);
    const before = (await tableNames(handle)).sort();
    await expect(migrateToLatest(handle.db, { ...MIGRATIONS, '9998-pending': { up: async (db) => { await db.schema.createTable('pending_probe').addColumn('id', 'integer').execute(); } } }))
      .rejects.toThrow(/newer version of Bình An \(migration 9999-from-the-future\).*Nothing was changed/);
    expect((await tableNames(handle)).sort()).toEqual(before);
  });

  it('runs a migration numbered below one already applied (another branch merged later), once', async () => {
    const { '0300-key-root-and-request-hashes': later, ...earlier } = MIGRATIONS;
    const merged: Record<string, Migration> = { ...earlier, '0300-key-root-and-request-hashes': later as Migration };
    await migrateToLatest(handle.db, merged);
    const fromOtherBranch: Migration = { up: async (db) => { await db.schema.createTable('other_branch_probe').addColumn('id', 'integer').execute(); } };
    expect(await migrateToLatest(handle.db, { ...merged, '0016-other-branch': fromOtherBranch })).toEqual(['0016-other-branch']);
    expect(await tableNames(handle)).toContain('other_branch_probe');
    expect(await migrateToLatest(handle.db, { ...merged, '0016-other-branch': fromOtherBranch })).toEqual([]);
  });
});
