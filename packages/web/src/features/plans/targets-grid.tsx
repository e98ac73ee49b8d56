// Targets of one indicator as a grid: a row per unit, a column per year of the plan (to its vision year).
// Empty cells set no target. The whole grid is saved at once (the server keeps all of it or none); a
// unit's target for a year can be split among the communes of that year.
import { COMMUNE_LEVEL_KINDS, type PlanDetail, type PlanIndicatorView, type UnitBrief } from '@binhan/domain';
import { Alert, Button, Group, List, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../lib/api';
import { unitLabel } from '../admin-units/unit-label';
import { UnitSelect } from '../admin-units/unit-select';
import { useUnits } from '../admin-units/units-api';
import { useSaveTargets, useSplitTarget } from './plans-api';

interface Props {
  plan: PlanDetail;
  indicator: PlanIndicatorView;
  canManage: boolean;
}

type Cells = Record<string, number | null>;
const key = (unitId: string, year: number) => `${unitId}|${year}`;

export function TargetsGrid({ plan, indicator, canManage }: Props) {
  const { t } = useTranslation();
  const years = useMemo(() => {
    const last = Math.max(plan.toYear, plan.visionYear ?? plan.toYear);
    return Array.from({ length: last - plan.fromYear + 1 }, (_, i) => plan.fromYear + i);
  }, [plan]);
  const saved = useMemo(() => {
    const cells: Cells = {};
    for (const target of plan.targets) if (target.indicatorId === indicator.id) cells[key(target.unit.id, target.year)] = target.value;
    return cells;
  }, [plan.targets, indicator.id]);
  const [edits, setEdits] = useState<Cells>({});
  const [extraUnits, setExtraUnits] = useState<string[]>([]);
  const [splitYear, setSplitYear] = useState<string | null>(null);
  const [splitUnit, setSplitUnit] = useState<string | null>(null);
  const units = useUnits(null, true);
  const save = useSaveTargets(plan.id);
  const split = useSplitTarget(plan.id);

  const rows = useMemo(() => {
    const byId = new Map<string, UnitBrief>();
    for (const target of plan.targets) if (target.indicatorId === indicator.id) byId.set(target.unit.id, target.unit);
    for (const id of extraUnits) {
      const unit = units.data?.find((u) => u.id === id);
      if (unit && !byId.has(id)) byId.set(id, unit);
    }
    const rank = (u: UnitBrief) => (u.kind === 'province' ? 0 : u.kind === 'district' ? 1 : 2);
    return [...byId.values()].sort((a, b) => rank(a) - rank(b) || a.validFrom.localeCompare(b.validFrom) || a.name.localeCompare(b.name, 'vi'));
  }, [plan.targets, indicator.id, extraUnits, units.data]);

  const value = (unitId: string, year: number) => (key(unitId, year) in edits ? edits[key(unitId, year)] : saved[key(unitId, year)]) ?? null;
  const changed = Object.entries(edits).filter(([k, v]) => (saved[k] ?? null) !== v);
  const exists = (u: UnitBrief, year: number) => u.validFrom <= `${year}-12-31` && (u.validTo === null || u.validTo >= `${year}-01-01`);
  const isPercent = indicator.targetKind === 'percent';

  const onSave = () => {
    const targets = changed.map(([k, v]) => {
      const [unitId = '', year = '0'] = k.split('|');
      return { unitId, year: Number(year), value: v };
    });
    save.mutate({ indicatorId: indicator.id, targets }, {
      onSuccess: () => {
        setEdits({});
        notifications.show({ color: 'teal', message: t('plans.admin.targetsSaved') });
      },
    });
  };
  const splitSources = rows.filter((u) => !COMMUNE_LEVEL_KINDS.includes(u.kind as 'commune'));
  const onSplit = () => {
    if (!splitYear || !splitUnit) return;
    split.mutate({ indicatorId: indicator.id, input: { year: Number(splitYear), unitId: splitUnit } }, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('plans.admin.splitDone') }),
    });
  };
  const splitUnitName = splitSources.find((u) => u.id === splitUnit)?.name ?? '…';

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">{t('plans.admin.targetsIntro')}</Text>
      {(save.error ?? split.error) && <GridError error={save.error ?? split.error} />}
      <div className="table-scroll">
        <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={2} horizontalSpacing={4} data-testid="targets-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={180}>{t('plans.admin.unitCol')}</Table.Th>
              {years.map((y) => <Table.Th key={y} ta="center" miw={64}>{y}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{unitLabel(u)}{u.validTo ? ` (–${u.validTo.slice(0, 4)})` : ''}</Table.Td>
                {years.map((y) => (
                  <Table.Td key={y} p={2}>
                    {exists(u, y) ? (
                      <NumberInput
                        size="xs" hideControls min={0} clampBehavior="none" decimalScale={1} allowNegative={false}
                        suffix={isPercent ? '%' : undefined} disabled={!canManage}
                        aria-label={`${unitLabel(u)} ${y}`}
                        value={value(u.id, y) ?? ''}
                        onChange={(v) => setEdits((e) => ({ ...e, [key(u.id, y)]: v === '' ? null : Number(v) }))}
                        error={isPercent && (value(u.id, y) ?? 0) > 100}
                      />
                    ) : <Text size="xs" c="dimmed" ta="center">—</Text>}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {canManage && (
        <>
          <Group align="flex-end" gap="sm">
            <UnitSelect label={t('plans.admin.addUnit')} includeEnded kinds={['province', 'district', ...COMMUNE_LEVEL_KINDS]} value={null}
              onChange={(v) => v && setExtraUnits((list) => (list.includes(v) ? list : [...list, v]))} w={320} />
            <Button onClick={onSave} disabled={changed.length === 0} loading={save.isPending} data-testid="save-targets">{t('plans.admin.saveTargets')}</Button>
          </Group>
          {splitSources.length > 0 && (
            <Alert color="blue" variant="light" title={t('plans.admin.split')}>
              <Group align="flex-end" gap="sm">
                <Select label={t('plans.admin.unitCol')} data={splitSources.map((u) => ({ value: u.id, label: unitLabel(u) }))} value={splitUnit} onChange={setSplitUnit} w={240} />
                <Select label={t('plans.admin.year')} data={years.map(String)} value={splitYear} onChange={setSplitYear} w={110} />
                <Button variant="light" onClick={onSplit} disabled={!splitYear || !splitUnit} loading={split.isPending}>{t('plans.admin.split')}</Button>
              </Group>
              <Text size="xs" mt={6}>{t('plans.admin.splitHint', { year: splitYear ?? '…', unit: splitUnitName })}</Text>
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}

/** The server's reason, and each distinct problem it found in the grid (the whole grid was refused). */
function GridError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const messages = isApiError(error) ? [...new Set(error.issues.map((i) => i.message))] : [];
  return (
    <Alert color="red" title={t('errors.formTitle')} role="alert">
      {errorText(error)}
      {messages.length > 1 && (
        <List size="sm" mt={4}>
          {messages.map((m) => <List.Item key={m}>{m}</List.Item>)}
        </List>
      )}
    </Alert>
  );
}
