// What an identity search or a duplicate check found: records the user may see (by code, commune, sex
// and age — never a name), and matches in records elsewhere, known only by how they matched.
import { PERPETRATOR_MEASURE_LABELS, type PerpetratorElsewhere, type PerpetratorListItem, type PerpetratorSearchResult } from '@binhan/domain';
import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../lib/format';
import { useLocale } from '../../cases/case-labels';
import { HandledBadge, RepeatBadge, usePersonLine } from '../perpetrator-badges';

export function useMatchedBy(): (elsewhere: PerpetratorElsewhere) => string {
  const { t } = useTranslation();
  return (elsewhere) => elsewhere.matchedBy.map((by) => t(`perpetrators.search.matchedBy.${by}`)).join(', ');
}

export function PerpetratorCard({ item, action, withHandling = false }: { item: PerpetratorListItem; action?: ReactNode; withHandling?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const personLine = usePersonLine();
  return (
    <Card withBorder padding="sm" data-testid="perpetrator-result">
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          {action ? (
            <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
              {item.code}
            </Text>
          ) : (
            <Anchor component={Link} to={`/perpetrators/${item.id}`} fw={700} style={{ whiteSpace: 'nowrap' }}>
              {item.code}
            </Anchor>
          )}
          <Text size="sm">{personLine(item)}</Text>
          <Text size="sm" c="dimmed">
            {item.unit.name}
          </Text>
        </Stack>
        {action}
      </Group>
      <Group gap={6} mt={6}>
        {item.isRepeat && <RepeatBadge />}
        <HandledBadge handled={item.handled} />
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {[
          t('perpetrators.list.incidentCount', { count: item.incidentCount }),
          item.hiddenIncidentCount > 0 ? t('perpetrators.list.hiddenCount', { count: item.hiddenIncidentCount }) : '',
          item.lastIncidentAt ? t('perpetrators.list.lastIncidentAt', { date: formatDate(item.lastIncidentAt) }) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {withHandling && (
        <Text size="xs" c="dimmed">
          {[
            item.counselled ? t('perpetrators.list.counsellingCount', { count: item.counsellingCount }) : t('perpetrators.list.notCounselled'),
            ...item.measureTypes.map((type) => PERPETRATOR_MEASURE_LABELS[type][locale]),
          ].join(' · ')}
        </Text>
      )}
    </Card>
  );
}

interface Props {
  result: PerpetratorSearchResult;
  /** Intake: choose a record for the entry. Without it, each record links to its page. */
  onChoose?: (item: PerpetratorListItem) => void;
  onLinkElsewhere?: (elsewhere: PerpetratorElsewhere) => void;
  chooseLabel?: string;
}

export function SearchResults({ result, onChoose, onLinkElsewhere, chooseLabel }: Props) {
  const { t } = useTranslation();
  const matchedBy = useMatchedBy();
  return (
    <Stack gap="xs">
      {result.items.length === 0 && result.elsewhere.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('perpetrators.search.none')}
        </Text>
      )}
      {result.items.map((item) => (
        <PerpetratorCard
          key={item.id}
          item={item}
          action={
            onChoose && (
              <Button size="compact-sm" variant="light" onClick={() => onChoose(item)} aria-label={`${chooseLabel ?? t('perpetrators.intake.choose')}: ${item.code}`}>
                {chooseLabel ?? t('perpetrators.intake.choose')}
              </Button>
            )
          }
        />
      ))}
      {result.elsewhere.map((elsewhere) => (
        <Alert key={elsewhere.linkToken} color="orange" variant="light" data-testid="perpetrator-elsewhere">
          <Stack gap="xs">
            <Text size="sm">{t('perpetrators.search.elsewhere', { by: matchedBy(elsewhere) })}</Text>
            {onLinkElsewhere && (
              <Button size="compact-sm" variant="white" color="orange" onClick={() => onLinkElsewhere(elsewhere)} style={{ alignSelf: 'flex-start' }}>
                {t('perpetrators.intake.linkElsewhere')}
              </Button>
            )}
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
