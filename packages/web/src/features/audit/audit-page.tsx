// The audit log: who did what and when, filtered by action and dates, with the chain check for those
// allowed to run it.
import { Center, Loader, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { QueryError } from '../../components/query-error';
import { AuditFiltersBar } from './audit-filters';
import { AuditList } from './audit-list';
import { AuditVerifyPanel } from './audit-verify';
import { SecurityPanel } from './security-panel';
import { AUDIT_PAGE_SIZE, auditKeys, listAudit } from './audit-api';
import { useAuditFilters } from './use-audit-filters';

export function AuditPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [filters, setFilters] = useAuditFilters();
  const entries = useQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal }) => listAudit(filters, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      {can('audit.verify') && <AuditVerifyPanel />}
      {can('users.manage') && can('audit.read') && <SecurityPanel />}
      <AuditFiltersBar filters={filters} onChange={setFilters} />
      {entries.isError && <QueryError error={entries.error} onRetry={() => void entries.refetch()} />}
      {entries.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : (
        entries.data && (
          <div aria-busy={entries.isFetching}>
            {entries.data.items.length === 0 ? (
              <Text c="dimmed" py="lg">
                {t('common.empty')}
              </Text>
            ) : (
              <AuditList entries={entries.data.items} />
            )}
            <Pager page={filters.page} pageSize={AUDIT_PAGE_SIZE} total={entries.data.total} onChange={(page) => setFilters({ page })} />
          </div>
        )
      )}
    </>
  );
}
