// One indicator on the dashboard: its value for the year against the target, with the status, the
// numerator and denominator and the definition (so the arithmetic can be checked); its trend by year and
// the communes compared, each chart with its table beside it.
import { MEASURE_LABELS, type DashboardIndicator, type DashboardView, type IndicatorCell, type IndicatorStatus } from '@binhan/domain';
import { Badge, Box, Button, Grid, Group, Paper, Spoiler, Stack, Table, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from './echart';
import { formatCount, formatIndicator, STATUS_COLORS, STATUS_HEX } from './format';

export function StatusBadge({ status }: { status: IndicatorStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant={status === 'no_data' || status === 'no_target' ? 'outline' : 'filled'} data-status={status}>
      {t(`plans.status.${status}`)}
    </Badge>
  );
}

interface Props {
  item: DashboardIndicator;
  view: DashboardView;
  onDrill: (unit: { id: string; name: string }) => void;
}

type SortKey = 'unit' | 'value' | 'target' | 'status';

export function IndicatorSection({ item, view, onDrill }: Props) {
  const { t, i18n } = useTranslation();
  const isEn = i18n.language === 'en';
  const name = isEn ? item.indicator.nameEn : item.indicator.nameVi;
  const definition = isEn ? item.indicator.definitionEn : item.indicator.definitionVi;
  const kind = item.indicator.targetKind;
  const f = (value: number | null) => formatIndicator(value, kind);
  const current = item.current;
  const labels = MEASURE_LABELS[isEn ? 'en' : 'vi'];
  const modules = item.missingModules.map((m) => t(`plans.modules.${m as 'cases'}`)).join(', ');
  const headingId = `indicator-${item.indicator.id}`;

  const header = (
    <Stack gap={6}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Badge variant="light" size="lg" radius="sm">{item.indicator.code}</Badge>
        <Title order={2} size="h4" id={headingId} style={{ lineHeight: 1.3 }}>{name}</Title>
      </Group>
      <Text size="sm" c="dimmed">{t('plans.card.yearValue', { year: item.year })}</Text>
      <Group gap="sm" align="baseline">
        <Text fz={current.value === null ? 22 : 32} fw={700} lh={1.1} data-testid="indicator-value">
          {!current.available ? t('plans.card.notAvailable') : current.value === null ? t('plans.card.noCases') : f(current.value)}
        </Text>
        <StatusBadge status={current.status} />
      </Group>
      {!current.available && <Text size="sm" c="orange.9">{t('plans.card.notAvailableHint', { modules })}</Text>}
      <Text size="sm" data-testid="indicator-target">
        {current.target === null ? t('plans.card.noTarget') : t('plans.card.target', { value: f(current.target) })}
        {current.expected !== null && current.status !== 'met' && current.target !== null && current.expected !== current.target ? ` · ${t('plans.card.expected', { value: f(current.expected) })}` : ''}
      </Text>
      {item.period.available && view.fromYear !== view.toYear && (
        <Text size="sm">
          {item.period.value === null
            ? t('plans.card.periodNone', { from: view.fromYear, to: view.toYear })
            : kind === 'count'
              ? t('plans.card.periodCount', { from: view.fromYear, to: view.toYear, value: f(item.period.value) })
              : t('plans.card.period', { from: view.fromYear, to: view.toYear, value: f(item.period.value), numerator: formatCount(item.period.numerator), denominator: formatCount(item.period.denominator) })}
        </Text>
      )}
    </Stack>
  );
  const details = (
    <Stack gap={6}>
      {current.available && (
        <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} fz="sm" data-testid="indicator-fraction">
          <Table.Tbody>
            <Table.Tr>
              <Table.Td c="dimmed" w={90} valign="top">{t('plans.card.numerator')}</Table.Td>
              <Table.Td fw={700} ta="right" w={70} pr="sm" valign="top">{formatCount(current.numerator)}</Table.Td>
              <Table.Td>{labels[item.indicator.numeratorKey]}</Table.Td>
            </Table.Tr>
            {item.indicator.denominatorKey && (
              <Table.Tr>
                <Table.Td c="dimmed" valign="top">{t('plans.card.denominator')}</Table.Td>
                <Table.Td fw={700} ta="right" pr="sm" valign="top">{formatCount(current.denominator)}</Table.Td>
                <Table.Td>{labels[item.indicator.denominatorKey]}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      )}
      {(item.goal || item.baseline) && (
        <Text size="xs" c="dimmed">
          {[item.goal && t('plans.card.goal', { year: item.goal.year, value: f(item.goal.value) }), item.baseline && t('plans.card.baseline', { year: item.baseline.year, value: f(item.baseline.value) })].filter(Boolean).join(' · ')}
        </Text>
      )}
      <Box>
        <Text size="sm" fw={600}>{t('plans.card.definition')}</Text>
        <Spoiler maxHeight={66} showLabel="…" hideLabel="▲" className="plan-definition">
          <Text size="sm">{definition}</Text>
        </Spoiler>
      </Box>
    </Stack>
  );

  return (
    <Paper withBorder p="md" radius="md" className="plan-indicator" component="section" aria-labelledby={headingId} data-testid={`indicator-${item.indicator.code}`}>
      <Grid gap="md" className="plan-card">
        <Grid.Col span={{ base: 12, md: 5 }}>{header}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>{details}</Grid.Col>
      </Grid>
      <Grid gap="md" mt="md">
        {/* With no figure at all (no module, or nothing recorded) there is nothing to chart: the card says why, once. */}
        {item.trend.some((p) => p.value !== null) || item.communes.some((c) => c.value !== null) ? (
          <>
            <Grid.Col span={12}>
              <TrendBlock item={item} name={name} unitName={view.unit?.name ?? ''} />
            </Grid.Col>
            <Grid.Col span={12}>
              <CommunesBlock item={item} name={name} onDrill={onDrill} />
            </Grid.Col>
          </>
        ) : current.available ? (
          <Grid.Col span={12}><Text size="sm" c="dimmed">{t('plans.card.noFigures')}</Text></Grid.Col>
        ) : null}
      </Grid>
    </Paper>
  );
}

function TrendBlock({ item, name, unitName }: { item: DashboardIndicator; name: string; unitName: string }) {
  const { t, i18n } = useTranslation();
  const kind = item.indicator.targetKind;
  const f = (value: number | null) => formatIndicator(value, kind);
  const option = useMemo<ChartOption>(() => ({
    grid: { left: 44, right: 12, top: 30, bottom: 28 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, itemHeight: 8, textStyle: { fontSize: 11 } },
    xAxis: { type: 'category', data: item.trend.map((p) => String(p.year)) },
    yAxis: { type: 'value', min: 0, ...(kind === 'percent' ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}) },
    series: [
      {
        name: t('plans.trend.value'), type: 'bar', barMaxWidth: 36, itemStyle: { color: '#868e96' },
        data: item.trend.map((p) => ({ value: p.value === null ? null : Math.round(p.value * 10) / 10, itemStyle: { color: STATUS_HEX[p.status] } })),
        label: { show: true, position: 'top', fontSize: 10, formatter: (x: { value: number | null }) => (x.value === null ? '' : f(x.value)) },
      },
      { name: t('plans.trend.target'), type: 'line', step: 'middle', symbol: 'none', lineStyle: { type: 'dashed', color: '#1c7ed6', width: 2 }, itemStyle: { color: '#1c7ed6' }, data: item.trend.map((p) => p.target) },
      { name: t('plans.trend.expected'), type: 'line', symbol: 'circle', symbolSize: 4, lineStyle: { type: 'dotted', color: '#868e96' }, itemStyle: { color: '#868e96' }, data: item.trend.map((p) => (p.expected === null ? null : Math.round(p.expected * 10) / 10)) },
    ],
    // The language is part of the labels.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [item, kind, i18n.language]);
  const title = `${item.indicator.code} — ${t('plans.trend.title')} — ${unitName}`;
  return (
    <Grid gap="sm" className="plan-chart-block">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Text size="sm" fw={600}>{t('plans.trend.title')}</Text>
        <EChart option={option} height={210} title={`${name}: ${t('plans.trend.title')}`} fileName={title} testId={`trend-chart-${item.indicator.code}`} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <div className="table-scroll">
          <Table striped fz="xs" verticalSpacing={4} horizontalSpacing={6} aria-label={`${item.indicator.code} — ${t('plans.trend.title')}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plans.trend.year')}</Table.Th>
                <Table.Th ta="right">{t('plans.card.fraction', { numerator: t('plans.card.numerator'), denominator: t('plans.card.denominator') })}</Table.Th>
                <Table.Th ta="right">{t('plans.trend.value')}</Table.Th>
                <Table.Th ta="right">{t('plans.trend.target')}</Table.Th>
                <Table.Th>{t('plans.trend.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {item.trend.map((p) => (
                <Table.Tr key={p.year}>
                  <Table.Td>{p.year}</Table.Td>
                  <Table.Td ta="right">{fraction(p, kind)}</Table.Td>
                  <Table.Td ta="right" fw={600}>{p.available ? f(p.value) : '—'}</Table.Td>
                  <Table.Td ta="right">{f(p.target)}</Table.Td>
                  <Table.Td><Text size="xs" c={`${STATUS_COLORS[p.status]}.8`} style={{ whiteSpace: 'nowrap' }}>{t(`plans.status.${p.status}`)}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Grid.Col>
    </Grid>
  );
}

function fraction(cell: IndicatorCell, kind: string): string {
  if (!cell.available) return '—';
  if (kind === 'count' || cell.denominator === null) return formatCount(cell.numerator);
  return `${formatCount(cell.numerator)}/${formatCount(cell.denominator)}`;
}

const STATUS_ORDER: IndicatorStatus[] = ['met', 'on_track', 'off_track', 'no_target', 'no_data'];

function CommunesBlock({ item, name, onDrill }: { item: DashboardIndicator; name: string; onDrill: Props['onDrill'] }) {
  const { t, i18n } = useTranslation();
  const kind = item.indicator.targetKind;
  const f = (value: number | null) => formatIndicator(value, kind);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'value', descending: true });
  // In the units of a year cut by a reorganisation two units can share a name (Côn Minh until 30/6/2025 and the
  // Côn Minh formed on 1/7/2025): those are told apart by code and years.
  const label = useMemo(() => {
    const counts = new Map<string, number>();
    for (const c of item.communes) counts.set(c.unit.name, (counts.get(c.unit.name) ?? 0) + 1);
    return (unit: DashboardIndicator['communes'][number]['unit']) => ((counts.get(unit.name) ?? 0) > 1
      ? `${unit.name} (${unit.code}, ${unit.validFrom.slice(0, 4)}–${unit.validTo?.slice(0, 4) ?? ''})`
      : unit.name);
  }, [item.communes]);
  const rows = useMemo(() => {
    const collator = new Intl.Collator('vi');
    const nullsLast = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : null);
    const sorted = [...item.communes].sort((a, b) => {
      const sign = sort.descending ? -1 : 1;
      if (sort.key === 'unit') return sign * collator.compare(a.unit.name, b.unit.name);
      if (sort.key === 'status') return sign * (STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status)) || collator.compare(a.unit.name, b.unit.name);
      const x = sort.key === 'value' ? a.value : a.target;
      const y = sort.key === 'value' ? b.value : b.target;
      return nullsLast(x, y) ?? (sign * ((x as number) - (y as number)) || collator.compare(a.unit.name, b.unit.name));
    });
    return sorted;
  }, [item.communes, sort]);
  const chartRows = useMemo(() => [...item.communes].sort((a, b) => new Intl.Collator('vi').compare(a.unit.name, b.unit.name)), [item.communes]);
  const option = useMemo<ChartOption>(() => ({
    grid: { left: 110, right: 40, top: 8, bottom: 20 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: { type: 'category', inverse: true, data: chartRows.map((c) => label(c.unit)), axisLabel: { fontSize: 11 } },
    xAxis: { type: 'value', min: 0, ...(kind === 'percent' ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}) },
    series: [
      {
        name: t('plans.trend.value'), type: 'bar', barMaxWidth: 16,
        data: chartRows.map((c) => ({ value: c.value === null ? null : Math.round(c.value * 10) / 10, itemStyle: { color: STATUS_HEX[c.status] } })),
        label: { show: true, position: 'right', fontSize: 10, formatter: (x: { value: number | null }) => (x.value === null ? '' : f(x.value)) },
        markLine: item.current.target === null ? undefined : {
          symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#1c7ed6', width: 2 },
          label: { formatter: t('plans.trend.target'), fontSize: 10, position: 'start' }, data: [{ xAxis: item.current.target }],
        },
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [chartRows, label, kind, i18n.language, item.current.target]);

  if (item.communes.length === 0) return <Text size="sm" c="dimmed">{t('plans.communes.none')}</Text>;
  const title = t('plans.communes.title', { year: item.year });
  const header = (key: SortKey, label: string, align: 'left' | 'right' = 'left') => (
    <Table.Th ta={align} aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton
        fz="xs" fw={700}
        onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== 'unit' }))}
        aria-label={t('plans.communes.sortBy', { column: label })}
      >
        {label} {sort.key === key ? (sort.descending ? '▼' : '▲') : '↕'}
      </UnstyledButton>
    </Table.Th>
  );
  return (
    <Grid gap="sm" className="plan-chart-block">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Text size="sm" fw={600}>{title}</Text>
        <EChart option={option} height={Math.max(160, 22 * chartRows.length + 40)} title={`${name}: ${title}`} fileName={`${item.indicator.code} — ${title}`} testId={`communes-chart-${item.indicator.code}`} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <div className="table-scroll">
          <Table striped highlightOnHover fz="xs" verticalSpacing={3} horizontalSpacing={6} data-testid={`communes-table-${item.indicator.code}`} aria-label={`${item.indicator.code} — ${title}`}>
            <Table.Thead>
              <Table.Tr>
                {header('unit', t('plans.communes.unit'))}
                <Table.Th ta="right">{t('plans.card.fraction', { numerator: t('plans.card.numerator'), denominator: t('plans.card.denominator') })}</Table.Th>
                {header('value', t('plans.trend.value'), 'right')}
                {header('target', t('plans.trend.target'), 'right')}
                {header('status', t('plans.trend.status'))}
                <Table.Th className="no-print" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.unit.id}>
                  <Table.Td>
                    {label(c.unit)}
                    {c.partial && (
                      <Tooltip label={t('plans.communes.partialHint')} multiline w={260}>
                        <Text span size="xs" c="dimmed"> ({t('plans.communes.partial')})</Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{fraction(c, kind)}</Table.Td>
                  <Table.Td ta="right" fw={600}>{c.available ? f(c.value) : '—'}</Table.Td>
                  <Table.Td ta="right">{f(c.target)}</Table.Td>
                  <Table.Td><Text size="xs" c={`${STATUS_COLORS[c.status]}.8`} style={{ whiteSpace: 'nowrap' }}>{t(`plans.status.${c.status}`)}</Text></Table.Td>
                  <Table.Td className="no-print">
                    {c.available && c.numerator !== null && (c.denominator ?? c.numerator) > 0 && (
                      <Button size="compact-xs" variant="light" onClick={() => onDrill({ id: c.unit.id, name: label(c.unit) })}
                        aria-label={t('plans.communes.drillAria', { indicator: item.indicator.code, unit: label(c.unit), year: item.year })}>
                        {t('plans.communes.drill')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Grid.Col>
    </Grid>
  );
}
