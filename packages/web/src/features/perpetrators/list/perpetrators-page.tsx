// Người có hành vi bạo lực: indicator T2 for those who read indicators, a search by identity for those
// allowed (its results replace the list until cleared), and the list with filters, sort and pages.
import type { PerpetratorSearchResult } from '@binhan/domain';
import { Button, Card, Center, Collapse, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session/session-context';
import { PageHeader } from '../../../components/page-header';
import { Pager } from '../../../components/pager';
import { QueryError } from '../../../components/query-error';
import { PerpetratorSearchBox } from '../identity/search-box';
import { SearchResults } from '../identity/search-results';
import { listPerpetrators, listQuery, perpetratorKeys, PERPETRATORS_PAGE_SIZE } from '../perpetrators-api';
import { T2Card } from '../t2-card';
import { LinkRequestsPanel } from './link-requests-panel';
import { PerpetratorFiltersBar } from './perpetrator-filters';
import { PerpetratorList } from './perpetrator-list';
import { usePerpetratorFilters } from './use-perpetrator-filters';

export function PerpetratorsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [filters, setFilters] = usePerpetratorFilters();
  const [found, setFound] = useState<PerpetratorSearchResult | null>(null);
  const [searchKey, setSearchKey] = useState(0);
  // On a phone the search folds away: the list is what most visits are for.
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [isSearchOpen, search] = useDisclosure(false);
  const query = listQuery(filters);
  const list = useQuery({
    queryKey: perpetratorKeys.list(query),
    queryFn: ({ signal }) => listPerpetrators(query, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title={t('perpetrators.title')} intro={t('perpetrators.list.intro')} />
      <Stack gap="md" mb="md">
        {can('cases.write') && <LinkRequestsPanel />}
        {can('indicators.read') && <T2Card />}
        {can('cases.identify') && (
          <Card withBorder padding="sm">
            {isPhone && (
              <Button variant="subtle" size="compact-sm" onClick={search.toggle} aria-expanded={isSearchOpen} style={{ alignSelf: 'flex-start' }}>
                {t('perpetrators.search.title')}
              </Button>
            )}
            <Collapse expanded={!isPhone || isSearchOpen || found !== null}>
              <PerpetratorSearchBox key={searchKey} title={isPhone ? undefined : t('perpetrators.search.title')} onResults={setFound} />
            </Collapse>
            {found !== null && (
              <Button
                variant="subtle"
                size="compact-sm"
                mt="xs"
                onClick={() => {
                  setFound(null);
                  setSearchKey((key) => key + 1);
                }}
              >
                {t('perpetrators.search.clear')}
              </Button>
            )}
          </Card>
        )}
      </Stack>
      {found !== null ? (
        <>
          <Title order={2} size="h4" mb="xs">
            {t('perpetrators.search.results', { count: found.items.length })}
          </Title>
          <SearchResults result={found} />
        </>
      ) : (
        <>
          <PerpetratorFiltersBar filters={filters} onChange={setFilters} />
          <Group justify="flex-end" mb="xs">
            <Select
              size="xs"
              w={220}
              aria-label={t('perpetrators.sort.label')}
              allowDeselect={false}
              value={filters.sort}
              onChange={(value) => setFilters({ sort: value === 'last_incident_asc' || value === 'code' ? value : 'last_incident_desc' })}
              data={[
                { value: 'last_incident_desc', label: t('perpetrators.sort.last_incident_desc') },
                { value: 'last_incident_asc', label: t('perpetrators.sort.last_incident_asc') },
                { value: 'code', label: t('perpetrators.sort.code') },
              ]}
            />
          </Group>
          {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
          {list.isPending ? (
            <Center py="xl">
              <Loader aria-label={t('app.loading')} />
            </Center>
          ) : (
            list.data && (
              <div aria-busy={list.isFetching}>
                {list.data.items.length === 0 ? (
                  <Text c="dimmed" py="lg">
                    {t('common.empty')}
                  </Text>
                ) : (
                  <PerpetratorList items={list.data.items} />
                )}
                <Pager page={filters.page} pageSize={PERPETRATORS_PAGE_SIZE} total={list.data.total} onChange={(page) => setFilters({ page })} />
              </div>
            )
          )}
        </>
      )}
    </>
  );
}
