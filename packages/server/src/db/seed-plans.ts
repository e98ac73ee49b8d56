// Seeds Plan 85/KH-UBND with T1–T5 and their targets on the district (DOMAIN.md §1–2) at every start, once:
// a plan already present under that number (perhaps edited since) is left as it is.
import type { Kysely } from 'kysely';
import { PLAN_85, type SeedPlan } from '@binhan/domain';
import type { Database } from './schema.js';
import { nowIso } from '../lib/clock.js';
import { newId } from '../lib/ids.js';

export async function seedPlan(db: Kysely<Database>, seed: SeedPlan = PLAN_85): Promise<boolean> {
  const existing = await db.selectFrom('plans').select('id').where('code', '=', seed.plan.code).executeTakeFirst();
  if (existing) return false;
  // The unit the plan was issued by, as it was on the day of issue.
  const unit = await db.selectFrom('admin_units').select('id').where('code', '=', seed.unitCode)
    .where('valid_from', '<=', seed.plan.issuedOn)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', seed.plan.issuedOn)]))
    .executeTakeFirst();
  if (!unit) return false;
  const at = nowIso();
  const planId = newId();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('plans').values({
      id: planId, code: seed.plan.code, title_vi: seed.plan.titleVi, title_en: seed.plan.titleEn ?? null, issuer: seed.plan.issuer,
      issuing_unit_id: unit.id, issued_on: seed.plan.issuedOn, from_year: seed.plan.fromYear, to_year: seed.plan.toYear,
      vision_year: seed.plan.visionYear ?? null, description: seed.plan.description ?? null, created_by: null, created_at: at, updated_at: at,
    }).execute();
    for (const [index, indicator] of seed.indicators.entries()) {
      const indicatorId = newId();
      await trx.insertInto('plan_indicators').values({
        id: indicatorId, plan_id: planId, code: indicator.code, name_vi: indicator.nameVi, name_en: indicator.nameEn,
        definition_vi: indicator.definitionVi, definition_en: indicator.definitionEn, numerator_key: indicator.numeratorKey,
        denominator_key: indicator.denominatorKey ?? null, target_kind: indicator.targetKind, sort_order: indicator.sortOrder ?? index + 1,
        created_at: at, updated_at: at,
      }).execute();
      for (const target of indicator.targets) {
        await trx.insertInto('plan_targets').values({
          id: newId(), indicator_id: indicatorId, year: target.year, unit_id: unit.id, value: target.value, updated_by: null, updated_at: at,
        }).execute();
      }
    }
  });
  return true;
}

/**
 * For the demo only: a later national plan, added as an administrator would add one, with a custom
 * indicator and targets on the province that the district's communes inherit, and Plan 85's T1 target
 * split among the communes of 2020 (a few set higher). Returns whether anything was added.
 */
export async function seedDemoPlans(db: Kysely<Database>): Promise<boolean> {
  const province = await db.selectFrom('admin_units').select('id').where('code', '=', '19').where('kind', '=', 'province').executeTakeFirst();
  const added = province ? await seedPlan(db, {
    plan: {
      code: '28/NQ-CP',
      titleVi: 'Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2030 (chỉ tiêu về phòng ngừa, ứng phó bạo lực trên cơ sở giới) (mẫu)',
      titleEn: 'National gender equality strategy 2021-2030 (targets on gender-based violence) (demo)',
      issuer: 'Chính phủ',
      issuedOn: '2021-03-03',
      fromYear: 2021,
      toYear: 2030,
      visionYear: null,
      description: 'Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ. Dữ liệu mẫu.',
    },
    unitCode: '19',
    indicators: [
      {
        code: 'DV',
        nameVi: 'Nạn nhân bạo lực trên cơ sở giới được phát hiện được tiếp cận ít nhất một dịch vụ hỗ trợ cơ bản',
        nameEn: 'Detected GBV survivors who received at least one basic support service',
        definitionVi: 'Tử số: số nạn nhân được phát hiện trong kỳ được hỗ trợ ít nhất một dịch vụ hoặc chuyển gửi. Mẫu số: số nạn nhân được phát hiện trong kỳ.',
        definitionEn: 'Numerator: survivors detected in the period who received at least one service or referral. Denominator: survivors detected in the period.',
        numeratorKey: 'cases.with_service',
        denominatorKey: 'cases.survivors_detected',
        targetKind: 'percent',
        sortOrder: 1,
        targets: [{ year: 2025, value: 80 }, { year: 2030, value: 90 }],
      },
      {
        code: 'TV',
        nameVi: 'Người gây bạo lực được tư vấn hoặc có hình thức xử lý',
        nameEn: 'Perpetrators counselled or handled',
        definitionVi: 'Tử số: số người gây bạo lực có ít nhất một buổi tư vấn hoặc một hình thức xử lý. Mẫu số: số người gây bạo lực được xác định trong các vụ việc của kỳ.',
        definitionEn: 'Numerator: perpetrators with at least one counselling session or handling measure. Denominator: perpetrators identified in the incidents of the period.',
        numeratorKey: 'perpetrators.handled',
        denominatorKey: 'perpetrators.identified',
        targetKind: 'percent',
        sortOrder: 2,
        targets: [{ year: 2025, value: 50 }, { year: 2030, value: 70 }],
      },
    ],
  }) : false;
  // Plan 85's T1 target split among the 2020 communes; two communes committed to a yearly path.
  const t1 = await db.selectFrom('plan_indicators').innerJoin('plans', 'plans.id', 'plan_indicators.plan_id')
    .select('plan_indicators.id').where('plans.code', '=', PLAN_85.plan.code).where('plan_indicators.code', '=', 'T1').executeTakeFirst();
  if (!t1) return added;
  const already = await db.selectFrom('plan_targets').select('id').where('indicator_id', '=', t1.id).where('year', '=', 2018).executeTakeFirst();
  if (already) return added;
  const units = await db.selectFrom('admin_units').select(['id', 'code', 'valid_from']).where('code', 'in', ['02146', '02170']).where('valid_from', '=', '1997-01-01').execute();
  const at = nowIso();
  await db.transaction().execute(async (trx) => {
    for (const unit of units) {
      for (const [year, value] of [[2018, 80], [2019, 90]] as const) {
        await trx.insertInto('plan_targets').values({ id: newId(), indicator_id: t1.id, year, unit_id: unit.id, value, updated_by: null, updated_at: at }).execute();
      }
    }
  });
  return true;
}
