// The top of a case: code, risk, status, the child flag with hotline 111, commune, the officer in
// charge, and the first-intervention deadline counting down live (or when it was done).
import { CLOSURE_REASON_LABELS, isTimely, type CaseDetail } from '@binhan/domain';
import { Alert, Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import type { CaseConfig } from '../cases-api';
import { ChildBadge, RiskBadge, StatusBadge } from '../case-badges';
import { formatDuration, useNow } from '../case-time';
import { needsUrgentActions, RecommendedActions } from './recommended-actions';

function DueLine({ detail, config }: { detail: CaseDetail; config: CaseConfig | undefined }) {
  const { t } = useTranslation();
  const now = useNow(10_000);
  if (detail.firstInterventionAt !== null) {
    const onTime = config ? isTimely(detail.detectedAt, detail.firstInterventionAt, detail.firstRiskLevel, config.timeLimits) : null;
    return (
      <Text size="sm" c="teal.9" fw={600}>
        {t('cases.due.doneAt', { at: formatDateTime(detail.firstInterventionAt) })}
        {onTime !== null && ` — ${onTime ? t('cases.due.onTime') : t('cases.due.late')}`}
      </Text>
    );
  }
  if (detail.status === 'closed') return null;
  const left = new Date(detail.dueAt).getTime() - now;
  const isOver = detail.isOverdue || left < 0;
  return (
    <Text size="md" fw={700} c={isOver ? 'red.8' : left < 2 * 3_600_000 ? 'orange.9' : undefined} role="timer" aria-live="off">
      {t('cases.due.deadline', { at: formatDateTime(detail.dueAt) })}
      {' — '}
      {isOver ? t('cases.due.overdueBy', { duration: formatDuration(left) }) : t('cases.due.left', { duration: formatDuration(left) })}
    </Text>
  );
}

export function CaseHeader({ detail, config }: { detail: CaseDetail; config: CaseConfig | undefined }) {
  const { t, i18n } = useTranslation();
  const isUrgent = needsUrgentActions(detail.riskLevel) && detail.firstInterventionAt === null && detail.status !== 'closed';
  return (
    <Stack gap="xs">
      <Title order={1} size="h2" style={{ wordBreak: 'break-all' }}>
        {t('cases.page.title', { code: detail.code })}
      </Title>
      <Group gap={6}>
        <RiskBadge level={detail.riskLevel} size="lg" />
        <StatusBadge status={detail.status} size="lg" />
        {detail.isChild && <ChildBadge size="lg" />}
      </Group>
      {detail.isChild && (
        <Text size="sm">
          {t('cases.childAlert.text')}{' '}
          <Anchor href="tel:111" fw={700}>
            {t('cases.childAlert.hotline')}
          </Anchor>
        </Text>
      )}
      <Text size="sm" c="dimmed">
        {[detail.unit.name, detail.village?.name].filter(Boolean).join(' · ')}
      </Text>
      <Text size="sm">{t('cases.page.officer', { name: detail.assignedOfficer?.displayName ?? t('cases.list.unassigned') })}</Text>
      {detail.closureRequest && (
        <Alert color="yellow" variant="light" p="xs">
          {t('cases.status.pending', {
            reason: detail.closureRequest.reason ? CLOSURE_REASON_LABELS[detail.closureRequest.reason][i18n.language === 'en' ? 'en' : 'vi'] : '—',
            name: detail.closureRequest.requestedBy?.displayName ?? '—',
            at: formatDateTime(detail.closureRequest.requestedAt),
          })}
        </Alert>
      )}
      <DueLine detail={detail} config={config} />
      {isUrgent && (
        <Alert color="red" variant="light" title={t('cases.page.urgentTitle')}>
          <RecommendedActions isChild={detail.isChild} />
        </Alert>
      )}
    </Stack>
  );
}
