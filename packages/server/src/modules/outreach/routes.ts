// Communication activities (record, correct, list, export, import from a workbook), population figures
// (grid and workbook) and indicators T4 and T5. Communicators see and change only their own activities.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  COMMUNE_LEVEL_KINDS, COUNTING_BASIS_LABELS, Id, IdParams, ImportCommit, ImportView, OUTREACH_CAMPAIGN_LABELS,
  OUTREACH_FORMAT_LABELS, OUTREACH_LANGUAGE_LABELS, OkBody, OutreachActivityInput, OutreachList, OutreachListQuery, OutreachActivityView,
  PopulationGrid, PopulationGridSave, PopulationQuery, ReachQuery, ReachResult, SavedActivity, Year,
} from '@binhan/domain';
import { authorize, requires } from '../../http/access.js';
import { Invalid, invalidField } from '../../http/errors.js';
import { anchorAuditHead, audit } from '../../http/audit-context.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import { todayInVietnam } from '../../lib/clock.js';
import { activityFor } from './activity-access.js';
import {
  audienceWarnings, createActivity, deleteActivity, filteredActivities, listActivities, presentActivity, unitRef, updateActivity,
} from './activities.js';
import { commitImport, ownImport, presentImport, startImport } from './imports.js';
import { loadGrid, populationTemplate, readPopulationWorkbook, saveFigures } from './population.js';
import { computeReachFor } from './reach.js';
import { activityExport, activityTemplate, XLSX_TYPE } from './workbook.js';

const ExportQuery = OutreachListQuery.omit({ page: true, pageSize: true });
const UploadQuery = z.strictObject({ year: Year, fileName: z.string().max(200).optional() });
const PopulationUploadQuery = z.strictObject({ year: Year, onlyValidRows: z.enum(['true', 'false']).default('false') });
const PopulationImportResult = z.object({
  imported: z.number(),
  rows: z.number(),
  rejectedRows: z.number(),
  rejections: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
});
const ReachAnswer = ReachResult.extend({
  unitId: z.string(), year: z.number(), from: z.string(), to: z.string(), units: z.enum(['then', 'today']), unitsDate: z.string(),
  missingPopulationUnits: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() })),
  breakdown: z.array(z.object({ unit: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() }), result: ReachResult })),
});
const MAX_UPLOAD_BYTES = 60 * 1024 * 1024;

function sendWorkbook(reply: FastifyReply, buffer: Buffer, fileName: string) {
  return reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'no-store').send(buffer);
}

function uploadedFile(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new Invalid('IMPORT_NOT_WORKBOOK');
  return body;
}

export async function outreachRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['outreach'];
  // Workbooks arrive as the raw file; only these routes accept it.
  app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));

  app.get('/api/outreach/activities', {
    config: { access: requires('outreach.read') },
    schema: { tags, summary: 'Communication activities the user may see, newest first, filtered by unit (with its area across mergers), period, format and campaign', querystring: OutreachListQuery, response: { 200: OutreachList, ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    const { page, pageSize, ...filters } = request.query;
    if (filters.unitId) authorize(request, 'outreach.read', { unitId: filters.unitId }, actor);
    return listActivities(deps, actor, filters, page, pageSize);
  });

  app.get('/api/outreach/activities/export', {
    config: { access: requires('outreach.read'), fileTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
    schema: { tags, summary: 'The filtered activity list as an Excel workbook, audience by group and sex', querystring: ExportQuery, response: { ...errorResponses } },
  }, async (request, reply) => {
    const actor = await request.loadActor();
    if (request.query.unitId) authorize(request, 'outreach.read', { unitId: request.query.unitId }, actor);
    const q = await filteredActivities(deps, actor, request.query);
    const rows = await q.selectAll().orderBy('activity_date', 'desc').orderBy('id').limit(100_000).execute();
    const ids = rows.map((r) => r.id);
    const audiences = new Map<string, Map<string, { female: number; male: number; unknownSex: number }>>();
    for (let s = 0; s < ids.length; s += 1000) {
      const lines = await deps.db.selectFrom('outreach_audiences').selectAll().where('activity_id', 'in', ids.slice(s, s + 1000)).execute();
      for (const l of lines) {
        const m = audiences.get(l.activity_id) ?? new Map<string, { female: number; male: number; unknownSex: number }>();
        m.set(l.audience_group, { female: Number(l.female), male: Number(l.male), unknownSex: Number(l.unknown_sex) });
        audiences.set(l.activity_id, m);
      }
    }
    const graph = await deps.units.graph();
    const locale = request.locale;
    const buffer = await activityExport(locale, rows.map((r) => {
      const unit = unitRef(graph, r.unit_id);
      return {
        activityDate: r.activity_date, unitCode: unit.code, unitName: unit.name, village: r.village_id ? unitRef(graph, r.village_id).name : '',
        format: OUTREACH_FORMAT_LABELS[r.format as keyof typeof OUTREACH_FORMAT_LABELS]?.[locale] ?? r.format, topic: r.topic,
        language: r.language === 'other' && r.language_other ? r.language_other : OUTREACH_LANGUAGE_LABELS[r.language as keyof typeof OUTREACH_LANGUAGE_LABELS]?.[locale] ?? r.language,
        campaign: r.campaign ? OUTREACH_CAMPAIGN_LABELS[r.campaign as keyof typeof OUTREACH_CAMPAIGN_LABELS]?.[locale] ?? r.campaign : '',
        materials: (JSON.parse(r.materials) as Array<{ name: string; quantity: number }>).map((m) => `${m.name}: ${m.quantity}`).join('; '),
        basis: COUNTING_BASIS_LABELS[r.counting_basis as keyof typeof COUNTING_BASIS_LABELS]?.[locale] ?? r.counting_basis,
        audiences: audiences.get(r.id) ?? new Map(), total: Number(r.audience_total), imported: r.import_id !== null,
      };
    }));
    await audit(request, deps.db, { action: 'export.outreach_activities', details: { rows: rows.length } });
    await anchorAuditHead(request, 'export.outreach_activities');
    return sendWorkbook(reply, buffer, `hoat-dong-truyen-thong-${todayInVietnam()}.xlsx`);
  });

  app.post('/api/outreach/activities', {
    config: { access: requires('outreach.write'), syncKind: 'outreach.activity' },
    schema: { tags, summary: 'Record a communication activity; an audience larger than the unit could hold is saved with a warning', body: OutreachActivityInput, response: { 201: SavedActivity, ...errorResponses } },
  }, async (request, reply) => {
    const actor = await request.loadActor();
    const input = request.body;
    authorize(request, 'outreach.write', { unitId: input.unitId }, actor);
    const id = await createActivity(deps, request, actor, input);
    const row = await deps.db.selectFrom('outreach_activities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return reply.status(201).send({ activity: await presentActivity(deps, actor, row), warnings: await audienceWarnings(deps, request.locale, input) });
  });

  app.get('/api/outreach/activities/:id', {
    config: { access: requires('outreach.read') },
    schema: { tags, summary: 'One communication activity', params: IdParams, response: { 200: OutreachActivityView, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await activityFor(request, request.params.id, 'outreach.read');
    return presentActivity(deps, actor, row);
  });

  app.put('/api/outreach/activities/:id', {
    config: { access: requires('outreach.write') },
    schema: { tags, summary: 'Correct a communication activity', params: IdParams, body: OutreachActivityInput, response: { 200: SavedActivity, ...errorResponses } },
  }, async (request) => {
    const { row, actor } = await activityFor(request, request.params.id, 'outreach.write');
    const input = request.body;
    authorize(request, 'outreach.write', { unitId: input.unitId }, actor);
    await updateActivity(deps, request, actor, row, input);
    const updated = await deps.db.selectFrom('outreach_activities').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return { activity: await presentActivity(deps, actor, updated), warnings: await audienceWarnings(deps, request.locale, input) };
  });

  app.delete('/api/outreach/activities/:id', {
    config: { access: requires('outreach.write') },
    schema: { tags, summary: 'Delete an activity recorded by mistake (audited)', params: IdParams, response: { 200: OkBody, ...errorResponses } },
  }, async (request) => {
    const { row } = await activityFor(request, request.params.id, 'outreach.write');
    await deleteActivity(deps, request, row);
    return { ok: true as const };
  });

  app.get('/api/outreach/imports/template', {
    config: { access: requires('outreach.write'), fileTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
    schema: { tags, summary: 'The Vietnamese Excel template for importing activities of a year, with drop-down lists and the units of that year', querystring: z.strictObject({ year: Year }), response: { ...errorResponses } },
  }, async (request, reply) => {
    const actor = await request.loadActor();
    const graph = await deps.units.graph();
    const year = request.query.year;
    const units = [...graph.byId.values()]
      .filter((u) => (u.kind === 'district' || COMMUNE_LEVEL_KINDS.includes(u.kind)) && (actor.isUnscoped || actor.unitScope.has(u.id)))
      .filter((u) => u.validFrom <= `${year}-12-31` && (u.validTo === null || u.validTo >= `${year}-01-01`))
      .sort((a, b) => a.code.localeCompare(b.code) || a.validFrom.localeCompare(b.validFrom));
    return sendWorkbook(reply, await activityTemplate(request.locale, year, units), `mau-nhap-hoat-dong-${year}.xlsx`);
  });

  app.post('/api/outreach/imports', {
    config: { access: requires('outreach.write') },
    bodyLimit: MAX_UPLOAD_BYTES,
    schema: { tags, summary: 'Upload a workbook of activities (the raw .xlsx as the body); every row is checked in the background, nothing is written yet', querystring: UploadQuery, response: { 202: ImportView, ...errorResponses } },
  }, async (request, reply) => {
    const actor = await request.loadActor();
    const file = uploadedFile(request.body);
    const id = await startImport(deps, request, actor, file, request.query.year, request.query.fileName ?? null);
    return reply.status(202).send(presentImport(await ownImport(deps, actor, id), request.locale));
  });

  app.get('/api/outreach/imports/:id', {
    config: { access: requires('outreach.write') },
    schema: { tags, summary: 'Progress and report of one’s own import: rows checked, rows rejected with row, column and reason', params: IdParams, response: { 200: ImportView, ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    return presentImport(await ownImport(deps, actor, request.params.id), request.locale);
  });

  app.post('/api/outreach/imports/:id/commit', {
    config: { access: requires('outreach.write') },
    schema: { tags, summary: 'Import the checked rows in one transaction; a file with rejected rows needs onlyValidRows', params: IdParams, body: ImportCommit, response: { 200: ImportView, ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    return presentImport(await commitImport(deps, request, actor, request.params.id, request.body.onlyValidRows), request.locale);
  });

  app.get('/api/population', {
    config: { access: requires('population.manage') },
    schema: { tags, summary: 'Population figures of a unit and its communes for a year, by group and sex, with their source', querystring: PopulationQuery, response: { 200: PopulationGrid, ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    const unitId = request.query.unitId ?? actor.unitId;
    if (!unitId) throw invalidField('unitId', 'UNIT_NOT_FOUND');
    authorize(request, 'population.manage', { unitId }, actor);
    return loadGrid(deps, unitId, request.query.year);
  });

  app.put('/api/population', {
    config: { access: requires('population.manage') },
    schema: { tags, summary: 'Save the grid: set figures and remove emptied ones, in one transaction', querystring: z.strictObject({ unitId: Id.optional() }), body: PopulationGridSave, response: { 200: PopulationGrid, ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    const unitId = request.query.unitId ?? actor.unitId;
    if (!unitId) throw invalidField('unitId', 'UNIT_NOT_FOUND');
    authorize(request, 'population.manage', { unitId }, actor);
    await saveFigures(deps, request, actor, PopulationGridSave.parse(request.body), 'population.update');
    return loadGrid(deps, unitId, request.body.year);
  });

  app.get('/api/population/template', {
    config: { access: requires('population.manage'), fileTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
    schema: { tags, summary: 'The population workbook of a unit and year, with the figures already known', querystring: PopulationQuery, response: { ...errorResponses } },
  }, async (request, reply) => {
    const actor = await request.loadActor();
    const unitId = request.query.unitId ?? actor.unitId;
    if (!unitId) throw invalidField('unitId', 'UNIT_NOT_FOUND');
    authorize(request, 'population.manage', { unitId }, actor);
    return sendWorkbook(reply, await populationTemplate(deps, request.locale, unitId, request.query.year), `dan-so-${request.query.year}.xlsx`);
  });

  app.post('/api/population/import', {
    config: { access: requires('population.manage') },
    bodyLimit: MAX_UPLOAD_BYTES,
    schema: { tags, summary: 'Import population figures from a workbook; with rejected rows nothing is written unless onlyValidRows=true', querystring: PopulationUploadQuery, response: { 200: PopulationImportResult, ...errorResponses } },
  }, async (request) => {
    const actor = await request.loadActor();
    const file = uploadedFile(request.body);
    const { year, onlyValidRows } = request.query;
    const read = await readPopulationWorkbook(deps, actor, request.locale, file, year);
    const base = { rows: read.rows, rejectedRows: read.rejectedRows, rejections: read.rejections.slice(0, 1000) };
    if (read.rejectedRows > 0 && onlyValidRows !== 'true') return { imported: 0, ...base };
    const imported = read.figures.length > 0 ? await saveFigures(deps, request, actor, { year, figures: read.figures, removals: [] }, 'population.import') : 0;
    return { imported, ...base };
  });

  for (const code of ['T4', 'T5'] as const) {
    app.get(`/api/indicators/${code.toLowerCase()}`, {
      config: { access: requires('indicators.read') },
      schema: {
        tags: ['indicators'],
        summary: code === 'T4'
          ? 'T4: officials, workers, employers, armed forces and students reached by communication in the year, over their population'
          : 'T5: community residents reached by communication in the year, over the resident population',
        querystring: ReachQuery,
        response: { 200: ReachAnswer, ...errorResponses },
      },
    }, async (request) => {
      const actor = await request.loadActor();
      const unitId = request.query.unitId ?? actor.unitId;
      if (!unitId) throw invalidField('unitId', 'UNIT_NOT_FOUND');
      authorize(request, 'indicators.read', { unitId }, actor);
      return computeReachFor(deps, actor, { code, unitId, ...request.query });
    });
  }
}


