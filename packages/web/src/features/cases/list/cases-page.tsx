// Hồ sơ vụ việc: filters, sort and pages come from the server; a search by identity (for those allowed)
// replaces the list with its results until it is cleared.
import type { CaseListItem } from '@binhan/domain';
import { Button, Center, Group, Loader, Select, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../../app/session/session-context';
import { PageHeader } from '../../../components/page-header';
import { Pager } from '../../../components/pager';
import { QueryError } from '../../../components/query-error';
import { caseKeys, CASES_PAGE_SIZE, listCases, listQuery } from '../cases-api';
import { CaseFiltersBar } from './case-filters';
import { CaseList } from './case-list';
import { IdentitySearch } from './identity-search';
import { useCaseFilters } from './use-case-filters';

export function CasesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [filters, setFilters] = useCaseFilters();
  const [found, setFound] = useState<CaseListItem[] | null>(null);
  const query = listQuery(filters);
  const cases = useQuery({
    queryKey: caseKeys.list(query),
    queryFn: ({ signal }) => listCases(query, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('cases.list.title')}
        intro={t('cases.list.intro')}
        actions={
          can('cases.write') && (
            <Button component={Link} to="/cases/new">
              {t('cases.intake.start')}
            </Button>
          )
        }
      />
      {can('cases.identify') && <IdentitySearch onResults={setFound} />}
      {found !== null ? (
        <>
          <Title order={2} size="h4" mb="xs">
            {t('cases.search.results', { count: found.length })}
          </Title>
          {found.length === 0 ? <Text c="dimmed">{t('cases.search.none')}</Text> : <CaseList items={found} />}
        </>
      ) : (
        <>
          <CaseFiltersBar filters={filters} onChange={setFilters} />
          <Group justify="flex-end" mb="xs">
            <Select
              size="xs"
              w={220}
              aria-label={t('cases.sort.label')}
              allowDeselect={false}
              value={filters.sort}
              onChange={(value) => setFilters({ sort: value === 'detected_asc' || value === 'due_asc' ? value : 'detected_desc' })}
              data={[
                { value: 'detected_desc', label: t('cases.sort.detected_desc') },
                { value: 'detected_asc', label: t('cases.sort.detected_asc') },
                { value: 'due_asc', label: t('cases.sort.due_asc') },
              ]}
            />
          </Group>
          {cases.isError && <QueryError error={cases.error} onRetry={() => void cases.refetch()} />}
          {cases.isPending ? (
            <Center py="xl">
              <Loader aria-label={t('app.loading')} />
            </Center>
          ) : (
            cases.data && (
              <div aria-busy={cases.isFetching}>
                {cases.data.items.length === 0 ? (
                  <Text c="dimmed" py="lg">
                    {t('common.empty')}
                  </Text>
                ) : (
                  <CaseList items={cases.data.items} />
                )}
                <Pager page={filters.page} pageSize={CASES_PAGE_SIZE} total={cases.data.total} onChange={(page) => setFilters({ page })} />
              </div>
            )
          )}
        </>
      )}
    </>
  );
}
