// "Bảng theo dõi chỉ tiêu": for a plan, a period and a unit, every indicator against its target with its
// status, trend and the communes compared; drill-down behind each commune's value; PNG of every chart; a
// clean A4 print. The choices live in the address, so a link or Back brings the same view.
import { COMMUNE_LEVEL_KINDS, type DashboardIndicator, type PlanSummary } from '@binhan/domain';
import { Alert, Button, Grid, Group, Loader, List, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { formatDate, formatTime, todayIso } from '../../lib/format';
import { UnitSelect } from '../admin-units/unit-select';
import { DrilldownModal } from './drilldown-modal';
import { IndicatorSection } from './indicator-section';
import { useDashboard, usePlans } from './plans-api';
import './dashboard.css';

const UNIT_KINDS = ['province', 'district', ...COMMUNE_LEVEL_KINDS];
const MAX_YEARS = 15;

function defaultPlan(plans: PlanSummary[], year: number): PlanSummary | undefined {
  return plans.find((p) => p.fromYear <= year && year <= Math.max(p.toYear, p.visionYear ?? p.toYear)) ?? plans[0];
}

/** The plan's first year to this year when the plan (or its vision) still runs, else the plan's own period. */
function defaultYears(plan: PlanSummary, year: number): [number, number] {
  const last = Math.max(plan.toYear, plan.visionYear ?? plan.toYear);
  const to = year >= plan.fromYear && year <= last ? Math.max(year, plan.toYear) : plan.toYear;
  return [Math.max(plan.fromYear, to - MAX_YEARS + 1), to];
}

function yearParam(value: string | null): number | null {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : null;
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const thisYear = Number(todayIso().slice(0, 4));
  const [params, setParams] = useSearchParams();
  const plans = usePlans();
  const [drill, setDrill] = useState<{ indicator: DashboardIndicator; unit: { id: string; name: string } } | null>(null);

  const plan = useMemo(() => {
    const items = plans.data?.items ?? [];
    return items.find((p) => p.id === params.get('plan')) ?? defaultPlan(items, thisYear);
  }, [plans.data, params, thisYear]);
  const [defaultFrom, defaultTo] = plan ? defaultYears(plan, thisYear) : [thisYear, thisYear];
  const fromYear = yearParam(params.get('from')) ?? defaultFrom;
  const toYear = yearParam(params.get('to')) ?? defaultTo;
  const unitId = params.get('unit');
  const chosen = params.get('units');
  const asked = chosen === 'today' || chosen === 'then' ? chosen : undefined;
  const periodValid = toYear >= fromYear && toYear - fromYear < MAX_YEARS;
  const dashboard = useDashboard(plan && periodValid ? { planId: plan.id, unitId, fromYear, toYear, units: asked } : null);

  const set = (change: Record<string, string | null>) => {
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(change)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
      }
      return next;
    }, { replace: true });
  };

  const yearOptions = useMemo(() => {
    const first = Math.min(2015, plan?.fromYear ?? 2015);
    const last = Math.max(thisYear, plan?.visionYear ?? plan?.toYear ?? thisYear);
    return Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
  }, [plan, thisYear]);

  if (plans.isPending) return <Loader aria-label={t('app.loading')} />;
  if (plans.isError) return <QueryError error={plans.error} onRetry={() => void plans.refetch()} />;
  if (!plan) {
    return (
      <>
        <PageHeader title={t('plans.dashboard.title')} />
        <Alert color="gray">{t('plans.dashboard.noPlans')}</Alert>
      </>
    );
  }

  const view = dashboard.data;
  // The view the figures follow: the one asked for, else the server's default for the unit.
  const units = asked ?? view?.units ?? 'then';
  const isEn = i18n.language === 'en';
  const planTitle = isEn && plan.titleEn ? plan.titleEn : plan.titleVi;

  return (
    <>
      <div className="no-print">
        <PageHeader
          title={t('plans.dashboard.title')}
          intro={t('plans.dashboard.intro')}
          actions={<Button variant="default" onClick={() => window.print()} data-testid="print-dashboard">{t('plans.dashboard.print')}</Button>}
        />
        <Paper withBorder p="sm" mb="md">
          <Grid gap="sm" align="flex-end">
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Select
                label={t('plans.dashboard.plan')}
                data={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} (${p.fromYear}–${p.toYear})` }))}
                value={plan.id}
                allowDeselect={false}
                onChange={(value) => set({ plan: value, from: null, to: null })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 1.5 }}>
              <Select label={t('plans.dashboard.fromYear')} data={yearOptions} value={String(fromYear)} allowDeselect={false} onChange={(value) => set({ from: value })} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, md: 1.5 }}>
              <Select label={t('plans.dashboard.toYear')} data={yearOptions} value={String(toYear)} allowDeselect={false} onChange={(value) => set({ to: value })}
                error={periodValid ? undefined : t('plans.dashboard.periodInvalid')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <UnitSelect
                label={t('plans.dashboard.unit')}
                placeholder={t('plans.dashboard.unitDefault')}
                kinds={UNIT_KINDS}
                includeEnded
                value={unitId}
                onChange={(value) => set({ unit: value })}
                data-testid="dashboard-unit"
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Group gap="sm">
                <Text size="sm" fw={500}>{t('plans.dashboard.compare')}</Text>
                <SegmentedControl
                  size="xs"
                  value={units}
                  onChange={(value) => set({ units: value === 'today' ? 'today' : 'then' })}
                  data={[{ value: 'then', label: t('plans.dashboard.compareThen') }, { value: 'today', label: t('plans.dashboard.compareToday') }]}
                />
              </Group>
            </Grid.Col>
          </Grid>
        </Paper>
      </div>

      <Stack gap={2} mb="sm">
        <Title order={2} size="h4" className="plan-print-only">{t('plans.dashboard.title')}</Title>
        <Text fw={600}>{plan.code} — {planTitle}</Text>
        <Text size="sm" c="dimmed">
          {t('plans.dashboard.issued', { date: formatDate(plan.issuedOn), issuer: plan.issuer })} · {t('plans.dashboard.planPeriod', { from: plan.fromYear, to: plan.toYear })}
          {plan.visionYear ? `, ${t('plans.dashboard.vision', { year: plan.visionYear })}` : ''}
        </Text>
        {view && (
          <Text size="sm">
            <b>{view.unit?.name}</b> · {view.fromYear === view.toYear ? view.toYear : `${view.fromYear}–${view.toYear}`} · {units === 'today' ? t('plans.dashboard.compareToday') : t('plans.dashboard.compareThen')}
          </Text>
        )}
        {view && <Text size="xs" c="dimmed">{t('plans.dashboard.computedAt', { time: formatTime(view.computedAt), date: formatDate(view.computedAt) })}</Text>}
      </Stack>

      {!periodValid ? (
        <Alert color="orange">{t('plans.dashboard.periodInvalid')}</Alert>
      ) : dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : !view ? (
        <Loader aria-label={t('app.loading')} />
      ) : (
        <Stack gap="md" style={{ opacity: dashboard.isFetching ? 0.6 : 1 }} data-testid="dashboard">
          {view.indicators.map((item) => (
            <IndicatorSection key={item.indicator.id} item={item} view={view} onDrill={(unit) => setDrill({ indicator: item, unit })} />
          ))}
          <Paper withBorder p="sm" className="plan-indicator">
            <Text size="sm" fw={600} mb={4}>{t('plans.dashboard.statusLegend')}</Text>
            <List size="xs" spacing={2}>
              {(['met', 'on_track', 'off_track', 'no_data', 'no_target'] as const).map((s) => <List.Item key={s}>{t(`plans.statusHelp.${s}`)}</List.Item>)}
            </List>
          </Paper>
        </Stack>
      )}
      {drill && view && (
        <DrilldownModal
          planId={plan.id}
          indicator={{ id: drill.indicator.indicator.id, code: drill.indicator.indicator.code, targetKind: drill.indicator.indicator.targetKind }}
          unit={drill.unit}
          year={view.toYear}
          units={view.units}
          onClose={() => setDrill(null)}
        />
      )}
    </>
  );
}
