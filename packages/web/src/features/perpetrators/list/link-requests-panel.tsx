// Requests from another commune to link a perpetrator recorded here to one of its incidents: the
// officer of the commune that holds the record (or the focal point above both) agrees or declines.
// Requests this commune made are listed too, without anything of the other commune's record.
import { PERPETRATOR_RELATIONSHIP_LABELS, type PerpetratorLinkRequestView } from '@binhan/domain';
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../../components/query-error';
import { formatDate } from '../../../lib/format';
import { useLocale } from '../../cases/case-labels';
import { decideLinkRequest, listLinkRequests, perpetratorKeys } from '../perpetrators-api';

function RequestRow({ request }: { request: PerpetratorLinkRequestView }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'decline') => decideLinkRequest(request.id, decision),
    onSuccess: async (_, decision) => {
      notifications.show({ color: 'teal', message: t(`perpetrators.linkRequests.done.${decision}`) });
      await queryClient.invalidateQueries({ queryKey: perpetratorKeys.all });
    },
  });
  const relationship = PERPETRATOR_RELATIONSHIP_LABELS[request.relationship as keyof typeof PERPETRATOR_RELATIONSHIP_LABELS]?.[locale] ?? request.relationship;
  return (
    <Card withBorder padding="xs">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2}>
          {request.direction === 'incoming' && request.perpetrator ? (
            <Text size="sm">
              {t('perpetrators.linkRequests.incoming', { unit: request.requestingUnit.name, date: formatDate(request.occurredOn), relationship })}{' '}
              <Anchor component={Link} to={`/perpetrators/${request.perpetrator.id}`} size="sm" fw={700}>
                {request.perpetrator.code}
              </Anchor>
            </Text>
          ) : (
            <Text size="sm">{t('perpetrators.linkRequests.outgoing', { code: request.case?.code ?? '', date: formatDate(request.occurredOn) })}</Text>
          )}
          <Text size="xs" c="dimmed">{t('perpetrators.linkRequests.requestedAt', { date: formatDate(request.requestedAt) })}</Text>
        </Stack>
        {request.canDecide ? (
          <Group gap="xs">
            <Button size="compact-sm" onClick={() => decide.mutate('approve')} loading={decide.isPending && decide.variables === 'approve'}>
              {t('perpetrators.linkRequests.approve')}
            </Button>
            <Button size="compact-sm" variant="default" onClick={() => decide.mutate('decline')} loading={decide.isPending && decide.variables === 'decline'}>
              {t('perpetrators.linkRequests.decline')}
            </Button>
          </Group>
        ) : (
          <Badge variant="light" color={request.status === 'declined' ? 'red' : request.status === 'approved' ? 'teal' : 'yellow'}>
            {t(`perpetrators.linkRequests.status.${request.status}`)}
          </Badge>
        )}
      </Group>
      {decide.isError && <QueryError error={decide.error} />}
    </Card>
  );
}

export function LinkRequestsPanel() {
  const { t } = useTranslation();
  const requests = useQuery({ queryKey: [...perpetratorKeys.all, 'link-requests'], queryFn: ({ signal }) => listLinkRequests(signal) });
  if (requests.isError) return <QueryError error={requests.error} onRetry={() => void requests.refetch()} />;
  const items = requests.data ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder padding="sm" data-testid="link-requests">
      <Title order={2} size="h5" mb={4}>
        {t('perpetrators.linkRequests.title', { count: items.length })}
      </Title>
      {items.some((request) => request.direction === 'incoming') && (
        <Text size="sm" c="dimmed" mb="xs">
          {t('perpetrators.linkRequests.intro')}
        </Text>
      )}
      <Stack gap="xs">
        {items.map((request) => (
          <RequestRow key={request.id} request={request} />
        ))}
      </Stack>
    </Card>
  );
}
