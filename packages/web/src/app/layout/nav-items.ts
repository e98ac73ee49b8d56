// The app's sections and the permission each needs; navigation and the home page's quick links show
// only what the user's role allows.
import type { Action } from '@binhan/domain';

export interface NavItem {
  path: string;
  labelKey: 'nav.home' | 'nav.cases' | 'nav.referrals' | 'nav.providers' | 'nav.users' | 'nav.units' | 'nav.audit' | 'nav.account'
    | 'nav.training' | 'nav.network'
    | 'nav.communityReports' | 'nav.sendReport' | 'nav.myReports' | 'nav.perpetrators'
    | 'nav.outreach' | 'nav.population' | 'nav.reach'
    | 'nav.dashboard' | 'nav.plans' | 'nav.reports' | 'nav.offline';
  action: Action;
  /** Hidden from roles that can do this: a provider's user answers referrals and needs nothing else. */
  unless?: Action;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', labelKey: 'nav.home', action: 'self.read' },
  { path: '/dashboard', labelKey: 'nav.dashboard', action: 'indicators.read' },
  { path: '/cases', labelKey: 'nav.cases', action: 'cases.read' },
  { path: '/perpetrators', labelKey: 'nav.perpetrators', action: 'cases.read' },
  { path: '/referrals', labelKey: 'nav.referrals', action: 'referrals.respond' },
  { path: '/community-reports', labelKey: 'nav.communityReports', action: 'community_reports.read' },
  // Communicators file reports and follow their own; officers, who read the queue, reach both from it.
  { path: '/send-report', labelKey: 'nav.sendReport', action: 'community_reports.submit', unless: 'community_reports.read' },
  { path: '/my-reports', labelKey: 'nav.myReports', action: 'community_reports.submit', unless: 'community_reports.read' },
  { path: '/training', labelKey: 'nav.training', action: 'training.read' },
  { path: '/outreach', labelKey: 'nav.outreach', action: 'outreach.read' },
  { path: '/network', labelKey: 'nav.network', action: 'outreach.read' },
  { path: '/reach', labelKey: 'nav.reach', action: 'indicators.read' },
  { path: '/population', labelKey: 'nav.population', action: 'population.manage' },
  { path: '/plans', labelKey: 'nav.plans', action: 'plans.read' },
  // Every role that reads reports also exports; a statistician reaches only the de-identified exports.
  { path: '/reports', labelKey: 'nav.reports', action: 'reports.export' },
  { path: '/providers', labelKey: 'nav.providers', action: 'providers.read', unless: 'referrals.respond' },
  { path: '/users', labelKey: 'nav.users', action: 'users.read' },
  { path: '/units', labelKey: 'nav.units', action: 'units.read', unless: 'referrals.respond' },
  { path: '/audit', labelKey: 'nav.audit', action: 'audit.read' },
  { path: '/offline', labelKey: 'nav.offline', action: 'offline.use' },
  { path: '/account', labelKey: 'nav.account', action: 'self.read' },
];

/** The items this user's permissions show. */
export function visibleNavItems(can: (action: Action) => boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => can(item.action) && (item.unless === undefined || !can(item.unless)));
}
