// "Kế hoạch và chỉ tiêu": the list of plans; a plan manager adds one here.
import { Anchor, Button, Loader, Paper, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { formatDate } from '../../lib/format';
import { PlanFormModal } from './plan-form-modal';
import { usePlans } from './plans-api';

export function PlansPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const plans = usePlans();
  const [isCreating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('plans.admin.title')}
        intro={t('plans.admin.intro')}
        actions={can('plans.manage') && <Button onClick={() => setCreating(true)}>{t('plans.admin.newPlan')}</Button>}
      />
      {plans.isPending ? (
        <Loader aria-label={t('app.loading')} />
      ) : plans.isError ? (
        <QueryError error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.items.length === 0 ? (
        <Text c="dimmed">{t('plans.admin.none')}</Text>
      ) : (
        <Paper withBorder className="table-scroll">
          <Table striped highlightOnHover data-testid="plans-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plans.admin.code')}</Table.Th>
                <Table.Th>{t('plans.admin.titleVi')}</Table.Th>
                <Table.Th>{t('plans.admin.period')}</Table.Th>
                <Table.Th>{t('plans.admin.issuer')}</Table.Th>
                <Table.Th>{t('plans.admin.indicators')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td><Anchor component={Link} to={`/plans/${p.id}`} fw={600}>{p.code}</Anchor></Table.Td>
                  <Table.Td>{i18n.language === 'en' && p.titleEn ? p.titleEn : p.titleVi}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.fromYear}–{p.toYear}{p.visionYear ? ` (→${p.visionYear})` : ''}</Table.Td>
                  <Table.Td>{p.issuer}<Text size="xs" c="dimmed">{formatDate(p.issuedOn)}</Text></Table.Td>
                  <Table.Td>{t('plans.admin.indicatorCount', { count: p.indicatorCount })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {isCreating && <PlanFormModal plan={null} onClose={() => setCreating(false)} onSaved={(plan) => void navigate(`/plans/${plan.id}`)} />}
    </>
  );
}
