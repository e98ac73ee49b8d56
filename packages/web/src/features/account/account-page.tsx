// My account: profile, password, language, two-factor authentication and sessions.
import { Card, SimpleGrid, Stack, Table, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../../app/layout/language-switcher';
import { useMe, useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { NewPasswordForm } from '../auth/new-password-form';
import { SessionsCard } from './sessions-card';
import { TwoFactorCard } from './two-factor-card';
import { DetailRow } from '../../components/detail-row';

export function AccountPage() {
  const { t } = useTranslation();
  const { setMe } = useSession();
  const me = useMe();
  return (
    <Stack gap="md" maw={1100}>
      <PageHeader title={t('account.title')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap="md">
          <Card withBorder padding="md" component="section" aria-labelledby="profile-title">
            <Title order={2} size="h4" id="profile-title" mb="sm">
              {t('account.profile')}
            </Title>
            <Table variant="vertical" layout="fixed" withTableBorder>
              <Table.Tbody>
                <DetailRow label={t('users.displayName')} value={me.displayName} />
                <DetailRow label={t('users.username')} value={me.username} />
                <DetailRow label={t('users.role')} value={t(`roles.${me.role}`)} />
                <DetailRow label={t('users.unit')} value={me.unit ? `${me.unit.name} (${me.unit.code})` : t('home.noUnit')} />
                {me.organisation && <DetailRow label={t('users.organisation')} value={me.organisation} />}
              </Table.Tbody>
            </Table>
          </Card>
          <Card withBorder padding="md" component="section" aria-labelledby="language-title">
            <Title order={2} size="h4" id="language-title" mb="sm">
              {t('account.languageTitle')}
            </Title>
            <LanguageSwitcher />
          </Card>
          <TwoFactorCard />
        </Stack>
        <Stack gap="md">
          <Card withBorder padding="md" component="section" aria-labelledby="password-title">
            <Title order={2} size="h4" id="password-title" mb="sm">
              {t('account.passwordTitle')}
            </Title>
            <NewPasswordForm
              askCurrent
              submitLabel={t('account.passwordTitle')}
              onDone={(result) => {
                setMe(result.me);
                notifications.show({ color: 'teal', message: t('account.passwordChanged') });
              }}
            />
          </Card>
          <SessionsCard />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
