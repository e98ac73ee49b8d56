// The app's API when there is no connection. The device keeps, encrypted, the answers of the GET routes
// the offline pages read (the pack), so a page shows offline what it showed online; a change is queued
// as a sync operation with a client-generated id and answered at once with what the page expects, the
// new item marked "waiting to be sent". Anything else says plainly that it needs a connection.
import {
  assessRisk,
  DEFAULT_TIME_LIMITS,
  firstInterventionDueAt,
  type TimeLimits,
  type CaseDetail,
  type CaseListItem,
  type FollowUpCreate,
  type Me,
  type OutreachActivityInput,
  type OutreachActivityView,
  type RiskAssessmentCreate,
  type RiskChecklist,
  type SyncOpKind,
  type TimelineEntry,
} from '@binhan/domain';
import { notifications } from '@mantine/notifications';
import i18n from 'i18next';
import { ApiError, type OfflineHandler } from '../../lib/api';
import { enqueue, newOpId } from './queue';
import { getRecord, getSetting, isUnlocked, putRecord, putSetting, vaultInfo } from './vault';

export const SETTINGS = {
  packedAt: 'packedAt',
  caseIds: 'caseIds',
  marked: 'markedCaseIds',
  scope: 'scope',
  leftOut: 'leftOut',
  /** A case opened offline has the id of its `case.open` operation until the server gives it one. */
  localCases: 'localCaseIds',
  caseMap: 'caseIdMap',
  /** The units list the intake asks for is keyed by the day of the pack ("units valid today"). */
  unitsKey: 'unitsKey',
} as const;

/** Whether the app works from the device now: no connection, or the last request could not reach the server. */
let networkDown = false;
export function setNetworkDown(value: boolean): void {
  networkDown = value;
  for (const listener of listeners) listener();
}
export function isOffline(): boolean {
  return networkDown || (typeof navigator !== 'undefined' && navigator.onLine === false);
}
const listeners = new Set<() => void>();
export function onConnectivityChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => setNetworkDown(false));
  window.addEventListener('offline', () => setNetworkDown(true));
}

/** Server ids of cases opened offline, once synced; pages opened on the local id keep working. */
let caseIdMap: Record<string, string> = {};
export function rememberCaseIds(map: Record<string, string>): void {
  caseIdMap = { ...caseIdMap, ...map };
}
export function mapCasePath(path: string): string {
  const match = /^\/api\/cases\/([0-9a-f-]{36})(.*)$/.exec(path);
  if (!match) return path;
  const mapped = match[1] === undefined ? undefined : caseIdMap[match[1]];
  return mapped ? `/api/cases/${mapped}${match[2]}` : path;
}

export function needsConnection(): ApiError {
  return new ApiError(0, 'OFFLINE_UNAVAILABLE', i18n.t('offline.needsConnection'));
}

function lockedError(): ApiError {
  return new ApiError(0, 'OFFLINE_LOCKED', i18n.t('offline.locked'));
}

const stripQuery = (path: string) => path.split('?')[0] ?? path;

async function snapshot<T>(path: string): Promise<T | undefined> {
  const exact = await getRecord<T>('snapshot', path);
  if (exact !== undefined) return exact;
  if (path.startsWith('/api/admin-units?at=')) {
    // Asked on a later day than the pack was made: the units valid on the pack's day.
    const packed = await getSetting<string>(SETTINGS.unitsKey);
    if (packed) return getRecord<T>('snapshot', packed);
  }
  return path.includes('?') ? getRecord<T>('snapshot', stripQuery(path)) : undefined;
}

/** The signed-in profile as the pack holds it (refreshed at every online start, see openVaultFor). */
async function me(): Promise<Me> {
  const value = await getRecord<Me>('snapshot', '/api/me');
  if (!value) throw needsConnection();
  return value;
}

const nowIso = () => new Date().toISOString();
const person = (m: Me) => ({ id: m.id, displayName: m.displayName });

/** The id the request carried online (X-Client-Op-Id), so the queued change is the same write. */
function carriedOpId(headers: Record<string, string>): string {
  const carried = headers['X-Client-Op-Id'];
  return carried !== undefined && UUID.test(carried) ? carried : newOpId();
}

async function queue(kind: SyncOpKind, payload: Record<string, unknown>, label: string, caseRef: string | undefined, opId: string): Promise<string> {
  await enqueue({ opId, kind, caseRef, recordedAt: nowIso(), payload, label });
  return opId;
}

async function prependTimeline(caseId: string, entry: Omit<TimelineEntry, 'id' | 'at' | 'actor'>, opId: string, m: Me): Promise<void> {
  const key = `/api/cases/${caseId}/timeline`;
  const current = (await getRecord<{ items: TimelineEntry[] }>('snapshot', key)) ?? { items: [] };
  const item: TimelineEntry = { id: opId, at: nowIso(), actor: person(m), ...entry, details: { ...entry.details, pending: true } };
  await putRecord('snapshot', key, { items: [item, ...current.items] });
}

async function caseDetail(caseId: string): Promise<CaseDetail> {
  const detail = await getRecord<CaseDetail>('snapshot', `/api/cases/${caseId}`);
  if (!detail) throw new ApiError(404, 'OFFLINE_CASE_MISSING', i18n.t('offline.caseMissing'));
  return detail;
}

async function saveDetail(detail: CaseDetail): Promise<CaseDetail> {
  await putRecord('snapshot', `/api/cases/${detail.id}`, detail);
  const list = await getRecord<{ items: CaseListItem[]; total: number; page: number; pageSize: number }>('snapshot', '/api/cases');
  if (list) {
    const item = pickListItem(detail);
    const exists = list.items.some((i) => i.id === detail.id);
    const items = exists ? list.items.map((i) => (i.id === detail.id ? item : i)) : [item, ...list.items];
    await putRecord('snapshot', '/api/cases', { ...list, items, total: items.length });
  }
  return detail;
}

function pickListItem(d: CaseDetail): CaseListItem {
  return {
    id: d.id, code: d.code, unit: d.unit, status: d.status, riskLevel: d.riskLevel, isChild: d.isChild, detectedAt: d.detectedAt,
    dueAt: d.dueAt, firstInterventionAt: d.firstInterventionAt, isOverdue: d.isOverdue, assignedOfficer: d.assignedOfficer, forms: d.forms,
  };
}

/** The case a queued change is about: its server id, or the operation id of a case opened offline. */
const caseRefOf = (caseId: string) => caseIdMap[caseId] ?? caseId;

type Body = Record<string, unknown>;
type Route = { method: string; pattern: RegExp; run: (id: string, body: Body, headers: Record<string, string>) => Promise<unknown> };

const ID = '([0-9a-f-]{36})';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const routes: Route[] = [
  {
    method: 'POST', pattern: /^\/api\/cases$/,
    run: async (_id, body, headers) => {
      const user = await me();
      // The intake's draft key is a UUID: the same draft, sent online or queued, opens one case.
      const key = headers['Idempotency-Key'];
      const opId = key !== undefined && UUID.test(key) ? key.toLowerCase() : newOpId();
      const existing = await getRecord<CaseDetail>('snapshot', `/api/cases/${opId}`);
      if (existing) return existing;
      await queue('case.open', body, i18n.t('offline.ops.caseOpen'), undefined, opId);
      const locals = (await getSetting<string[]>(SETTINGS.localCases)) ?? [];
      await putSetting(SETTINGS.localCases, [...locals, opId]);
      // The case page's other parts start empty, and the timeline says the case waits to be sent.
      const base = `/api/cases/${opId}`;
      for (const part of ['/measures', '/follow-ups', '/consents', '/referrals', '/perpetrators']) await putRecord('snapshot', `${base}${part}`, { items: [] });
      await putRecord('snapshot', `${base}/support-plan`, { plan: null });
      await putRecord('snapshot', `${base}/timeline`, { items: [] });
      await prependTimeline(opId, { kind: 'created', details: { detectionSource: body.detectionSource }, note: null }, opId, user);
      const config = await snapshot<{ timeLimits: TimeLimits }>('/api/cases/config');
      return saveDetail(localCase(opId, body, user, { ...DEFAULT_TIME_LIMITS, ...config?.timeLimits }));
    },
  },
  { method: 'POST', pattern: /^\/api\/(cases|perpetrators)\/duplicates$/, run: async () => ({ items: [] }) },
  {
    method: 'POST', pattern: new RegExp(`^/api/cases/${ID}/follow-ups$`),
    run: async (id, body, headers) => {
      const caseId = id;
      const user = await me();
      const detail = await caseDetail(caseId);
      const input = body as unknown as FollowUpCreate;
      const opId = await queue('case.follow_up', body, i18n.t('offline.ops.followUp', { code: detail.code }), caseRefOf(caseId), carriedOpId(headers));
      const key = `/api/cases/${caseId}/follow-ups`;
      const current = (await getRecord<{ items: unknown[] }>('snapshot', key)) ?? { items: [] };
      const item = {
        id: opId, contactedAt: input.contactedAt, method: input.method, survivorSafe: input.survivorSafe, violenceRecurred: input.violenceRecurred,
        newNeeds: input.newNeeds ?? [], nextFollowUpOn: input.nextFollowUpOn ?? null, note: input.note ?? null, createdBy: person(user), createdAt: nowIso(), pending: true,
      };
      const next = { items: [item, ...current.items] };
      await putRecord('snapshot', key, next);
      await prependTimeline(caseId, { kind: 'follow_up', details: { method: input.method, survivorSafe: input.survivorSafe }, note: null }, opId, user);
      return next;
    },
  },
  {
    method: 'POST', pattern: new RegExp(`^/api/cases/${ID}/notes$`),
    run: async (id, body, headers) => {
      const user = await me();
      const detail = await caseDetail(id);
      const opId = await queue('case.note', body, i18n.t('offline.ops.note', { code: detail.code }), caseRefOf(id), carriedOpId(headers));
      await prependTimeline(id, { kind: 'note', details: {}, note: typeof body.body === 'string' ? body.body : null }, opId, user);
      return { ok: true };
    },
  },
  {
    method: 'POST', pattern: new RegExp(`^/api/cases/${ID}/services$`),
    run: async (id, body, headers) => {
      const user = await me();
      const detail = await caseDetail(id);
      const opId = await queue('case.service', body, i18n.t('offline.ops.service', { code: detail.code }), caseRefOf(id), carriedOpId(headers));
      await prependTimeline(id, { kind: 'service', details: { serviceType: body.serviceType, givenAt: body.givenAt }, note: typeof body.outcome === 'string' ? body.outcome : null }, opId, user);
      return saveDetail({ ...detail, hasServiceOrReferral: true });
    },
  },
  {
    method: 'POST', pattern: new RegExp(`^/api/cases/${ID}/measures$`),
    run: async (id, body, headers) => {
      const user = await me();
      const detail = await caseDetail(id);
      const opId = await queue('case.measure', body, i18n.t('offline.ops.measure', { code: detail.code }), caseRefOf(id), carriedOpId(headers));
      const key = `/api/cases/${id}/measures`;
      const current = (await getRecord<{ items: unknown[] }>('snapshot', key)) ?? { items: [] };
      const at = nowIso();
      const item = {
        id: opId, type: body.type, issuer: body.issuer, status: body.status, decisionNumber: body.decisionNumber ?? null, requestedAt: body.requestedAt ?? null,
        decidedAt: body.decidedAt ?? null, startsAt: body.startsAt ?? at, endsAt: body.endsAt ?? null, isActive: body.status === 'in_effect', decisionDueAt: null,
        expiresAt: body.endsAt ?? null, allowedTransitions: [], note: body.note ?? null, createdBy: person(user), createdAt: at, updatedAt: at, pending: true,
      };
      const next = { items: [item, ...current.items] };
      await putRecord('snapshot', key, next);
      await prependTimeline(id, { kind: 'measure', details: { type: body.type, status: body.status }, note: null }, opId, user);
      return next;
    },
  },
  {
    method: 'POST', pattern: new RegExp(`^/api/cases/${ID}/risk-assessments$`),
    run: async (id, body, headers) => {
      const user = await me();
      const detail = await caseDetail(id);
      const config = await snapshot<{ riskChecklist: RiskChecklist; timeLimits: TimeLimits }>('/api/cases/config');
      const input = body as unknown as RiskAssessmentCreate;
      const opId = await queue('case.risk_assessment', body, i18n.t('offline.ops.risk', { code: detail.code }), caseRefOf(id), carriedOpId(headers));
      const result = config ? assessRisk(input.answers, config.riskChecklist) : null;
      const level = input.levelOverride ?? result?.level ?? detail.riskLevel;
      await prependTimeline(id, { kind: 'risk_assessment', details: { level, score: result?.score ?? null }, note: null }, opId, user);
      // The first assessment sets the first-intervention limit (2 h for critical risk), as on the server.
      const firstRiskLevel = detail.firstRiskLevel ?? level ?? null;
      const dueAt = config ? firstInterventionDueAt(detail.detectedAt, firstRiskLevel, { ...DEFAULT_TIME_LIMITS, ...config.timeLimits }) : detail.dueAt;
      return saveDetail({ ...detail, riskLevel: level ?? null, firstRiskLevel, dueAt, status: detail.status === 'reported' ? 'assessed' : detail.status });
    },
  },
  {
    method: 'PATCH', pattern: new RegExp(`^/api/cases/${ID}/details$`),
    run: async (id, body, headers) => {
      const detail = await caseDetail(id);
      await queue('case.details', body, i18n.t('offline.ops.details', { code: detail.code }), caseRefOf(id), carriedOpId(headers));
      const changes = (body.changes ?? {}) as Record<string, { to: string | null }>;
      const next: CaseDetail = { ...detail };
      if (changes.safetyPlan) next.safetyPlan = changes.safetyPlan.to;
      if (changes.nextFollowUpOn) next.nextFollowUpOn = changes.nextFollowUpOn.to;
      if (changes.villageId) next.village = changes.villageId.to === null ? null : { ...(detail.village ?? detail.unit), id: changes.villageId.to, name: i18n.t('offline.pendingValue'), code: '', kind: 'village' };
      return saveDetail(next);
    },
  },
  {
    method: 'POST', pattern: /^\/api\/outreach\/activities$/,
    run: async (_id, body, headers) => {
      const user = await me();
      const input = body as unknown as OutreachActivityInput;
      const opId = await queue('outreach.activity', body, i18n.t('offline.ops.activity', { date: input.activityDate }), undefined, carriedOpId(headers));
      const at = nowIso();
      const unit = user.unit ?? { id: input.unitId, code: '', name: '', kind: 'commune' };
      const activity: OutreachActivityView = {
        id: opId, activityDate: input.activityDate, unit: { ...unit, id: input.unitId }, village: null, format: input.format, topic: input.topic,
        language: input.language, languageOther: input.languageOther ?? null, materials: input.materials ?? [], facilitatorMemberId: input.facilitatorMemberId ?? null,
        campaign: input.campaign ?? null, campaignNote: input.campaignNote ?? null, countingBasis: input.countingBasis, audiences: input.audiences,
        audienceTotal: input.audiences.reduce((sum, a) => sum + a.female + a.male + a.unknownSex, 0), note: input.note ?? null, isImported: false,
        createdBy: person(user), createdAt: at, updatedAt: at, canEdit: false,
      };
      const list = (await getRecord<{ items: unknown[]; total: number }>('snapshot', '/api/outreach/activities')) ?? { items: [], total: 0, page: 1, pageSize: 50 };
      await putRecord('snapshot', '/api/outreach/activities', { ...list, items: [{ ...activity, pending: true }, ...list.items], total: list.total + 1 });
      return { activity, warnings: [] };
    },
  },
];

function localCase(id: string, body: Body, user: Me, limits: TimeLimits): CaseDetail {
  const at = nowIso();
  const survivor = (body.survivor ?? {}) as Record<string, unknown>;
  const unitId = typeof body.unitId === 'string' ? body.unitId : '';
  const unit = user.unit && user.unit.id === unitId ? user.unit : { id: unitId, code: '', name: '', kind: 'commune' };
  const detectedAt = typeof body.detectedAt === 'string' ? body.detectedAt : at;
  return {
    id, code: i18n.t('offline.localCode'), unit, status: 'reported', riskLevel: null, isChild: false, detectedAt,
    dueAt: firstInterventionDueAt(detectedAt, null, limits), firstInterventionAt: null, isOverdue: false, assignedOfficer: null, forms: [],
    village: null, detectionSource: body.detectionSource as CaseDetail['detectionSource'], receivedBy: person(user), closureReason: null, firstRiskLevel: null,
    hasServiceOrReferral: false,
    survivor: { sex: (survivor.sex ?? 'female') as CaseDetail['survivor']['sex'], ageGroup: 'unknown', ethnicityCode: null, hasDisability: false },
    incidents: [], riskAssessments: [], canIdentify: false, canEdit: true, allowedTransitions: [], closureRequest: null, version: 0,
    safetyPlan: null, nextFollowUpOn: null,
  };
}

/** Registered with the API client: answers requests from the device while the connection is down. */
/** Writes that become sync operations carry their op id online too; the intake keeps its draft key. */
const QUEUED_WRITES = /^\/api\/(cases\/[0-9a-f-]{36}\/(follow-ups|notes|services|measures|risk-assessments|details)|outreach\/activities)$/;

export const offlineHandler: OfflineHandler = {
  // Only a device prepared for offline work queues a write whose answer was lost, so only then is the id needed.
  opIdFor: (method, path) => (method !== 'GET' && isUnlocked() && QUEUED_WRITES.test(stripQuery(path)) ? newOpId() : null),
  isActive: () => typeof navigator !== 'undefined' && navigator.onLine === false,
  mapPath: mapCasePath,
  reached: (value) => {
    if (networkDown === value) setNetworkDown(!value);
  },
  async handle(method, rawPath, body, headers) {
    if (!isUnlocked()) {
      const info = await vaultInfo();
      if (info.state === 'locked') throw lockedError();
      // Not prepared for offline work: the plain "no connection" answer, as without this layer.
      throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
    }
    const path = rawPath;
    if (method === 'GET') {
      const found = await snapshot(path);
      if (found !== undefined) return found;
      throw needsConnection();
    }
    const target = stripQuery(path);
    for (const route of routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(target);
      if (!match) continue;
      const answer = await route.run(match[1] ?? '', (body ?? {}) as Body, headers);
      // The page says "saved"; this says where: on this device, to be sent when the signal returns.
      if (!route.pattern.source.endsWith('duplicates$')) notifications.show({ color: 'orange', message: i18n.t('offline.queuedNotice') });
      return answer;
    }
    throw needsConnection();
  },
};
