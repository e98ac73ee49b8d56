import { describe, expect, it } from 'vitest';
import {
  assessRisk,
  compareRiskLevels,
  DEFAULT_RISK_CHECKLIST,
  levelForScore,
  maxRiskLevel,
  RISK_LEVEL_LABELS,
  RISK_LEVELS,
  RiskChecklistConfig,
  type RiskChecklist,
} from './risk.js';

const simple: RiskChecklist = {
  items: [
    { code: 'a', vi: 'a', en: 'a', weight: 1 },
    { code: 'b', vi: 'b', en: 'b', weight: 2 },
    { code: 'c', vi: 'c', en: 'c', weight: 3 },
    { code: 'floor', vi: 'f', en: 'f', weight: 0, minLevel: 'medium' },
  ],
  rules: [{ code: 'a_and_b', allOf: ['a', 'b'], minLevel: 'critical' }],
  thresholds: { medium: 2, high: 4, critical: 6 },
};

describe('risk levels', () => {
  it('orders the four levels', () => {
    expect(RISK_LEVELS).toEqual(['low', 'medium', 'high', 'critical']);
    expect(compareRiskLevels('critical', 'high')).toBeGreaterThan(0);
    expect(compareRiskLevels('low', 'medium')).toBeLessThan(0);
    expect(compareRiskLevels('high', 'high')).toBe(0);
    expect(maxRiskLevel('medium', 'high')).toBe('high');
    expect(maxRiskLevel('critical', 'low')).toBe('critical');
  });

  it('uses the glossary words', () => {
    expect(RISK_LEVELS.map((l) => RISK_LEVEL_LABELS[l].vi)).toEqual(['Thấp', 'Trung bình', 'Cao', 'Rất cao (nguy hiểm)']);
  });

  it('maps a score to a level, each threshold included in its level', () => {
    const t = simple.thresholds;
    expect(levelForScore(0, t)).toBe('low');
    expect(levelForScore(1, t)).toBe('low');
    expect(levelForScore(2, t)).toBe('medium');
    expect(levelForScore(3, t)).toBe('medium');
    expect(levelForScore(4, t)).toBe('high');
    expect(levelForScore(5, t)).toBe('high');
    expect(levelForScore(6, t)).toBe('critical');
    expect(levelForScore(60, t)).toBe('critical');
  });
});

describe('assessRisk', () => {
  it('gives low with no answers', () => {
    expect(assessRisk({}, DEFAULT_RISK_CHECKLIST)).toEqual({ score: 0, level: 'low', forcedBy: [] });
  });

  it('adds the weights of the items answered yes only', () => {
    expect(assessRisk({ a: true, b: false, c: true }, simple)).toEqual({ score: 4, level: 'high', forcedBy: [] });
    expect(assessRisk({ a: undefined, c: true }, simple).score).toBe(3);
  });

  it('ignores codes that are not on the checklist', () => {
    expect(assessRisk({ unknown: true }, simple)).toEqual({ score: 0, level: 'low', forcedBy: [] });
  });

  it('raises the level to an item’s floor and says why', () => {
    expect(assessRisk({ floor: true }, simple)).toEqual({ score: 0, level: 'medium', forcedBy: ['floor'] });
  });

  it('applies a rule only when all its items are answered yes', () => {
    expect(assessRisk({ a: true }, simple).level).toBe('low');
    expect(assessRisk({ a: true, b: true }, simple)).toEqual({ score: 3, level: 'critical', forcedBy: ['a_and_b'] });
  });

  it('does not report a floor the score already reaches', () => {
    expect(assessRisk({ floor: true, c: true, b: true }, simple)).toEqual({ score: 5, level: 'high', forcedBy: [] });
  });

  it('treats a threat to kill with a weapon as critical by default', () => {
    const result = assessRisk({ threat_to_kill: true, weapon: true }, DEFAULT_RISK_CHECKLIST);
    expect(result.level).toBe('critical');
    expect(result.forcedBy).toEqual(['threat_to_kill_with_weapon']);
  });

  it('treats strangulation as at least high by default', () => {
    const result = assessRisk({ strangulation: true }, DEFAULT_RISK_CHECKLIST);
    expect(result).toEqual({ score: 5, level: 'high', forcedBy: ['strangulation'] });
  });

  it('reaches each level from the score alone with the default checklist', () => {
    expect(assessRisk({ controlling_jealousy: true }, DEFAULT_RISK_CHECKLIST).level).toBe('low');
    expect(assessRisk({ pregnancy: true, substance_use: true }, DEFAULT_RISK_CHECKLIST).level).toBe('medium');
    expect(assessRisk({ escalation: true, survivor_fear: true, children_at_risk: true }, DEFAULT_RISK_CHECKLIST).level).toBe('high');
    expect(
      assessRisk({ escalation: true, survivor_fear: true, children_at_risk: true, serious_injury: true, sexual_violence: true }, DEFAULT_RISK_CHECKLIST).level,
    ).toBe('critical');
  });

  it('covers the items DOMAIN.md names', () => {
    const codes = DEFAULT_RISK_CHECKLIST.items.map((i) => i.code);
    for (const code of ['threat_to_kill', 'weapon', 'strangulation', 'escalation', 'pregnancy', 'children_at_risk', 'substance_use', 'survivor_fear']) {
      expect(codes).toContain(code);
    }
  });
});

describe('RiskChecklistConfig', () => {
  it('accepts the default checklist', () => {
    expect(RiskChecklistConfig.safeParse(DEFAULT_RISK_CHECKLIST).success).toBe(true);
  });

  it('refuses a duplicate item code, a rule on an unknown item and thresholds out of order', () => {
    const broken = {
      items: [
        { code: 'x', vi: 'x', en: 'x', weight: 1 },
        { code: 'x', vi: 'y', en: 'y', weight: 1 },
      ],
      rules: [{ code: 'r', allOf: ['nope'], minLevel: 'high' }],
      thresholds: { medium: 5, high: 5, critical: 9 },
    };
    const result = RiskChecklistConfig.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).sort()).toEqual([
      'items.1.code: duplicate_items',
      'rules.0.allOf.0: risk_item_unknown',
      'thresholds: risk_thresholds_order',
    ]);
  });

  it('refuses unknown fields and labels without text', () => {
    expect(RiskChecklistConfig.safeParse({ ...DEFAULT_RISK_CHECKLIST, extra: 1 }).success).toBe(false);
    const blank = { ...DEFAULT_RISK_CHECKLIST, items: [{ code: 'a', vi: ' ', en: 'a', weight: 1 }] };
    expect(RiskChecklistConfig.safeParse(blank).success).toBe(false);
  });
});
