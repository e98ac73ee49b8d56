// The plan dashboard and the drill-down behind a value. Answers come from the live records on each request.
import { DashboardQuery, DashboardView, DrilldownQuery, DrilldownView } from '@binhan/domain';
import { requires } from '../../http/access.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { buildDashboard, buildDrilldown } from './dashboard.js';

export async function dashboardRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['indicators'];

  app.get('/api/indicators/dashboard', {
    config: { access: requires('indicators.read') },
    schema: {
      tags,
      summary: 'For a plan, period and unit: each indicator’s value against its target with a status, its trend by year and the communes compared',
      querystring: DashboardQuery,
      response: { 200: DashboardView, ...errorResponses },
    },
  }, async (request) => buildDashboard(deps, request, await request.loadActor(), request.query));

  app.get('/api/indicators/drilldown', {
    config: { access: requires('indicators.read') },
    schema: {
      tags,
      summary: 'What lies behind one value (indicator, unit, year): counts by reason for every reader, the records themselves only for roles that may read cases',
      querystring: DrilldownQuery,
      response: { 200: DrilldownView, ...errorResponses },
    },
  }, async (request) => buildDrilldown(deps, request, await request.loadActor(), request.query));
}
