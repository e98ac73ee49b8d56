// Details of the selected unit: code, kind, validity, parent, history of mergers and where it belongs
// today, with the administrator's actions.
import type { UnitView } from '@binhan/domain';
import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { unitKindLabel, unitLabel } from './unit-label';
import { CurrentHolders, UnitLinks } from './unit-links';

interface Props {
  unit: UnitView;
  byId: ReadonlyMap<string, UnitView>;
  canManage: boolean;
  canAddChild: boolean;
  onOpen: (unit: UnitView) => void;
  onAddChild: () => void;
  onEdit: () => void;
  onMerge: () => void;
}

export function UnitDetailPanel({ unit, byId, canManage, canAddChild, onOpen, onAddChild, onEdit, onMerge }: Props) {
  const { t } = useTranslation();
  const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="unit-detail-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={2} size="h3" id="unit-detail-title">
            {unit.name}
          </Title>
          <Badge variant="light">{unitKindLabel(unit.kind)}</Badge>
        </Group>
        <Table variant="vertical" layout="fixed" withTableBorder>
          <Table.Tbody>
            <Row label={t('units.code')}>{unit.code}</Row>
            <Row label={t('units.kind')}>{unitKindLabel(unit.kind)}</Row>
            <Row label={t('units.validFrom')}>{formatDate(unit.validFrom)}</Row>
            <Row label={t('units.validTo')}>{unit.validTo ? formatDate(unit.validTo) : t('units.stillValid')}</Row>
            {parent && (
              <Row label={t('units.parent')}>
                <Text size="sm">{unitLabel(parent)}</Text>
              </Row>
            )}
            <Row label={t('units.predecessors')}>
              <UnitLinks links={unit.predecessors} byId={byId} onOpen={onOpen} />
            </Row>
            <Row label={t('units.successors')}>
              <UnitLinks links={unit.successors} byId={byId} onOpen={onOpen} />
            </Row>
          </Table.Tbody>
        </Table>
        <CurrentHolders unit={unit} />
        {canManage && (
          <Group gap="xs">
            {canAddChild && (
              <Button size="sm" onClick={onAddChild}>
                {t('units.addChild')}
              </Button>
            )}
            <Button size="sm" variant="default" onClick={onEdit}>
              {t('units.rename')}
            </Button>
            <Button size="sm" variant="default" onClick={onMerge}>
              {t('units.merge')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w="38%">
        <Text size="sm">{label}</Text>
      </Table.Th>
      <Table.Td>{typeof children === 'string' ? <Text size="sm">{children}</Text> : children}</Table.Td>
    </Table.Tr>
  );
}
