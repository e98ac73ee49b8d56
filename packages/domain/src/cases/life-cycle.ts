// The life of a case (DOMAIN.md §4): statuses and the moves between them, closure reasons, case codes,
// detection sources, support services, and the protection measures of Law 13/2022 Art. 22 with their legal limits.
import { z } from 'zod';
import type { BilingualLabel } from './labels.js';
import type { CaseIssueKey } from './messages.js';
import { addHours, addMonths, instantMs } from './time.js';

export const CASE_STATUSES = ['reported', 'assessed', 'support_plan', 'in_support', 'follow_up', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, BilingualLabel>> = {
  reported: { vi: 'Mới tiếp nhận', en: 'Reported' },
  assessed: { vi: 'Đã đánh giá nguy cơ', en: 'Risk assessed' },
  support_plan: { vi: 'Lập kế hoạch hỗ trợ', en: 'Support plan' },
  in_support: { vi: 'Đang hỗ trợ', en: 'In support' },
  follow_up: { vi: 'Theo dõi, thăm hỏi sau hỗ trợ', en: 'Follow-up' },
  closed: { vi: 'Đã đóng hồ sơ', en: 'Closed' },
};

/**
 * Allowed moves. Work goes forward one step at a time; a plan can be revised while support is under way
 * and a follow-up can reveal new needs; any open case can be closed (a duplicate or a report that was
 * not violence is closed at once); a reopened case starts again at "reported", because the survivor's
 * risk has to be assessed afresh.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  reported: ['assessed', 'closed'],
  assessed: ['support_plan', 'closed'],
  support_plan: ['in_support', 'closed'],
  in_support: ['follow_up', 'support_plan', 'closed'],
  follow_up: ['in_support', 'closed'],
  closed: ['reported'],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

export function isOpenStatus(status: CaseStatus): boolean {
  return status !== 'closed';
}

export const CLOSURE_REASONS = [
  'safe_and_supported',
  'survivor_declined',
  'transferred',
  'lost_contact',
  'survivor_died',
  'not_violence',
  'duplicate',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const CLOSURE_REASON_LABELS: Readonly<Record<ClosureReason, BilingualLabel>> = {
  safe_and_supported: { vi: 'Người bị bạo lực đã an toàn và được hỗ trợ theo nhu cầu', en: 'The survivor is safe and has received the support needed' },
  survivor_declined: { vi: 'Người bị bạo lực không muốn tiếp tục nhận hỗ trợ', en: 'The survivor chose not to continue' },
  transferred: { vi: 'Chuyển đến địa phương hoặc cơ quan khác quản lý', en: 'Transferred to another area or agency' },
  lost_contact: { vi: 'Mất liên lạc với người bị bạo lực', en: 'Contact with the survivor was lost' },
  survivor_died: { vi: 'Người bị bạo lực đã qua đời', en: 'The survivor has died' },
  not_violence: { vi: 'Xác minh không phải hành vi bạo lực', en: 'Verified as not violence' },
  duplicate: { vi: 'Trùng với hồ sơ khác', en: 'Duplicate of another case' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
};

/** Reasons that say too little on their own and need a written note. */
export const CLOSURE_REASONS_NEEDING_NOTE: readonly ClosureReason[] = ['other', 'duplicate', 'transferred'];

/** Mã hồ sơ: `<unit code>-<year>-<sequence>`, the sequence padded to 4 digits so codes sort as numbers. */
export function formatCaseCode(unitCode: string, year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError('year must have 4 digits');
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError('sequence must be a positive integer');
  return `${unitCode}-${year}-${String(sequence).padStart(4, '0')}`;
}

/** Split a case code; the unit code may itself contain dashes, so it is read from the right. */
export function parseCaseCode(code: string): { unitCode: string; year: number; sequence: number } | null {
  const match = /^(.+)-(\d{4})-(\d{4,})$/.exec(code);
  if (!match) return null;
  const [, unitCode = '', year = '', sequence = ''] = match;
  if (Number(sequence) < 1) return null;
  return { unitCode, year: Number(year), sequence: Number(sequence) };
}

/** Nguồn phát hiện (DOMAIN.md §4). */
export const DETECTION_SOURCES = [
  'survivor',
  'family',
  'neighbour',
  'village_head',
  'communicator',
  'mass_organisation',
  'commune_police',
  'health_facility',
  'school',
  'hotline',
  'anonymous_report',
  'other',
] as const;
export type DetectionSource = (typeof DETECTION_SOURCES)[number];

export const DETECTION_SOURCE_LABELS: Readonly<Record<DetectionSource, BilingualLabel>> = {
  survivor: { vi: 'Người bị bạo lực tự báo tin', en: 'The survivor' },
  family: { vi: 'Người thân trong gia đình', en: 'Family member' },
  neighbour: { vi: 'Hàng xóm', en: 'Neighbour' },
  village_head: { vi: 'Trưởng thôn, tổ trưởng tổ dân phố', en: 'Village head' },
  communicator: { vi: 'Tuyên truyền viên, cộng tác viên', en: 'Communicator or collaborator' },
  mass_organisation: { vi: 'Tổ chức chính trị - xã hội (Hội Liên hiệp Phụ nữ …)', en: "Mass organisation (Women's Union …)" },
  commune_police: { vi: 'Công an xã', en: 'Commune police' },
  health_facility: { vi: 'Cơ sở y tế', en: 'Health facility' },
  school: { vi: 'Cơ sở giáo dục', en: 'School' },
  hotline: { vi: 'Đường dây nóng, tổng đài', en: 'Hotline' },
  anonymous_report: { vi: 'Tin báo ẩn danh từ cộng đồng', en: 'Anonymous community report' },
  other: { vi: 'Nguồn khác', en: 'Other' },
};

/** Dịch vụ hỗ trợ (DOMAIN.md §4): what is given or referred to, and what consent to share is asked for. */
export const SUPPORT_SERVICE_TYPES = [
  'health_care',
  'psychosocial_counselling',
  'legal_aid',
  'police_protection',
  'temporary_shelter',
  'essential_needs',
  'economic_support',
  'education',
  'follow_up_visit',
] as const;
export type SupportServiceType = (typeof SUPPORT_SERVICE_TYPES)[number];

export const SUPPORT_SERVICE_TYPE_LABELS: Readonly<Record<SupportServiceType, BilingualLabel>> = {
  health_care: { vi: 'Chăm sóc, điều trị y tế', en: 'Health care' },
  psychosocial_counselling: { vi: 'Tư vấn tâm lý', en: 'Psychosocial counselling' },
  legal_aid: { vi: 'Trợ giúp pháp lý', en: 'Legal aid' },
  police_protection: { vi: 'Bảo vệ của cơ quan công an', en: 'Police protection' },
  temporary_shelter: { vi: 'Nơi tạm lánh (kể cả địa chỉ tin cậy)', en: 'Temporary shelter (including a trusted address)' },
  essential_needs: { vi: 'Hỗ trợ nhu cầu thiết yếu', en: 'Essential needs' },
  economic_support: { vi: 'Hỗ trợ kinh tế, sinh kế', en: 'Economic support' },
  education: { vi: 'Hỗ trợ học tập', en: 'Education' },
  follow_up_visit: { vi: 'Thăm hỏi, theo dõi', en: 'Follow-up visits' },
};

/** Biện pháp ngăn chặn, bảo vệ: Law 13/2022/QH15 Art. 22(1), points a–l, in the law's order. */
export const PROTECTION_MEASURE_TYPES = [
  'stop_violence_order',
  'summons_to_commune_police',
  'no_contact',
  'shelter_and_essential_needs',
  'medical_care',
  'legal_aid_and_counselling',
  'behaviour_change_education',
  'community_criticism',
  'community_service',
  'administrative_measures',
  'criminal_procedure_measures',
] as const;
export type ProtectionMeasureType = (typeof PROTECTION_MEASURE_TYPES)[number];

export const PROTECTION_MEASURE_LABELS: Readonly<Record<ProtectionMeasureType, BilingualLabel & { point: string }>> = {
  stop_violence_order: { point: 'a', vi: 'Buộc chấm dứt hành vi bạo lực gia đình', en: 'Order to stop the violence' },
  summons_to_commune_police: {
    point: 'b',
    vi: 'Yêu cầu người có hành vi bạo lực gia đình đến trụ sở Công an xã nơi xảy ra hành vi bạo lực gia đình',
    en: 'Summoning the perpetrator to the commune police station',
  },
  no_contact: { point: 'c', vi: 'Cấm tiếp xúc', en: 'No-contact order' },
  shelter_and_essential_needs: { point: 'd', vi: 'Bố trí nơi tạm lánh và hỗ trợ nhu cầu thiết yếu', en: 'Shelter and essential needs' },
  medical_care: { point: 'đ', vi: 'Chăm sóc, điều trị người bị bạo lực gia đình', en: 'Medical care and treatment of the survivor' },
  legal_aid_and_counselling: {
    point: 'e',
    vi: 'Trợ giúp pháp lý và tư vấn tâm lý, kỹ năng để ứng phó với hành vi bạo lực gia đình',
    en: 'Legal aid and counselling on coping with the violence',
  },
  behaviour_change_education: { point: 'g', vi: 'Giáo dục, hỗ trợ chuyển đổi hành vi bạo lực gia đình', en: 'Behaviour-change education' },
  community_criticism: {
    point: 'h',
    vi: 'Góp ý, phê bình người có hành vi bạo lực gia đình trong cộng đồng dân cư',
    en: 'Community criticism of the perpetrator',
  },
  community_service: { point: 'i', vi: 'Thực hiện công việc phục vụ cộng đồng', en: 'Community service' },
  administrative_measures: {
    point: 'k',
    vi: 'Các biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính theo quy định của pháp luật về xử lý vi phạm hành chính',
    en: 'Preventive measures under the law on administrative violations',
  },
  criminal_procedure_measures: {
    point: 'l',
    vi: 'Các biện pháp ngăn chặn, bảo vệ người bị hại theo quy định của pháp luật về tố tụng hình sự',
    en: 'Preventive and victim-protection measures under the law on criminal procedure',
  },
};

/** Who decides or carries out a measure. */
export const MEASURE_ISSUERS = [
  'commune_chairman',
  'commune_police',
  'police_or_border_guard',
  'court',
  'residential_community',
  'service_provider',
  'other',
] as const;
export type MeasureIssuer = (typeof MEASURE_ISSUERS)[number];

export const MEASURE_ISSUER_LABELS: Readonly<Record<MeasureIssuer, BilingualLabel>> = {
  commune_chairman: { vi: 'Chủ tịch Ủy ban nhân dân cấp xã', en: "Chairman of the commune People's Committee" },
  commune_police: { vi: 'Công an xã', en: 'Commune police' },
  police_or_border_guard: { vi: 'Cơ quan Công an, Đồn Biên phòng', en: 'Police or border guard post' },
  court: { vi: 'Tòa án nhân dân', en: "People's Court" },
  residential_community: { vi: 'Cộng đồng dân cư (thôn, tổ dân phố)', en: 'Residential community (village)' },
  service_provider: { vi: 'Cơ sở cung cấp dịch vụ', en: 'Service provider' },
  other: { vi: 'Khác', en: 'Other' },
};

export const MEASURE_STATUSES = ['requested', 'in_effect', 'ended', 'revoked', 'breached'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const MEASURE_STATUS_LABELS: Readonly<Record<MeasureStatus, BilingualLabel>> = {
  requested: { vi: 'Đã đề nghị', en: 'Requested' },
  in_effect: { vi: 'Đang có hiệu lực', en: 'In effect' },
  ended: { vi: 'Đã hết hạn hoặc kết thúc', en: 'Ended' },
  revoked: { vi: 'Đã hủy bỏ', en: 'Revoked' },
  breached: { vi: 'Bị vi phạm', en: 'Breached' },
};

export interface MeasureLimit {
  type: ProtectionMeasureType;
  issuer: MeasureIssuer;
  /** The longest term one decision may set. */
  maxDuration: { hours: number } | { months: number };
  /** Hours the issuer has to decide after the request, when the law sets a deadline. */
  decideWithinHours?: number;
}

/**
 * Legal limits (Law 13/2022/QH15): a no-contact order by the commune chairman lasts at most 3 days each
 * time and is decided within 12 hours of the request; one by a court lasts at most 4 months. Only these
 * two issuers may order no contact. Kept as data because the law may change.
 */
export const DEFAULT_MEASURE_LIMITS: readonly MeasureLimit[] = [
  { type: 'no_contact', issuer: 'commune_chairman', maxDuration: { hours: 72 }, decideWithinHours: 12 },
  { type: 'no_contact', issuer: 'court', maxDuration: { months: 4 } },
];

export type MeasureIssue = Extract<CaseIssueKey, 'measure_end_before_start' | 'measure_too_long' | 'measure_issuer_not_allowed'>;

/**
 * Check a measure's term against the law: the issuer must be one the limits name for that type (when
 * the limits name any), the end must not come before the start, and the term must not exceed the
 * maximum. Start and end are ISO datetimes; a term of exactly the maximum is allowed.
 */
export function checkMeasureDuration(
  type: ProtectionMeasureType,
  issuer: MeasureIssuer,
  start: string,
  end: string,
  limits: readonly MeasureLimit[] = DEFAULT_MEASURE_LIMITS,
): MeasureIssue | null {
  const forType = limits.filter((limit) => limit.type === type);
  const limit = forType.find((l) => l.issuer === issuer);
  if (forType.length > 0 && limit === undefined) return 'measure_issuer_not_allowed';
  if (instantMs(end) < instantMs(start)) return 'measure_end_before_start';
  if (limit === undefined) return null;
  const latestEnd = 'hours' in limit.maxDuration ? addHours(start, limit.maxDuration.hours) : addMonths(start, limit.maxDuration.months);
  return instantMs(end) > instantMs(latestEnd) ? 'measure_too_long' : null;
}

/** Whether a measure of this type must have an end (it has a legal maximum term). */
export function measureNeedsEnd(type: ProtectionMeasureType, limits: readonly MeasureLimit[] = DEFAULT_MEASURE_LIMITS): boolean {
  return limits.some((limit) => limit.type === type);
}

/** When the decision on a requested measure is due, or null when the law sets no deadline. */
export function measureDecisionDueAt(
  type: ProtectionMeasureType,
  issuer: MeasureIssuer,
  requestedAt: string,
  limits: readonly MeasureLimit[] = DEFAULT_MEASURE_LIMITS,
): string | null {
  const hours = limits.find((l) => l.type === type && l.issuer === issuer)?.decideWithinHours;
  return hours === undefined ? null : addHours(requestedAt, hours);
}

/**
 * Whether a measure protects the survivor at a moment: in effect, started, and not past its end. A
 * no-contact order therefore stops showing as active by itself when its term runs out.
 */
export function isMeasureActive(measure: { status: MeasureStatus; startsAt: string; endsAt: string | null }, now: string): boolean {
  if (measure.status !== 'in_effect' && measure.status !== 'breached') return false;
  const at = instantMs(now);
  return instantMs(measure.startsAt) <= at && (measure.endsAt === null || at <= instantMs(measure.endsAt));
}

export const MeasureLimitsConfig = z
  .array(
    z.strictObject({
      type: z.enum(PROTECTION_MEASURE_TYPES),
      issuer: z.enum(MEASURE_ISSUERS),
      maxDuration: z.union([
        z.strictObject({ hours: z.number().positive().max(24 * 366) }),
        z.strictObject({ months: z.number().int().positive().max(120) }),
      ]),
      decideWithinHours: z.number().positive().max(24 * 30).optional(),
    }),
  )
  .max(50);
