// Routes under /app. Sign-in steps are eager (they are the first thing anyone sees); each section is
// downloaded on first visit so the first load stays small on a slow connection.
import { createBrowserRouter } from 'react-router';
import { FullPageLoader } from '../components/full-page-state';
import { LoginPage } from '../features/auth/login-page';
import { PasswordChangePage } from '../features/auth/password-change-page';
import { TotpPage } from '../features/auth/totp-page';
import { HomePage } from '../features/home/home-page';
import { AppLayout } from './layout/app-layout';
import { NotFoundPage, RouteError } from './route-error';
import { RequirePermission, RequireStage } from './session/guards';

export const router = createBrowserRouter(
  [
    {
      errorElement: <RouteError />,
      hydrateFallbackElement: <FullPageLoader />,
      children: [
        { path: 'login', element: <LoginPage /> },
        {
          path: 'login/totp',
          element: (
            <RequireStage stage="totp">
              <TotpPage />
            </RequireStage>
          ),
        },
        {
          path: 'login/password',
          element: (
            <RequireStage stage="password_change">
              <PasswordChangePage />
            </RequireStage>
          ),
        },
        {
          path: 'login/two-factor',
          lazy: async () => ({ Component: (await import('../features/auth/totp-enrol-page')).TotpEnrolPage }),
        },
        {
          element: <AppLayout />,
          errorElement: <RouteError />,
          children: [
            { index: true, element: <HomePage /> },
            {
              path: 'cases',
              element: <RequirePermission action="cases.read" />,
              children: [
                { index: true, lazy: async () => ({ Component: (await import('../features/cases/list/cases-page')).CasesPage }) },
                {
                  path: 'new',
                  element: <RequirePermission action="cases.write" />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/cases/intake/intake-page')).IntakePage }) }],
                },
                { path: ':id', lazy: async () => ({ Component: (await import('../features/cases/case-page/case-page')).CasePage }) },
              ],
            },
            {
              path: 'perpetrators',
              element: <RequirePermission action="cases.read" />,
              children: [
                { index: true, lazy: async () => ({ Component: (await import('../features/perpetrators/list/perpetrators-page')).PerpetratorsPage }) },
                { path: ':id', lazy: async () => ({ Component: (await import('../features/perpetrators/page/perpetrator-page')).PerpetratorPage }) },
              ],
            },
            {
              path: 'referrals',
              element: <RequirePermission action="referrals.respond" />,
              children: [{ index: true, lazy: async () => ({ Component: (await import('../features/referrals/inbox-page')).InboxPage }) }],
            },
            {
              path: 'community-reports',
              element: <RequirePermission action="community_reports.read" />,
              children: [
                { index: true, lazy: async () => ({ Component: (await import('../features/community-reports/queue-page')).QueuePage }) },
                { path: ':id', lazy: async () => ({ Component: (await import('../features/community-reports/report-page')).ReportPage }) },
              ],
            },
            {
              path: 'send-report',
              element: <RequirePermission action="community_reports.submit" />,
              children: [{ index: true, lazy: async () => ({ Component: (await import('../features/community-reports/submit-page')).SubmitPage }) }],
            },
            {
              path: 'my-reports',
              element: <RequirePermission action="community_reports.submit" />,
              children: [{ index: true, lazy: async () => ({ Component: (await import('../features/community-reports/my-reports-page')).MyReportsPage }) }],
            },
            {
              path: 'training',
              element: <RequirePermission action="training.read" />,
              children: [
                { index: true, lazy: async () => ({ Component: (await import('../features/training/training-page')).TrainingPage }) },
                { path: 'courses/:id', lazy: async () => ({ Component: (await import('../features/training/course-page')).CoursePage }) },
              ],
            },
            {
              path: 'outreach',
              element: <RequirePermission action="outreach.read" />,
              children: [
                { index: true, lazy: async () => ({ Component: (await import('../features/outreach/activities-page')).ActivitiesPage }) },
                {
                  path: 'new',
                  element: <RequirePermission action="outreach.write" />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/outreach/activity-form-page')).ActivityFormPage }) }],
                },
                {
                  path: 'import',
                  element: <RequirePermission action="outreach.write" />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/outreach/import-page')).ImportPage }) }],
                },
                { path: ':id', lazy: async () => ({ Component: (await import('../features/outreach/activity-form-page')).ActivityFormPage }) },
              ],
            },
            {
              path: 'population',
              element: <RequirePermission action="population.manage" />,
              children: [{ index: true, lazy: async () => ({ Component: (await import('../features/outreach/population-page')).PopulationPage }) }],
            },
            {
              path: 'reach',
              element: <RequirePermission action="indicators.read" />,
              children: [{ index: true, lazy: async () => ({ Component: (await import('../features/outreach/reach-page')).ReachPage }) }],
            },
            {
              path: 'network',
              element: <RequirePermission action="outreach.read" />,
              children: [{ index: true, lazy: async () => ({ Component: (await import('../features/network/network-page')).NetworkPage }) }],
            },
            {
              path: 'dashboard',
              element: <RequirePermission action="indicators.read" />,
              children: [{ index: true, lazy: async () => ({ Component: (await import('../features/plans/dashboard-page')).DashboardPage }) }],
            },
            {
              path: 'plans',
              element: <RequirePermission action="plans.read" />,
              children: [
                { index: true, lazy: async () => ({ Component: (await import('../features/plans/plans-page')).PlansPage }) },
                { path: ':id', lazy: async () => ({ Component: (await import('../features/plans/plan-page')).PlanPage }) },
              ],
            },
            {
              path: 'reports',
              element: <RequirePermission action="reports.export" />,
              children: [
                { index: true, lazy: async () => ({ Component: (await import('../features/reports/reports-page')).ReportsPage }) },
                {
                  path: ':id',
                  element: <RequirePermission action="reports.read" />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/reports/report-page')).ReportPage }) }],
                },
              ],
            },
            {
              path: 'providers',
              element: <RequirePermission action="providers.read" />,
              children: [{ index: true, lazy: async () => ({ Component: (await import('../features/providers/providers-page')).ProvidersPage }) }],
            },
            {
              path: 'users',
              element: <RequirePermission action="users.read" />,
              children: [{ index: true, lazy: async () => ({ Component: (await import('../features/users/users-page')).UsersPage }) }],
            },
            {
              path: 'units',
              element: <RequirePermission action="units.read" />,
              children: [{ index: true, lazy: async () => ({ Component: (await import('../features/admin-units/admin-units-page')).AdminUnitsPage }) }],
            },
            {
              path: 'audit',
              element: <RequirePermission action="audit.read" />,
              children: [{ index: true, lazy: async () => ({ Component: (await import('../features/audit/audit-page')).AuditPage }) }],
            },
            // Open to every signed-in user: someone whose offline rights were removed must still reach the
            // changes the server refused on this device, to export them (the server refuses the rest).
            { path: 'offline', lazy: async () => ({ Component: (await import('../features/offline/offline-page')).OfflinePage }) },
            { path: 'account', lazy: async () => ({ Component: (await import('../features/account/account-page')).AccountPage }) },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ],
  { basename: '/app' },
);
