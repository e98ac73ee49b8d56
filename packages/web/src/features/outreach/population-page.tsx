// Population figures for a unit's area and a year, one audience group at a time: a grid to type them
// (by sex where known, always with a source) and a workbook import with its report of refused rows.
import type { AudienceGroup, PopulationGrid } from '@binhan/domain';
import { Alert, Button, Card, FileInput, Group, Loader, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { errorText, isApiError } from '../../lib/api';
import { formatNumber, todayIso } from '../../lib/format';
import { UnitSelect } from '../admin-units/unit-select';
import { useLocale } from '../cases/case-labels';
import { ACTIVITY_UNIT_KINDS, groupOptions } from './labels';
import { downloadFile, outreachKeys, savePopulation, uploadWorkbook, usePopulation, type PopulationImportResult } from './outreach-api';

interface Cell {
  total: number | string;
  female: number | string;
  male: number | string;
  source: string;
}

const key = (unitId: string, group: string) => `${unitId}|${group}`;
const num = (v: number | string): number | null => (typeof v === 'number' ? v : v.trim() === '' ? null : Number(v));

function cellsOf(grid: PopulationGrid | undefined): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  for (const f of grid?.figures ?? []) cells[key(f.unitId, f.group)] = { total: f.total, female: f.female ?? '', male: f.male ?? '', source: f.source };
  return cells;
}

export function PopulationPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { me } = useSession();
  const thisYear = Number(todayIso().slice(0, 4));
  const [unitId, setUnitId] = useState<string | null>(me?.unit?.id ?? null);
  const [year, setYear] = useState(thisYear);
  const [group, setGroup] = useState<AudienceGroup>('residents');
  const grid = usePopulation(unitId, year);
  const years = Array.from({ length: thisYear - 2015 }, (_, i) => String(thisYear + 1 - i));
  return (
    <Stack gap="md" maw={1100}>
      <PageHeader title={t('outreach.population.title')} intro={t('outreach.population.intro')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <UnitSelect label={t('outreach.population.unit')} value={unitId} onChange={(v) => v && setUnitId(v)} kinds={ACTIVITY_UNIT_KINDS} includeEnded />
        <Select label={t('outreach.population.year')} data={years} value={String(year)} onChange={(v) => v && setYear(Number(v))} allowDeselect={false} />
        <Select label={t('outreach.population.group')} data={groupOptions(locale)} value={group} onChange={(v) => v && setGroup(v)} allowDeselect={false} data-testid="population-group" />
      </SimpleGrid>
      {grid.isError && <QueryError error={grid.error} onRetry={() => void grid.refetch()} />}
      {/* While another unit's or year's figures load, the previous grid is not offered for editing: what
          was typed into it would be lost when the right figures arrive. */}
      {grid.data && grid.isPlaceholderData && <Loader size="sm" aria-label={t('outreach.population.title')} />}
      {grid.data && !grid.isPlaceholderData && <GridEditor key={`${unitId}|${year}|${grid.dataUpdatedAt}`} grid={grid.data} unitId={unitId} group={group} />}
      <PopulationImport unitId={unitId} year={year} />
    </Stack>
  );
}

function GridEditor({ grid, unitId, group }: { grid: PopulationGrid; unitId: string | null; group: AudienceGroup }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [original] = useState(() => cellsOf(grid));
  const [cells, setCells] = useState(original);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const edit = (unit: string, patch: Partial<Cell>) =>
    setCells((c) => ({ ...c, [key(unit, group)]: { ...(c[key(unit, group)] ?? { total: '', female: '', male: '', source: '' }), ...patch } }));
  const changedKeys = Object.keys(cells).filter((k) => JSON.stringify(cells[k]) !== JSON.stringify(original[k]));

  const save = async () => {
    setFormError(null);
    const found: Record<string, string> = {};
    const figures = [];
    const removals = [];
    for (const k of changedKeys) {
      const [u = '', g = ''] = k.split('|');
      const c = cells[k] as Cell;
      const total = num(c.total);
      if (total === null) {
        if (original[k]) removals.push({ unitId: u, group: g as AudienceGroup });
        continue;
      }
      if (c.source.trim() === '') found[`${k}|source`] = t('outreach.population.sourceRequired');
      figures.push({ unitId: u, group: g as AudienceGroup, total, female: num(c.female), male: num(c.male), source: c.source.trim() });
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (figures.length === 0 && removals.length === 0) {
      notifications.show({ message: t('outreach.population.noChanges') });
      return;
    }
    setIsSaving(true);
    try {
      await savePopulation(unitId, { year: grid.year, figures, removals });
      notifications.show({ color: 'teal', message: t('outreach.population.saved') });
      await queryClient.invalidateQueries({ queryKey: outreachKeys.all });
    } catch (error) {
      if (isApiError(error)) {
        const mapped: Record<string, string> = {};
        for (const issue of error.issues) {
          const m = /^figures\.(\d+)\.(\w+)$/.exec(issue.path);
          const f = m ? figures[Number(m[1])] : undefined;
          if (f) mapped[`${key(f.unitId, f.group)}|${m?.[2] === 'source' ? 'source' : 'total'}`] = issue.message;
        }
        setErrors(mapped);
      }
      setFormError(errorText(error));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Card withBorder padding="sm">
      <Table.ScrollContainer minWidth={720}>
        <Table data-testid="population-grid" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('outreach.population.unitColumn')}</Table.Th>
              <Table.Th w={120}>{t('outreach.population.total')}</Table.Th>
              <Table.Th w={110}>{t('outreach.population.female')}</Table.Th>
              <Table.Th w={110}>{t('outreach.population.male')}</Table.Th>
              <Table.Th>{t('outreach.population.source')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grid.units.map((u, index) => {
              const k = key(u.id, group);
              const c = cells[k] ?? { total: '', female: '', male: '', source: '' };
              const label = `${u.name} (${u.code})`;
              return (
                <Table.Tr key={u.id}>
                  <Table.Td fw={index === 0 ? 700 : undefined}>{label}</Table.Td>
                  <Table.Td>
                    <NumberInput aria-label={`${t('outreach.population.total')} — ${label}`} value={c.total} onChange={(v) => edit(u.id, { total: v })} min={0} allowDecimal={false} thousandSeparator="." decimalSeparator="," hideControls error={errors[`${k}|total`]} />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput aria-label={`${t('outreach.population.female')} — ${label}`} value={c.female} onChange={(v) => edit(u.id, { female: v })} min={0} allowDecimal={false} thousandSeparator="." decimalSeparator="," hideControls />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput aria-label={`${t('outreach.population.male')} — ${label}`} value={c.male} onChange={(v) => edit(u.id, { male: v })} min={0} allowDecimal={false} thousandSeparator="." decimalSeparator="," hideControls />
                  </Table.Td>
                  <Table.Td>
                    <TextInput aria-label={`${t('outreach.population.source')} — ${label}`} value={c.source} placeholder={t('outreach.population.sourcePlaceholder', { year: grid.year })} onChange={(e) => edit(u.id, { source: e.currentTarget.value })} error={errors[`${k}|source`]} maxLength={300} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {formError && <Alert color="red" mt="sm" role="alert">{formError}</Alert>}
      <Group mt="sm" gap="sm">
        <Button onClick={() => void save()} loading={isSaving}>{t('outreach.population.save')}</Button>
        {changedKeys.length > 0 && <Text size="sm" c="orange.8">{t('outreach.population.unsaved')}</Text>}
      </Group>
    </Card>
  );
}

function PopulationImport({ unitId, year }: { unitId: string | null; year: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<PopulationImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const send = async (onlyValidRows: boolean) => {
    if (!file) return;
    setIsBusy(true);
    setError(null);
    try {
      const answer = await uploadWorkbook<PopulationImportResult>(`/api/population/import?year=${year}&onlyValidRows=${onlyValidRows}`, file, () => undefined);
      setResult(answer);
      if (answer.imported > 0) await queryClient.invalidateQueries({ queryKey: outreachKeys.all });
    } catch (cause) {
      setError(errorText(cause));
      setResult(null);
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">{t('outreach.population.importTitle')}</Title>
        <Group gap="sm" align="flex-end">
          <Button variant="default" onClick={() => void downloadFile(`/api/population/template?year=${year}${unitId ? `&unitId=${unitId}` : ''}`, `dan-so-${year}.xlsx`).catch((cause: unknown) => setError(errorText(cause)))}>
            {t('outreach.population.template')}
          </Button>
          <FileInput label={t('outreach.population.file')} accept=".xlsx" value={file} onChange={(f) => { setFile(f); setResult(null); }} clearable style={{ flex: '1 1 240px' }} />
          <Button onClick={() => void send(false)} disabled={file === null} loading={isBusy}>{t('outreach.population.upload')}</Button>
        </Group>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        {result && result.imported > 0 && <Alert color="teal">{t('outreach.population.imported', { n: formatNumber(result.imported) })}</Alert>}
        {result && result.rejectedRows > 0 && (
          <>
            {result.imported === 0 && <Alert color="orange">{t('outreach.population.rejected', { n: formatNumber(result.rejectedRows) })}</Alert>}
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>{t('outreach.population.row')}</Table.Th>
                  <Table.Th w={200}>{t('outreach.population.column')}</Table.Th>
                  <Table.Th>{t('outreach.population.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.rejections.map((r, i) => (
                  <Table.Tr key={`${r.row}-${i}`}>
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td>{r.column}</Table.Td>
                    <Table.Td>{r.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {result.imported === 0 && result.rows > result.rejectedRows && (
              <Button variant="light" color="orange" onClick={() => void send(true)} loading={isBusy} style={{ alignSelf: 'flex-start' }}>
                {t('outreach.population.importValid')}
              </Button>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

