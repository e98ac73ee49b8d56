// Predecessors and successors of a unit, by name, each a link that jumps the tree to a date when that
// unit existed; and where the unit's area belongs today ("Nay thuộc: …").
import type { UnitView } from '@binhan/domain';
import { Anchor, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso } from '../../lib/format';
import { unitLabel } from './unit-label';
import { getUnitMapping, unitKeys } from './units-api';

interface LinksProps {
  links: UnitView['successors'];
  byId: ReadonlyMap<string, UnitView>;
  onOpen: (unit: UnitView) => void;
}

export function UnitLinks({ links, byId, onOpen }: LinksProps) {
  const { t } = useTranslation();
  if (links.length === 0) return <Text size="sm">{t('units.noLinks')}</Text>;
  return (
    <Group gap={4} component="span" wrap="wrap">
      {links.map((link, index) => {
        const unit = byId.get(link.id);
        return (
          <Fragment key={link.id}>
            {index > 0 && <span>, </span>}
            {unit ? (
              <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onOpen(unit)}>
                {unitLabel(unit)}
              </Anchor>
            ) : (
              <Text size="sm" component="span">
                {link.id}
              </Text>
            )}
            {link.isPart && (
              <Text size="sm" component="span" c="dimmed">
                ({t('units.part')})
              </Text>
            )}
          </Fragment>
        );
      })}
    </Group>
  );
}

export function CurrentHolders({ unit }: { unit: UnitView }) {
  const { t } = useTranslation();
  const today = todayIso();
  const mapping = useQuery({
    queryKey: unitKeys.mapping(unit.id, today),
    queryFn: () => getUnitMapping(unit.id, today),
    staleTime: 5 * 60_000,
  });
  if (mapping.isPending) return <Text size="sm" c="dimmed">{t('app.loading')}</Text>;
  if (mapping.isError) return <Text size="sm" c="red.8">{t('units.mappingFailed')}</Text>;
  const holders = mapping.data.holders;
  if (holders.length === 1 && holders[0]?.unit.id === unit.id) return <Text size="sm">{t('units.stillExists')}</Text>;
  const names = holders.map((h) => `${unitLabel(h.unit)}${h.isPart ? ` (${t('units.part')})` : ''}`).join('; ');
  return (
    <Text size="sm" fw={600}>
      {t('units.nowBelongsTo', { units: names === '' ? t('units.noLinks') : names })}
    </Text>
  );
}
