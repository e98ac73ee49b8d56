// Home: who is signed in, in which role and unit, what needs doing now ("Cần xử lý"), the cases waiting
// for a first intervention and indicator T1 for roles that see them, and shortcuts to what the role may use.
import type { Action } from '@binhan/domain';
import { Alert, Anchor, Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe, useSession } from '../../app/session/session-context';
import { AlertsPanel } from '../cases/home/alerts-panel';
import { DueCasesPanel } from '../cases/home/due-cases-panel';
import { T1Card } from '../cases/home/t1-card';
import { T2Card } from '../perpetrators/t2-card';
import { ReachCards } from '../outreach/reach-cards';
import { ReportAlertsPanel } from '../community-reports/home/report-alerts-panel';
import type { vi } from '../../app/i18n/vi';

interface QuickLink {
  path: string;
  titleKey: 'nav.cases' | 'nav.referrals' | 'nav.providers' | 'nav.users' | 'nav.units' | 'nav.audit' | 'nav.account' | 'nav.communityReports' | 'nav.myReports';
  textKey: `home.${keyof typeof vi.home}`;
  action: Action;
}

function quickLinks(can: (action: Action) => boolean): QuickLink[] {
  const links: QuickLink[] = [];
  if (can('cases.read')) links.push({ path: '/cases', titleKey: 'nav.cases', textKey: 'home.casesLink', action: 'cases.read' });
  if (can('community_reports.read')) links.push({ path: '/community-reports', titleKey: 'nav.communityReports', textKey: 'home.communityReportsLink', action: 'community_reports.read' });
  else if (can('community_reports.submit')) links.push({ path: '/my-reports', titleKey: 'nav.myReports', textKey: 'home.myReportsLink', action: 'community_reports.submit' });
  if (can('referrals.respond')) links.push({ path: '/referrals', titleKey: 'nav.referrals', textKey: 'home.referralsLink', action: 'referrals.respond' });
  else if (can('providers.read')) links.push({ path: '/providers', titleKey: 'nav.providers', textKey: 'home.providersLink', action: 'providers.read' });
  if (can('users.read')) {
    links.push({ path: '/users', titleKey: 'nav.users', textKey: can('users.manage') ? 'home.usersLink' : 'home.usersReadLink', action: 'users.read' });
  }
  if (can('units.read') && !can('referrals.respond')) {
    links.push({ path: '/units', titleKey: 'nav.units', textKey: can('units.manage') ? 'home.unitsLink' : 'home.unitsReadLink', action: 'units.read' });
  }
  if (can('audit.read')) links.push({ path: '/audit', titleKey: 'nav.audit', textKey: 'home.auditLink', action: 'audit.read' });
  links.push({ path: '/account', titleKey: 'nav.account', textKey: 'home.accountLink', action: 'self.read' });
  return links;
}

export function HomePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const me = useMe();
  const unit = me.unit ? `${me.unit.name} (${me.unit.code})` : t('home.noUnit');

  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('home.greeting', { name: me.displayName })}
        </Title>
        <Text>{t('home.roleLine', { role: t(`roles.${me.role}`) })}</Text>
        <Text>{t('home.unitLine', { unit })}</Text>
        {me.organisation && <Text>{t('home.organisationLine', { organisation: me.organisation })}</Text>}
      </Stack>
      {!me.totpEnabled && (
        <Alert color="yellow" title={t('home.totpMissing')}>
          <Button component={Link} to="/login/two-factor" size="xs" variant="white" color="dark">
            {t('home.totpSetup')}
          </Button>
        </Alert>
      )}
      {can('cases.write') && (
        <Button component={Link} to="/cases/new" size="lg" style={{ alignSelf: 'flex-start' }}>
          {t('cases.intake.start')}
        </Button>
      )}
      {can('community_reports.submit') && !can('cases.write') && (
        <Button component={Link} to="/send-report" size="lg" style={{ alignSelf: 'flex-start' }}>
          {t('nav.sendReport')}
        </Button>
      )}
      {can('community_reports.read') && <ReportAlertsPanel />}
      {can('indicators.read') && <T1Card />}
      {can('indicators.read') && <T2Card />}
      {can('indicators.read') && <ReachCards />}
      {can('cases.read') && <AlertsPanel />}
      {can('cases.read') && <DueCasesPanel />}
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('home.quickLinks')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {quickLinks(can).map((link) => (
            <Card key={link.path} withBorder padding="md">
              <Anchor component={Link} to={link.path} fw={700} size="lg">
                {t(link.titleKey)}
              </Anchor>
              <Text size="sm" c="dimmed" mt={4}>
                {t(link.textKey)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}
