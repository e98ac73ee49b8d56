// The app's sections and the permission each needs; navigation and the home page's quick links show
// only what the user's role allows.
import type { Action } from '@binhan/domain';

export interface NavItem {
  path: string;
  labelKey: 'nav.home' | 'nav.cases' | 'nav.referrals' | 'nav.providers' | 'nav.users' | 'nav.units' | 'nav.audit' | 'nav.account';
  action: Action;
  /** Hidden from roles that can do this: a provider's user answers referrals and needs nothing else. */
  unless?: Action;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', labelKey: 'nav.home', action: 'self.read' },
  { path: '/cases', labelKey: 'nav.cases', action: 'cases.read' },
  { path: '/referrals', labelKey: 'nav.referrals', action: 'referrals.respond' },
  { path: '/providers', labelKey: 'nav.providers', action: 'providers.read', unless: 'referrals.respond' },
  { path: '/users', labelKey: 'nav.users', action: 'users.read' },
  { path: '/units', labelKey: 'nav.units', action: 'units.read', unless: 'referrals.respond' },
  { path: '/audit', labelKey: 'nav.audit', action: 'audit.read' },
  { path: '/account', labelKey: 'nav.account', action: 'self.read' },
];

/** The items this user's permissions show. */
export function visibleNavItems(can: (action: Action) => boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => can(item.action) && (item.unless === undefined || !can(item.unless)));
}
