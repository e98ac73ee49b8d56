// Officer accounts: search and filters, the list, and for administrators create, edit, disable and
// resets. While a search is being typed, the current page is filtered at once without accents and the
// server's answer replaces it a moment later.
import { matchesVietnamese, type UserView } from '@binhan/domain';
import { Button, Center, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { QueryError } from '../../components/query-error';
import { TemporaryPasswordModal } from './temporary-password-modal';
import { useUserFilters } from './use-user-filters';
import { UserCreateModal } from './user-create-modal';
import { UserDrawer } from './user-drawer';
import { UsersFilters } from './users-filters';
import { UsersList } from './users-list';
import { listUsers, userKeys, USERS_PAGE_SIZE, type TemporaryPasswordResult } from './users-api';

export function UsersPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const canManage = can('users.manage');
  const [filters, setFilters] = useUserFilters();
  const [typing, setTyping] = useState(filters.q);
  const [selected, setSelected] = useState<UserView | null>(null);
  const [isCreating, setIsCreating] = useState(false);
  const [temporary, setTemporary] = useState<TemporaryPasswordResult | null>(null);

  const users = useQuery({
    queryKey: userKeys.list(filters),
    queryFn: ({ signal }) => listUsers(filters, signal),
    placeholderData: keepPreviousData,
  });

  const visible = useMemo(() => {
    const items = users.data?.items ?? [];
    if (typing.trim() === '' || typing === filters.q) return items;
    return items.filter((user) => matchesVietnamese(`${user.displayName} ${user.username}`, typing));
  }, [users.data, typing, filters.q]);

  const refreshList = () => void queryClient.invalidateQueries({ queryKey: userKeys.all });
  const handleChanged = (user: UserView) => {
    setSelected(user);
    refreshList();
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        intro={t('users.intro')}
        actions={canManage && <Button onClick={() => setIsCreating(true)}>{t('users.create')}</Button>}
      />
      <UsersFilters filters={filters} onChange={setFilters} onSearchTyping={setTyping} />
      {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      {users.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : (
        users.data && (
          <div aria-busy={users.isFetching}>
            {visible.length === 0 ? (
              <Text c="dimmed" py="lg">
                {t('common.empty')}
              </Text>
            ) : (
              <UsersList users={visible} canManage={canManage} onOpen={setSelected} />
            )}
            <Pager page={filters.page} pageSize={USERS_PAGE_SIZE} total={users.data.total} onChange={(page) => setFilters({ page })} />
          </div>
        )
      )}
      <UserDrawer
        user={selected}
        canManage={canManage}
        onClose={() => setSelected(null)}
        onChanged={handleChanged}
        onTemporaryPassword={setTemporary}
      />
      {canManage && (
        <UserCreateModal
          opened={isCreating}
          onClose={() => setIsCreating(false)}
          onCreated={(result) => {
            setIsCreating(false);
            notifications.show({ color: 'teal', message: t('users.created', { username: result.user.username }) });
            setTemporary(result);
            refreshList();
          }}
        />
      )}
      <TemporaryPasswordModal result={temporary} onClose={() => setTemporary(null)} />
    </>
  );
}
