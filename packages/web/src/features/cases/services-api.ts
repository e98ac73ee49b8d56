// Consent, referrals, the service directory, protection measures, follow-ups, alerts and a provider's
// inbox. Case-bound keys live under "cases" so every action on a case refreshes them with the case.
import type {
  ConsentCreate,
  ConsentView,
  FollowUpCreate,
  MeasureIssuer,
  MeasureStatus,
  ProtectionMeasureCreate,
  ProtectionMeasureType,
  ProviderInput,
  ProviderView,
  ReferralCreate,
  ReferralResponse,
  ReferralView,
  SupportPlanDecision,
  SupportPlanInput,
  SupportPlanView,
  SupportServiceType,
  SurvivorSafety,
  FollowUpMethod,
} from '@binhan/domain';
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api';

/** What the server answers for a protection measure (packages/server measures/service.ts MeasureView). */
export interface MeasureView {
  id: string;
  type: ProtectionMeasureType;
  issuer: MeasureIssuer;
  status: MeasureStatus;
  decisionNumber: string | null;
  requestedAt: string | null;
  decidedAt: string | null;
  startsAt: string;
  endsAt: string | null;
  isActive: boolean;
  decisionDueAt: string | null;
  expiresAt: string | null;
  allowedTransitions: MeasureStatus[];
  note: string | null;
  createdBy: { id: string; displayName: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface MeasureStatusChange {
  status: Exclude<MeasureStatus, 'requested'>;
  decidedAt?: string | undefined;
  decisionNumber?: string | undefined;
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  note?: string | undefined;
}

export interface FollowUpView {
  id: string;
  contactedAt: string;
  method: FollowUpMethod;
  survivorSafe: SurvivorSafety;
  violenceRecurred: boolean;
  newNeeds: SupportServiceType[];
  nextFollowUpOn: string | null;
  note: string | null;
  createdBy: { id: string; displayName: string } | null;
  createdAt: string;
}

export const ALERT_KINDS = ['first_intervention', 'no_contact_decision', 'no_contact_ending', 'referral_unanswered'] as const;

export interface AlertView {
  kind: (typeof ALERT_KINDS)[number];
  severity: 'overdue' | 'due_soon';
  caseId: string;
  caseCode: string;
  dueAt: string;
}

export const serviceKeys = {
  consents: (id: string) => ['cases', 'consents', id] as const,
  referrals: (id: string) => ['cases', 'referrals', id] as const,
  measures: (id: string) => ['cases', 'measures', id] as const,
  followUps: (id: string) => ['cases', 'follow-ups', id] as const,
  supportPlan: (id: string) => ['cases', 'support-plan', id] as const,
  alerts: ['cases', 'alerts'] as const,
  providers: (query: Record<string, string | undefined>) => ['providers', query] as const,
  providersAll: ['providers'] as const,
  inbox: (status: 'open' | 'all') => ['referrals', 'inbox', status] as const,
  inboxAll: ['referrals'] as const,
};

const casePath = (id: string, rest: string) => `/api/cases/${encodeURIComponent(id)}${rest}`;

export const recordConsent = (id: string, input: ConsentCreate) => api.post<{ items: ConsentView[] }>(casePath(id, '/consents'), input);
export const withdrawConsent = (id: string, consentId: string, note: string | undefined) =>
  api.post<{ items: ConsentView[] }>(casePath(id, `/consents/${encodeURIComponent(consentId)}/withdraw`), { note });
export const createReferral = (id: string, input: ReferralCreate) => api.post<{ items: ReferralView[] }>(casePath(id, '/referrals'), input);
export const addMeasure = (id: string, input: ProtectionMeasureCreate) => api.post<{ items: MeasureView[] }>(casePath(id, '/measures'), input);
export const changeMeasure = (id: string, measureId: string, input: MeasureStatusChange) =>
  api.patch<{ items: MeasureView[] }>(casePath(id, `/measures/${encodeURIComponent(measureId)}`), input);
export const addFollowUp = (id: string, input: FollowUpCreate) => api.post<{ items: FollowUpView[] }>(casePath(id, '/follow-ups'), input);
export const saveSupportPlan = (id: string, input: SupportPlanInput) => api.put<{ plan: SupportPlanView | null }>(casePath(id, '/support-plan'), input);
export const submitSupportPlan = (id: string) => api.post<{ plan: SupportPlanView | null }>(casePath(id, '/support-plan/submit'));
export const decideSupportPlan = (id: string, input: SupportPlanDecision) => api.post<{ plan: SupportPlanView | null }>(casePath(id, '/support-plan/decide'), input);
export const respondToReferral = (id: string, input: ReferralResponse) => api.post<ReferralView>(`/api/referrals/${encodeURIComponent(id)}/respond`, input);
export const createProvider = (input: ProviderInput) => api.post<ProviderView>('/api/providers', input);
export const updateProvider = (id: string, input: ProviderInput) => api.put<ProviderView>(`/api/providers/${encodeURIComponent(id)}`, input);

function useCaseList<T>(key: readonly unknown[], id: string, rest: string, enabled = true) {
  return useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => (await api.get<{ items: T[] }>(casePath(id, rest), { signal })).items,
    enabled,
  });
}

export const useConsents = (id: string) => useCaseList<ConsentView>(serviceKeys.consents(id), id, '/consents');
export const useReferrals = (id: string) => useCaseList<ReferralView>(serviceKeys.referrals(id), id, '/referrals');
export const useMeasures = (id: string) => useCaseList<MeasureView>(serviceKeys.measures(id), id, '/measures');
export const useFollowUps = (id: string) => useCaseList<FollowUpView>(serviceKeys.followUps(id), id, '/follow-ups');

/** The latest support plan of the case, or null before one is drafted. */
export function useSupportPlan(id: string) {
  return useQuery({
    queryKey: serviceKeys.supportPlan(id),
    queryFn: async ({ signal }) => (await api.get<{ plan: SupportPlanView | null }>(casePath(id, '/support-plan'), { signal })).plan,
  });
}

export function useProviders(query: { serviceType?: string | undefined; servesUnitId?: string | undefined; includeInactive?: string | undefined }, enabled = true) {
  return useQuery({
    queryKey: serviceKeys.providers(query),
    queryFn: async ({ signal }) => (await api.get<{ items: ProviderView[] }>(withQuery('/api/providers', query), { signal })).items,
    enabled,
  });
}

export function useAlerts(enabled: boolean) {
  return useQuery({
    queryKey: serviceKeys.alerts,
    queryFn: async ({ signal }) => (await api.get<{ items: AlertView[] }>('/api/alerts', { signal })).items,
    refetchInterval: 60_000,
    enabled,
  });
}

export function useInbox(status: 'open' | 'all') {
  return useQuery({
    queryKey: serviceKeys.inbox(status),
    queryFn: async ({ signal }) => (await api.get<{ items: ReferralView[] }>(withQuery('/api/referrals/inbox', { status }), { signal })).items,
    refetchInterval: 60_000,
  });
}
