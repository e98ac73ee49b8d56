// Perpetrators of one page: cards on a phone, a table on a desk. No identity is ever shown here: a
// person is known by a code, a commune, sex and age, and what was done.
import { PERPETRATOR_MEASURE_LABELS, type PerpetratorListItem } from '@binhan/domain';
import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../lib/format';
import { useLocale } from '../../cases/case-labels';
import { PerpetratorCard } from '../identity/search-results';
import { HandledBadge, RepeatBadge, usePersonLine } from '../perpetrator-badges';

export function PerpetratorList({ items }: { items: PerpetratorListItem[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const personLine = usePersonLine();
  const measures = (item: PerpetratorListItem) =>
    item.measureTypes.length === 0 ? t('perpetrators.list.noMeasures') : item.measureTypes.map((type) => PERPETRATOR_MEASURE_LABELS[type][locale]).join('; ');

  if (isPhone) {
    return (
      <Stack gap="xs" data-testid="perpetrator-list">
        {items.map((item) => (
          <PerpetratorCard key={item.id} item={item} withHandling />
        ))}
      </Stack>
    );
  }

  return (
    <div className="table-scroll" data-testid="perpetrator-list">
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('perpetrators.code')}</Table.Th>
            <Table.Th scope="col">{t('perpetrators.list.person')}</Table.Th>
            <Table.Th scope="col">{t('perpetrators.list.unit')}</Table.Th>
            <Table.Th scope="col">{t('perpetrators.list.incidents')}</Table.Th>
            <Table.Th scope="col">{t('perpetrators.list.lastIncident')}</Table.Th>
            <Table.Th scope="col">{t('perpetrators.list.counselling')}</Table.Th>
            <Table.Th scope="col">{t('perpetrators.list.measures')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/perpetrators/${item.id}`} fw={700} size="sm" style={{ whiteSpace: 'nowrap' }} aria-label={t('perpetrators.list.open', { code: item.code })}>
                  {item.code}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {personLine(item)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{item.unit.name}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {t('perpetrators.list.incidentCount', { count: item.incidentCount })}
                  </Text>
                  {item.isRepeat && <RepeatBadge size="sm" />}
                </Group>
                {item.hiddenIncidentCount > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('perpetrators.list.hiddenCount', { count: item.hiddenIncidentCount })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDate(item.lastIncidentAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={item.counselled ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                  {item.counselled ? t('perpetrators.list.counsellingCount', { count: item.counsellingCount }) : t('perpetrators.list.notCounselled')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Text size="sm" c={item.measureTypes.length === 0 ? 'dimmed' : undefined}>
                    {measures(item)}
                  </Text>
                  <HandledBadge handled={item.handled} size="sm" />
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
