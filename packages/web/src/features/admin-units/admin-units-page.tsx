// Administrative units across reorganisations: pick a date, browse the tree valid on that date, open a
// unit to see its history and where its area belongs today; administrators add, rename and merge.
import { VILLAGE_LEVEL_KINDS, type UnitView } from '@binhan/domain';
import { Button, Card, Center, Grid, Loader, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { buildUnitTree } from './build-unit-tree';
import { DateSelector } from './date-selector';
import { MergerModal } from './merger-modal';
import { UnitCreateModal } from './unit-create-modal';
import { UnitDetailPanel } from './unit-detail-panel';
import { UnitEditModal } from './unit-edit-modal';
import { UnitTree } from './unit-tree';
import { useUnits } from './units-api';
import { useUnitsParams } from './use-units-params';

type Dialog = 'add' | 'edit' | 'merge' | null;

export function AdminUnitsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const canManage = can('units.manage');
  const [{ at, unitId }, setParams] = useUnitsParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const isPhone = useMediaQuery('(max-width: 62em)');
  const detailRef = useRef<HTMLDivElement>(null);

  const unitsAtDate = useUnits(at);
  // Every generation, to name predecessors and successors that no longer exist on the viewed date.
  const allUnits = useUnits(null);
  const tree = useMemo(() => buildUnitTree(unitsAtDate.data ?? []), [unitsAtDate.data]);
  const byId = useMemo(() => {
    const map = new Map<string, UnitView>();
    for (const unit of [...(allUnits.data ?? []), ...(unitsAtDate.data ?? [])]) map.set(unit.id, unit);
    return map;
  }, [allUnits.data, unitsAtDate.data]);
  const selected = unitId ? byId.get(unitId) : undefined;

  const select = (id: string) => {
    setParams({ unitId: id });
    // On a phone the details sit under a long tree: bring them into view.
    if (isPhone) window.setTimeout(() => detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
  };
  // A linked unit may not exist on the viewed date: move the date to its last (or first) valid day.
  const openLinked = (unit: UnitView) => setParams({ unitId: unit.id, at: unit.validTo ?? (unit.validFrom > at ? unit.validFrom : at) });
  const canAddUnder = selected !== undefined && !VILLAGE_LEVEL_KINDS.includes(selected.kind);

  return (
    <>
      <PageHeader
        title={t('units.title')}
        intro={t('units.intro')}
        actions={canManage && <Button variant="default" onClick={() => setDialog('merge')}>{t('units.merge')}</Button>}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="md">
            <Stack gap="md">
              <DateSelector value={at} onChange={(date) => setParams({ at: date })} />
              {unitsAtDate.isError && <QueryError error={unitsAtDate.error} onRetry={() => void unitsAtDate.refetch()} />}
              {unitsAtDate.isPending ? (
                <Center py="lg">
                  <Loader aria-label={t('app.loading')} />
                </Center>
              ) : tree.length === 0 ? (
                <Text c="dimmed">{t('units.noUnits')}</Text>
              ) : (
                <UnitTree key={at} nodes={tree} at={at} selectedId={unitId} onSelect={select} />
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }} ref={detailRef}>
          {selected ? (
            <UnitDetailPanel
              unit={selected}
              byId={byId}
              canManage={canManage}
              onOpen={openLinked}
              onAddChild={() => setDialog('add')}
              onEdit={() => setDialog('edit')}
              onMerge={() => setDialog('merge')}
              canAddChild={canAddUnder}
            />
          ) : (
            <Card withBorder padding="md">
              <Text c="dimmed">{t('units.pickUnit')}</Text>
            </Card>
          )}
        </Grid.Col>
      </Grid>
      {dialog === 'add' && selected && (
        <UnitCreateModal
          parent={selected}
          defaultDate={at}
          onClose={() => setDialog(null)}
          onCreated={(unit) => {
            setDialog(null);
            setParams({ unitId: unit.id, at: unit.validFrom > at ? unit.validFrom : at });
          }}
        />
      )}
      {dialog === 'edit' && selected && <UnitEditModal unit={selected} onClose={() => setDialog(null)} />}
      {dialog === 'merge' && (
        <MergerModal
          initialSource={selected ?? null}
          defaultDate={at}
          onClose={() => setDialog(null)}
          onMerged={(target, effectiveDate) => {
            setDialog(null);
            setParams({ unitId: target.id, at: effectiveDate });
          }}
        />
      )}
    </>
  );
}
