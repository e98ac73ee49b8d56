// Seeds the administrative units of the Na Rì area in their three generations (2017, 2020, 2025). Safe to
// run at every start: units already present (same code and valid-from date) are left as they are.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import { foldVietnamese, unitKey, unitsFromSeed, type UnitSeedFile } from '@binhan/domain';
import type { Database } from './schema.js';
import { nowIso } from '../lib/clock.js';
import { newId } from '../lib/ids.js';

const require = createRequire(import.meta.url);

export function readUnitSeed(): UnitSeedFile {
  return JSON.parse(fs.readFileSync(require.resolve('@binhan/domain/data/admin-units-na-ri.json'), 'utf8')) as UnitSeedFile;
}

export async function seedAdminUnits(db: Kysely<Database>): Promise<number> {
  const existing = await db.selectFrom('admin_units').select(['id', 'code', 'valid_from']).execute();
  const ids = new Map(existing.map((u) => [unitKey(u.code, u.valid_from), u.id]));
  const { units, successions } = unitsFromSeed(readUnitSeed(), (key) => ids.get(key) ?? newId());
  const fresh = units.filter((u) => !ids.has(unitKey(u.code, u.validFrom)));
  if (fresh.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    // Parents first: the seed lists provinces and districts before communes.
    for (const u of fresh) {
      await trx.insertInto('admin_units').values({
        id: u.id, code: u.code, name: u.name, name_folded: foldVietnamese(u.name), kind: u.kind,
        parent_id: u.parentId, valid_from: u.validFrom, valid_to: u.validTo, created_at: nowIso(),
      }).execute();
    }
    for (const s of successions) {
      await trx.insertInto('unit_successions').values({ from_id: s.fromId, to_id: s.toId, is_part: s.isPart ? 1 : 0, is_main: s.isMain === true ? 1 : 0 })
        .onConflict((oc) => oc.columns(['from_id', 'to_id']).doNothing()).execute();
    }
  });
  return fresh.length;
}
