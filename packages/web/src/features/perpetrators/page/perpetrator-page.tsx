// Trang người có hành vi bạo lực: the record by its code (identity on a deliberate, audited request),
// risk factors, whether community criticism fits under Law 13/2022, the linked incidents on a timeline
// (only those the user may see), counselling and handling measures with their forms.
import { PERSON_SEX_LABELS } from '@binhan/domain';
import { Anchor, Center, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../../app/session/session-context';
import { MessagePage } from '../../../components/message-page';
import { QueryError } from '../../../components/query-error';
import { isApiError } from '../../../lib/api';
import { useLocale } from '../../cases/case-labels';
import { CriticismBadge, HandledBadge, RepeatBadge } from '../perpetrator-badges';
import { usePerpetrator } from '../perpetrators-api';
import { CounsellingPanel } from './counselling-panel';
import { PerpetratorIdentityPanel } from './identity-panel';
import { MeasuresPanel } from './measures-panel';
import { CriticismHint, IncidentsTimeline, RiskPanel } from './summary-panels';

export function PerpetratorPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const { can } = useSession();
  const detail = usePerpetrator(id);

  if (detail.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (detail.isError) {
    if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 403)) {
      return <MessagePage title={t('perpetrators.page.notFoundTitle')} message={detail.error.message} />;
    }
    return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const data = detail.data;
  const handled = data.counselling.some((s) => s.attendance === 'attended') || data.measures.some((m) => m.status !== 'cancelled');

  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to="/perpetrators" size="sm">
        {t('perpetrators.page.back')}
      </Anchor>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('perpetrators.page.title', { code: data.code })}
        </Title>
        <Text>
          {[PERSON_SEX_LABELS[data.sex][locale], data.ageYears === null ? t('perpetrators.ageUnknown') : t('perpetrators.ageValue', { age: data.ageYears }), data.unit.name].join(' · ')}
        </Text>
        <Group gap={6}>
          {data.isRepeat && <RepeatBadge />}
          <HandledBadge handled={handled} />
          {data.criticismRule.applies && <CriticismBadge />}
        </Group>
      </Stack>
      {data.canIdentify && can('cases.identify') && <PerpetratorIdentityPanel key={data.id} detail={data} />}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap="md">
          <RiskPanel detail={data} />
          <CriticismHint detail={data} />
          <IncidentsTimeline detail={data} />
        </Stack>
        <Stack gap="md">
          <MeasuresPanel detail={data} />
          <CounsellingPanel detail={data} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
