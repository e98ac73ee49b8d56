// Cases of one page: cards on a phone, a table on a desk. No identity is ever shown here: a case is
// known by its code, its commune and its state.
import type { CaseListItem } from '@binhan/domain';
import { Anchor, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { ChildBadge, DueBadge, RiskBadge, StatusBadge } from '../case-badges';

function officerText(item: CaseListItem, none: string): string {
  return item.assignedOfficer?.displayName ?? none;
}

export function CaseList({ items }: { items: CaseListItem[] }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');

  if (isPhone) {
    return (
      <Stack gap="xs">
        {items.map((item) => (
          <Card key={item.id} withBorder padding="sm" component={Link} to={`/cases/${item.id}`} aria-label={t('cases.list.open', { code: item.code })}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
                {item.code}
              </Text>
              <Text size="sm" c="dimmed" truncate>
                {item.unit.name}
              </Text>
            </Group>
            <Group gap={6} mt={6}>
              <RiskBadge level={item.riskLevel} />
              <DueBadge item={item} />
              {item.isChild && <ChildBadge />}
              <StatusBadge status={item.status} />
            </Group>
            <Text size="xs" c="dimmed" mt={6}>
              {t('cases.list.detected', { at: formatDateTime(item.detectedAt) })} · {officerText(item, t('cases.list.unassigned'))}
            </Text>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <div className="table-scroll">
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cases.fields.code')}</Table.Th>
            <Table.Th scope="col">{t('cases.fields.commune')}</Table.Th>
            <Table.Th scope="col">{t('cases.fields.risk')}</Table.Th>
            <Table.Th scope="col">{t('cases.fields.status')}</Table.Th>
            <Table.Th scope="col">{t('cases.fields.detectedAt')}</Table.Th>
            <Table.Th scope="col">{t('cases.fields.due')}</Table.Th>
            <Table.Th scope="col">{t('cases.fields.officer')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/cases/${item.id}`} fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {item.code}
                </Anchor>
                {item.isChild && <ChildBadge ml={6} size="sm" />}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{item.unit.name}</Text>
              </Table.Td>
              <Table.Td>
                <RiskBadge level={item.riskLevel} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={item.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(item.detectedAt)}</Text>
              </Table.Td>
              <Table.Td>
                <DueBadge item={item} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={item.assignedOfficer ? undefined : 'dimmed'}>
                  {officerText(item, t('cases.list.unassigned'))}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
