// The app's sections and the permission each needs; navigation and the home page's quick links show
// only what the user's role allows.
import type { Action } from '@binhan/domain';

export interface NavItem {
  path: string;
  labelKey: 'nav.home' | 'nav.cases' | 'nav.users' | 'nav.units' | 'nav.audit' | 'nav.account';
  action: Action;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', labelKey: 'nav.home', action: 'self.read' },
  { path: '/cases', labelKey: 'nav.cases', action: 'cases.read' },
  { path: '/users', labelKey: 'nav.users', action: 'users.read' },
  { path: '/units', labelKey: 'nav.units', action: 'units.read' },
  { path: '/audit', labelKey: 'nav.audit', action: 'audit.read' },
  { path: '/account', labelKey: 'nav.account', action: 'self.read' },
];
