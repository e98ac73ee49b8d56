// The live result of the risk checklist: level, score, what forced the level up, the time limit for the
// first intervention, and for high or critical risk what to do now.
import { firstInterventionDueAt, RISK_LEVEL_LABELS, type CaseDetail, type RiskLevel, type RiskResult } from '@binhan/domain';
import { Alert, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import type { CaseConfig } from '../cases-api';
import { RISK_COLOURS, RiskBadge } from '../case-badges';
import { useLocale } from '../case-labels';
import { needsUrgentActions, RecommendedActions } from './recommended-actions';

interface Props {
  result: RiskResult;
  level: RiskLevel;
  config: CaseConfig;
  detail: CaseDetail;
}

export function RiskResultPanel({ result, level, config, detail }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const items = config.riskChecklist.items;
  const forcedBy = result.forcedBy
    .map((code) => items.find((item) => item.code === code)?.[locale] ?? config.riskChecklist.rules.find((rule) => rule.code === code)?.allOf.map((c) => items.find((i) => i.code === c)?.[locale] ?? c).join(' + ') ?? code)
    .filter(Boolean);
  const hours = config.timeLimits[level];
  // The time limit is set by the first assessment; later ones do not move it.
  const dueAt = detail.firstRiskLevel === null ? firstInterventionDueAt(detail.detectedAt, level, config.timeLimits) : detail.dueAt;

  return (
    <Alert color={RISK_COLOURS[level]} variant="light" title={t('cases.riskForm.result')} aria-live="polite">
      <Stack gap="xs">
        <Group gap="xs">
          <RiskBadge level={level} size="lg" />
          <Text size="sm">{t('cases.riskForm.score', { score: result.score })}</Text>
        </Group>
        {level !== result.level && <Text size="sm">{t('cases.riskForm.raisedFrom', { level: RISK_LEVEL_LABELS[result.level][locale] })}</Text>}
        {forcedBy.length > 0 && <Text size="sm">{t('cases.riskForm.forcedBy', { items: forcedBy.join('; ') })}</Text>}
        {detail.firstInterventionAt === null && (
          <Text size="sm" fw={600}>
            {t('cases.riskForm.limit', { hours, due: formatDateTime(dueAt) })}
          </Text>
        )}
        {needsUrgentActions(level) && <RecommendedActions isChild={detail.isChild} />}
      </Stack>
    </Alert>
  );
}
