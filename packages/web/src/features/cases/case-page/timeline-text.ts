// Readable lines for the case timeline. The server sends a kind and a few details per entry; a detail
// this app does not know is left out rather than printed raw.
import {
  CASE_STATUS_LABELS,
  CLOSURE_REASON_LABELS,
  DETECTION_SOURCE_LABELS,
  GBVIMS_TYPE_LABELS,
  isViolenceAct,
  FOLLOW_UP_METHOD_LABELS,
  COUNSELLING_ATTENDANCE_LABELS,
  MEASURE_STATUS_LABELS,
  PERPETRATOR_MEASURE_LABELS,
  PERPETRATOR_MEASURE_STATUS_LABELS,
  PERPETRATOR_RELATIONSHIP_LABELS,
  PROTECTION_MEASURE_LABELS,
  REFERRAL_STATUSES,
  RISK_LEVEL_LABELS,
  SUPPORT_SERVICE_TYPE_LABELS,
  SURVIVOR_SAFETY_LABELS,
  VIOLENCE_ACT_DEFINITIONS,
  type TimelineEntry,
} from '@binhan/domain';
import i18n from 'i18next';
import { formatDate, formatDateTime } from '../../../lib/format';
import { labelOf, type Locale } from '../case-labels';

export const TIMELINE_KINDS = [
  'created', 'incident', 'risk_assessment', 'first_intervention', 'service', 'status', 'assigned', 'note', 'identity_viewed',
  'consent', 'consent_withdrawn', 'referral', 'referral_status', 'measure', 'measure_status', 'follow_up', 'closure_requested', 'support_plan',
  'community_report_linked', 'perpetrator_link', 'perpetrator_link_update', 'perpetrator_unlink', 'perpetrator_counselling', 'perpetrator_counselling_removed',
  'perpetrator_measure', 'perpetrator_measure_update', 'details'] as const;
type Kind = (typeof TIMELINE_KINDS)[number];

function isKind(kind: string): kind is Kind {
  return (TIMELINE_KINDS as readonly string[]).includes(kind);
}

export function timelineTitle(entry: TimelineEntry): string {
  return isKind(entry.kind) ? i18n.t(`cases.timeline.kinds.${entry.kind}`) : entry.kind;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

function officerName(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'displayName' in value) return str(value.displayName);
  return '';
}

/** The line under the title: what changed, in words. */
export function timelineDetail(entry: TimelineEntry, locale: Locale): string {
  const d = entry.details;
  if (!isKind(entry.kind)) return '';
  switch (entry.kind) {
    case 'created':
      return [str(d.code), labelOf(DETECTION_SOURCE_LABELS, d.detectionSource, locale)].filter(Boolean).join(' · ');
    case 'incident': {
      const acts = Array.isArray(d.acts) ? d.acts.filter((act): act is string => typeof act === 'string').filter(isViolenceAct) : [];
      return [labelOf(GBVIMS_TYPE_LABELS, d.gbvimsType, locale), ...acts.map((act) => VIOLENCE_ACT_DEFINITIONS[act].short[locale])].filter(Boolean).join('; ');
    }
    case 'risk_assessment': {
      const level = labelOf(RISK_LEVEL_LABELS, d.level, locale);
      return level === '' ? '' : i18n.t('cases.timeline.level', { level, score: str(d.score) || '—' });
    }
    case 'first_intervention':
      return str(d.at) === '' ? '' : i18n.t('cases.timeline.interventionAt', { at: formatDateTime(str(d.at)) });
    case 'service':
      return [labelOf(SUPPORT_SERVICE_TYPE_LABELS, d.serviceType, locale), str(d.providerName)].filter(Boolean).join(' · ');
    case 'status': {
      const move = [labelOf(CASE_STATUS_LABELS, d.from, locale), labelOf(CASE_STATUS_LABELS, d.to, locale)].filter(Boolean).join(' → ');
      return [move, labelOf(CLOSURE_REASON_LABELS, d.closureReason, locale)].filter(Boolean).join(' · ');
    }
    case 'assigned': {
      const name = officerName(d.officer) || str(d.officerName);
      if (name !== '') return i18n.t('cases.timeline.assignedTo', { name });
      return d.officerId === null || d.officer === null ? i18n.t('cases.timeline.unassigned') : '';
    }
    case 'consent': {
      const share = Array.isArray(d.shareWith) ? d.shareWith.map((code) => labelOf(SUPPORT_SERVICE_TYPE_LABELS, code, locale)).filter(Boolean) : [];
      return share.length === 0 ? '' : i18n.t('cases.timeline.shareWith', { list: share.join('; ') });
    }
    case 'referral':
      return labelOf(SUPPORT_SERVICE_TYPE_LABELS, d.serviceType, locale);
    case 'referral_status': {
      const status = REFERRAL_STATUSES.find((code) => code === d.status);
      return status ? i18n.t(`cases.referral.statuses.${status}`) : '';
    }
    case 'measure':
      return [labelOf(PROTECTION_MEASURE_LABELS, d.type, locale), labelOf(MEASURE_STATUS_LABELS, d.status, locale)].filter(Boolean).join(' · ');
    case 'measure_status': {
      const move = [labelOf(MEASURE_STATUS_LABELS, d.from, locale), labelOf(MEASURE_STATUS_LABELS, d.to, locale)].filter(Boolean).join(' → ');
      return [labelOf(PROTECTION_MEASURE_LABELS, d.type, locale), move].filter(Boolean).join(' · ');
    }
    case 'follow_up':
      return [labelOf(FOLLOW_UP_METHOD_LABELS, d.method, locale), labelOf(SURVIVOR_SAFETY_LABELS, d.survivorSafe, locale)].filter(Boolean).join(' · ');
    case 'closure_requested':
      return labelOf(CLOSURE_REASON_LABELS, d.closureReason, locale);
    case 'support_plan': {
      const status = (['draft', 'submitted', 'approved', 'returned'] as const).find((code) => code === d.status);
      return status ? i18n.t(`cases.timeline.planStatuses.${status}`) : '';
    }
    case 'perpetrator_link':
    case 'perpetrator_link_update':
    case 'perpetrator_unlink':
      return [str(d.code), labelOf(PERPETRATOR_RELATIONSHIP_LABELS, d.relationship, locale)].filter(Boolean).join(' · ');
    case 'perpetrator_counselling':
    case 'perpetrator_counselling_removed':
      return [str(d.code), str(d.heldOn) === '' ? '' : formatDate(str(d.heldOn)), labelOf(COUNSELLING_ATTENDANCE_LABELS, d.attendance, locale)].filter(Boolean).join(' · ');
    case 'perpetrator_measure':
    case 'details': {
      // The fields changed; the date is shown, the safety plan's text never reaches the timeline.
      const fields = Array.isArray(d.fields) ? d.fields.filter((f): f is 'villageId' | 'safetyPlan' | 'nextFollowUpOn' => f === 'villageId' || f === 'safetyPlan' || f === 'nextFollowUpOn') : [];
      return fields.map((f) => {
        const label = i18n.t(`sync.fields.${f}`);
        if (f === 'nextFollowUpOn') return `${label}: ${str(d.nextFollowUpOn) === '' ? i18n.t('sync.empty') : formatDate(str(d.nextFollowUpOn))}`;
        return label;
      }).join('; ');
    }
    case 'perpetrator_measure_update':
      return [
        str(d.code),
        labelOf(PERPETRATOR_MEASURE_LABELS, d.type, locale),
        str(d.decidedOn) === '' ? '' : formatDate(str(d.decidedOn)),
        labelOf(PERPETRATOR_MEASURE_STATUS_LABELS, d.status, locale),
      ].filter(Boolean).join(' · ');
    case 'community_report_linked': {
      const outcome = (['case_opened', 'linked'] as const).find((code) => code === d.outcome);
      return [str(d.reference) === '' ? '' : i18n.t('cases.timeline.reportReference', { reference: str(d.reference) }), outcome ? i18n.t(`communityReports.detail.outcomes.${outcome}`) : ''].filter(Boolean).join(' · ');
    }
    case 'note':
    case 'identity_viewed':
    case 'consent_withdrawn':
      return '';
  }
}
