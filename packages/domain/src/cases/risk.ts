// Risk assessment (đánh giá nguy cơ) of DOMAIN.md §4: a weighted checklist gives a score and a level; some
// answers force a minimum level whatever the score. Items, weights and thresholds are configuration.
import { z } from 'zod';
import type { BilingualLabel } from './labels.js';
import { text } from '../schemas/common.js';
import { addIssue, WHEN_FIELDS_VALID } from './refine.js';

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, BilingualLabel>> = {
  low: { vi: 'Thấp', en: 'Low' },
  medium: { vi: 'Trung bình', en: 'Medium' },
  high: { vi: 'Cao', en: 'High' },
  critical: { vi: 'Rất cao (nguy hiểm)', en: 'Critical' },
};

/** Negative when a is lower than b, 0 when equal, positive when higher. */
export function compareRiskLevels(a: RiskLevel, b: RiskLevel): number {
  return RISK_LEVELS.indexOf(a) - RISK_LEVELS.indexOf(b);
}

export function maxRiskLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return compareRiskLevels(a, b) >= 0 ? a : b;
}

const RiskCode = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { message: 'invalid_format' });

/** A checklist as configured; the refinements keep a broken configuration from being saved. */
export const RiskChecklistConfig = z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          code: RiskCode,
          vi: text(300),
          en: text(300),
          weight: z.number().int().min(0).max(100),
          /** Answering yes puts the case at this level at least, whatever the score. */
          minLevel: z.enum(RISK_LEVELS).optional(),
        }),
      )
      .min(1)
      .max(100),
    /** Combinations of answers that together force a minimum level. */
    rules: z
      .array(z.strictObject({ code: RiskCode, allOf: z.array(RiskCode).min(1).max(20), minLevel: z.enum(RISK_LEVELS) }))
      .max(50),
    /** The lowest score of each level above "low". */
    thresholds: z.strictObject({
      medium: z.number().int().min(1),
      high: z.number().int().min(1),
      critical: z.number().int().min(1),
    }),
  })
  .superRefine((config, ctx) => {
    const codes = new Set<string>();
    config.items.forEach((item, i) => {
      if (codes.has(item.code)) addIssue(ctx, ['items', i, 'code'], 'duplicate_items');
      codes.add(item.code);
    });
    config.rules.forEach((rule, i) => {
      rule.allOf.forEach((code, j) => {
        if (!codes.has(code)) addIssue(ctx, ['rules', i, 'allOf', j], 'risk_item_unknown');
      });
    });
    const { medium, high, critical } = config.thresholds;
    if (!(medium < high && high < critical)) {
      addIssue(ctx, ['thresholds'], 'risk_thresholds_order');
    }
  }, WHEN_FIELDS_VALID);
export type RiskChecklistConfig = z.infer<typeof RiskChecklistConfig>;

export interface RiskChecklistItem {
  code: string;
  vi: string;
  en: string;
  weight: number;
  minLevel?: RiskLevel;
}

export interface RiskRule {
  code: string;
  allOf: readonly string[];
  minLevel: RiskLevel;
}

export interface RiskChecklist {
  items: readonly RiskChecklistItem[];
  rules: readonly RiskRule[];
  thresholds: Readonly<{ medium: number; high: number; critical: number }>;
}

/**
 * The default checklist draws on lethality-assessment practice (Campbell's Danger Assessment and the
 * items DOMAIN.md §4 names). Strangulation and a threat to kill with a weapon are the strongest
 * predictors of homicide, so they set a floor instead of only adding points.
 */
export const DEFAULT_RISK_CHECKLIST: RiskChecklist = {
  items: [
    { code: 'threat_to_kill', weight: 4, vi: 'Người có hành vi bạo lực đã đe dọa giết người bị bạo lực hoặc con của họ', en: 'The perpetrator has threatened to kill the survivor or the children' },
    { code: 'weapon', weight: 4, vi: 'Đã dùng hoặc đe dọa dùng hung khí (dao, rựa, súng …)', en: 'A weapon (knife, machete, gun …) was used or threatened' },
    { code: 'strangulation', weight: 5, minLevel: 'high', vi: 'Người có hành vi bạo lực đã bóp cổ, làm nghẹt thở người bị bạo lực', en: 'The perpetrator has strangled or choked the survivor' },
    { code: 'escalation', weight: 3, vi: 'Bạo lực ngày càng thường xuyên hoặc nghiêm trọng hơn', en: 'The violence is becoming more frequent or more severe' },
    { code: 'serious_injury', weight: 3, vi: 'Người bị bạo lực bị thương cần chăm sóc, điều trị y tế', en: 'The survivor is injured and needs medical care' },
    { code: 'sexual_violence', weight: 3, vi: 'Người bị bạo lực bị cưỡng ép quan hệ tình dục', en: 'The survivor has been forced into sex' },
    { code: 'pregnancy', weight: 2, vi: 'Người bị bạo lực đang mang thai', en: 'The survivor is pregnant' },
    { code: 'children_at_risk', weight: 3, vi: 'Trẻ em trong gia đình bị đe dọa hoặc bị bạo lực', en: 'Children in the household are threatened or harmed' },
    { code: 'substance_use', weight: 2, vi: 'Người có hành vi bạo lực thường xuyên say rượu hoặc sử dụng ma túy', en: 'The perpetrator is often drunk or uses drugs' },
    { code: 'survivor_fear', weight: 3, vi: 'Người bị bạo lực sợ bị giết hoặc bị thương nặng', en: 'The survivor fears being killed or seriously hurt' },
    { code: 'separation', weight: 2, vi: 'Người bị bạo lực vừa ly thân, ly hôn hoặc đang định rời đi', en: 'The survivor has recently separated or plans to leave' },
    { code: 'suicide_threat', weight: 2, vi: 'Người có hành vi bạo lực đe dọa tự tử', en: 'The perpetrator has threatened suicide' },
    { code: 'order_breached', weight: 3, vi: 'Người có hành vi bạo lực đã vi phạm quyết định cấm tiếp xúc hoặc cam kết chấm dứt hành vi bạo lực', en: 'The perpetrator has breached a no-contact order or a written commitment' },
    { code: 'controlling_jealousy', weight: 1, vi: 'Người có hành vi bạo lực ghen tuông, kiểm soát mọi hoạt động hằng ngày', en: "The perpetrator is jealous and controls the survivor's daily life" },
    { code: 'no_safe_place', weight: 2, vi: 'Người bị bạo lực không có nơi ở an toàn', en: 'The survivor has no safe place to stay' },
  ],
  rules: [{ code: 'threat_to_kill_with_weapon', allOf: ['threat_to_kill', 'weapon'], minLevel: 'critical' }],
  thresholds: { medium: 4, high: 9, critical: 15 },
};

/** Checklist answers by item code; an item not answered counts as "no". */
export type RiskAnswers = Readonly<Record<string, boolean | undefined>>;

export interface RiskResult {
  score: number;
  level: RiskLevel;
  /** Codes of the items and rules that raised the level above what the score alone gives. */
  forcedBy: string[];
}

export function levelForScore(score: number, thresholds: RiskChecklist['thresholds']): RiskLevel {
  if (score >= thresholds.critical) return 'critical';
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  return 'low';
}

/** Score and level of a set of answers. Codes not in the checklist are ignored (the schema rejects them). */
export function assessRisk(answers: RiskAnswers, checklist: RiskChecklist): RiskResult {
  const yes = (code: string) => answers[code] === true;
  let score = 0;
  for (const item of checklist.items) if (yes(item.code)) score += item.weight;
  const scored = levelForScore(score, checklist.thresholds);
  let level = scored;
  const forcedBy: string[] = [];
  const floors = [
    ...checklist.items.filter((item) => item.minLevel !== undefined && yes(item.code)).map((item) => ({ code: item.code, minLevel: item.minLevel as RiskLevel })),
    ...checklist.rules.filter((rule) => rule.allOf.every(yes)),
  ];
  for (const floor of floors) {
    if (compareRiskLevels(floor.minLevel, scored) > 0) forcedBy.push(floor.code);
    level = maxRiskLevel(level, floor.minLevel);
  }
  return { score, level, forcedBy };
}
