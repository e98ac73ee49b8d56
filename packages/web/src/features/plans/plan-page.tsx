// One plan: its particulars, its indicators (definitions, numerator and denominator) and the targets grid
// of the chosen indicator. Plan managers change them; other readers see the definitions behind the figures.
import { MEASURE_LABELS, type PlanIndicatorView } from '@binhan/domain';
import { Anchor, Badge, Button, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { ConfirmButton } from '../../components/confirm-button';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { formatDate } from '../../lib/format';
import { IndicatorFormModal } from './indicator-form-modal';
import { PlanFormModal } from './plan-form-modal';
import { useDeleteIndicator, usePlan } from './plans-api';
import { TargetsGrid } from './targets-grid';

export function PlanPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const canManage = can('plans.manage');
  const plan = usePlan(id);
  const remove = useDeleteIndicator(id);
  const [isEditing, setEditing] = useState(false);
  const [indicatorForm, setIndicatorForm] = useState<PlanIndicatorView | 'new' | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const isEn = i18n.language === 'en';
  const labels = MEASURE_LABELS[isEn ? 'en' : 'vi'];

  if (plan.isPending) return <Loader aria-label={t('app.loading')} />;
  if (plan.isError) return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  const current = p.indicators.find((i) => i.id === selected) ?? p.indicators[0];

  return (
    <>
      <Anchor component={Link} to="/plans" size="sm">← {t('plans.admin.back')}</Anchor>
      <PageHeader
        title={`${p.code}`}
        intro={isEn && p.titleEn ? p.titleEn : p.titleVi}
        actions={
          <>
            {can('indicators.read') && <Button variant="default" component={Link} to={`/dashboard?plan=${p.id}`}>{t('plans.admin.viewDashboard')}</Button>}
            {canManage && <Button variant="default" onClick={() => setEditing(true)}>{t('plans.admin.editPlan')}</Button>}
          </>
        }
      />
      <Stack gap="md">
        <Paper withBorder p="sm">
          <Text size="sm">
            {p.issuer}{p.issuingUnit ? ` (${p.issuingUnit.name})` : ''} · {t('plans.admin.issuedOn')}: {formatDate(p.issuedOn)} · {t('plans.admin.period')}: {p.fromYear}–{p.toYear}
            {p.visionYear ? ` · ${t('plans.admin.visionYear')} ${p.visionYear}` : ''}
          </Text>
          {p.description && <Text size="sm" c="dimmed">{p.description}</Text>}
        </Paper>

        <Paper withBorder p="sm">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">{t('plans.admin.indicators')}</Title>
            {canManage && <Button size="xs" onClick={() => setIndicatorForm('new')}>{t('plans.admin.addIndicator')}</Button>}
          </Group>
          {p.indicators.length === 0 ? (
            <Text size="sm" c="dimmed">{t('plans.admin.noIndicators')}</Text>
          ) : (
            <div className="table-scroll">
              <Table fz="sm" striped data-testid="indicators-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('plans.admin.indicatorCode')}</Table.Th>
                    <Table.Th>{t('plans.admin.nameVi')}</Table.Th>
                    <Table.Th>{t('plans.admin.numerator')} / {t('plans.admin.denominator')}</Table.Th>
                    <Table.Th>{t('plans.admin.targetKind')}</Table.Th>
                    {canManage && <Table.Th />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.indicators.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td><Badge variant="light">{i.code}</Badge></Table.Td>
                      <Table.Td>
                        {isEn ? i.nameEn : i.nameVi}
                        <Text size="xs" c="dimmed">{isEn ? i.definitionEn : i.definitionVi}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{labels[i.numeratorKey]}</Text>
                        {i.denominatorKey && <Text size="xs" c="dimmed">÷ {labels[i.denominatorKey]}</Text>}
                        {!i.available && <Badge size="xs" color="orange" variant="outline">{t('plans.admin.unavailable')}</Badge>}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`plans.admin.kinds.${i.targetKind}`)}</Table.Td>
                      {canManage && (
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Button size="compact-xs" variant="light" onClick={() => setIndicatorForm(i)}>{t('plans.admin.editIndicator')}</Button>
                            <ConfirmButton
                              size="compact-xs" color="red" variant="subtle"
                              label={t('plans.admin.deleteIndicator')}
                              message={t('plans.admin.deleteConfirm', { code: i.code })}
                              onConfirm={async () => {
                                await remove.mutateAsync(i.id);
                                notifications.show({ color: 'teal', message: t('plans.admin.deleted') });
                              }}
                            />
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </Paper>

        {current && (
          <Paper withBorder p="sm">
            <Title order={2} size="h4" mb="xs">{t('plans.admin.targets')}</Title>
            <SegmentedControl
              mb="sm"
              value={current.id}
              onChange={setSelected}
              data={p.indicators.map((i) => ({ value: i.id, label: i.code }))}
              aria-label={t('plans.admin.selectIndicator')}
            />
            <TargetsGrid key={current.id} plan={p} indicator={current} canManage={canManage} />
          </Paper>
        )}
      </Stack>
      {isEditing && <PlanFormModal plan={p} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      {indicatorForm && <IndicatorFormModal planId={p.id} indicator={indicatorForm === 'new' ? null : indicatorForm} onClose={() => setIndicatorForm(null)} />}
    </>
  );
}
