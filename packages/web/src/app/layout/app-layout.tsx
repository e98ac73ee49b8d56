// The signed-in frame: header (demo banner, burger on phones, language, user menu), navigation showing
// only what the role may use, and a thin progress bar while a page's code downloads on a slow link.
import { AppShell, Box, Burger, Group, NavLink, Progress, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigation } from 'react-router';
import { RequireActiveSession } from '../session/guards';
import { useMe, useSession } from '../session/session-context';
import { QueueCountBadge } from '../../features/community-reports/home/queue-count-badge';
import { OfflineBanner } from '../../features/offline/offline-banner';
import { DemoBanner } from './demo-banner';
import { LanguageSwitcher } from './language-switcher';
import { visibleNavItems } from './nav-items';
import { UserMenu } from './user-menu';

const HEADER = 56;

export function AppLayout() {
  return (
    <RequireActiveSession>
      <SignedInShell />
    </RequireActiveSession>
  );
}

function SignedInShell() {
  const { t } = useTranslation();
  const { meta, can, signOut } = useSession();
  const me = useMe();
  const [isNavOpen, nav] = useDisclosure(false);
  const location = useLocation();
  const navigation = useNavigation();
  const bannerHeight = meta?.demo === true ? { base: 40, xs: 26 } : { base: 0, xs: 0 };

  return (
    <AppShell
      header={{ height: { base: HEADER + bannerHeight.base, xs: HEADER + bannerHeight.xs } }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <a href="#main" className="skip-link">
          {t('app.skipToContent')}
        </a>
        <DemoBanner />
        <Group h={HEADER} px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={isNavOpen} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={isNavOpen ? t('nav.closeMenu') : t('nav.openMenu')} />
            <UnstyledButton component={Link} to="/" aria-label={t('nav.home')}>
              <Text fw={800} size="lg" c="teal.9">
                {t('app.name')}
              </Text>
            </UnstyledButton>
          </Group>
          <Group gap={4} wrap="nowrap">
            <LanguageSwitcher variant="menu" />
            <UserMenu me={me} onSignOut={() => void signOut()} />
          </Group>
        </Group>
        {navigation.state === 'loading' && <Progress value={100} animated size="xs" radius={0} pos="absolute" bottom={0} left={0} right={0} aria-label={t('app.loading')} />}
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2} component="nav" aria-label={t('nav.label')}>
            {visibleNavItems(can).map((item) => (
              <NavLink
                key={item.path}
                component={Link}
                to={item.path}
                label={t(item.labelKey)}
                rightSection={item.path === '/community-reports' ? <QueueCountBadge /> : undefined}
                active={item.path === '/' ? location.pathname === '/' : location.pathname.startsWith(item.path)}
                aria-current={location.pathname === item.path ? 'page' : undefined}
                // On a phone the menu covers the page: close it once a section is chosen.
                onClick={nav.close}
              />
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section hiddenFrom="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Box px="sm" pb="xs">
            <Text size="sm" fw={600}>
              {me.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`roles.${me.role}`)}
            </Text>
          </Box>
          <NavLink component="button" label={t('nav.signOut')} onClick={() => void signOut()} c="red.8" />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <OfflineBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
