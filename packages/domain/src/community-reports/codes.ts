// Code lists of community reports (tin báo từ cộng đồng): what the reporter saw, when, who they are,
// how they may safely be contacted, the life of a report in the staff queue and why one is closed.
import type { BilingualLabel } from '../cases/labels.js';
import type { DetectionSource } from '../cases/life-cycle.js';

/** What happened, in the plain words of the public form; one or more, plus free text. */
export const REPORT_CONCERNS = [
  'beating',
  'threats_or_insults',
  'sexual_violence',
  'child_abuse_or_neglect',
  'confinement_or_isolation',
  'money_or_property',
  'forced_marriage',
  'eviction',
  'other',
] as const;
export type ReportConcern = (typeof REPORT_CONCERNS)[number];

export const REPORT_CONCERN_LABELS: Readonly<Record<ReportConcern, BilingualLabel>> = {
  beating: { vi: 'Đánh đập, gây thương tích', en: 'Beating or injuring' },
  threats_or_insults: { vi: 'Đe dọa, chửi mắng, lăng mạ, xúc phạm', en: 'Threats, insults or humiliation' },
  sexual_violence: { vi: 'Cưỡng ép quan hệ tình dục, xâm hại tình dục', en: 'Forced sex or sexual abuse' },
  child_abuse_or_neglect: { vi: 'Trẻ em bị bạo lực, xâm hại hoặc bị bỏ mặc', en: 'A child abused or neglected' },
  confinement_or_isolation: { vi: 'Bị nhốt, không cho ra ngoài, cấm gặp người thân', en: 'Locked in, kept from going out or seeing family' },
  money_or_property: { vi: 'Bị chiếm đoạt tiền, tài sản; bị ép làm việc quá sức', en: 'Money or property taken; forced to overwork' },
  forced_marriage: { vi: 'Bị ép tảo hôn, ép kết hôn hoặc ly hôn', en: 'Forced child marriage, marriage or divorce' },
  eviction: { vi: 'Bị đuổi ra khỏi nhà', en: 'Driven out of the home' },
  other: { vi: 'Việc khác', en: 'Something else' },
};

/** When it happened, as a reporter can say it without a calendar. */
export const REPORT_OCCURRED_WHEN = ['happening_now', 'today', 'this_week', 'this_month', 'earlier', 'repeatedly', 'not_sure'] as const;
export type ReportOccurredWhen = (typeof REPORT_OCCURRED_WHEN)[number];

export const REPORT_OCCURRED_WHEN_LABELS: Readonly<Record<ReportOccurredWhen, BilingualLabel>> = {
  happening_now: { vi: 'Đang xảy ra', en: 'Happening now' },
  today: { vi: 'Hôm nay', en: 'Today' },
  this_week: { vi: 'Trong tuần này', en: 'This week' },
  this_month: { vi: 'Trong tháng này', en: 'This month' },
  earlier: { vi: 'Lâu hơn', en: 'Longer ago' },
  repeatedly: { vi: 'Xảy ra nhiều lần, kéo dài', en: 'Again and again, over time' },
  not_sure: { vi: 'Không rõ', en: 'Not sure' },
};

/** Who is reporting; optional, and saying it does not make the report less anonymous. */
export const REPORTER_RELATIONS = ['survivor', 'family', 'neighbour', 'communicator', 'village_head', 'teacher', 'health_worker', 'other'] as const;
export type ReporterRelation = (typeof REPORTER_RELATIONS)[number];

export const REPORTER_RELATION_LABELS: Readonly<Record<ReporterRelation, BilingualLabel>> = {
  survivor: { vi: 'Tôi là người bị bạo lực', en: 'It is happening to me' },
  family: { vi: 'Người thân trong gia đình', en: 'A family member' },
  neighbour: { vi: 'Hàng xóm', en: 'A neighbour' },
  communicator: { vi: 'Tuyên truyền viên, cộng tác viên', en: 'A communicator or collaborator' },
  village_head: { vi: 'Trưởng thôn, tổ trưởng tổ dân phố', en: 'Village head' },
  teacher: { vi: 'Giáo viên, nhà trường', en: 'A teacher or school' },
  health_worker: { vi: 'Nhân viên y tế', en: 'A health worker' },
  other: { vi: 'Người khác', en: 'Someone else' },
};

/** The detection source a case opened from the report starts with; the officer may change it. */
export const DETECTION_SOURCE_OF_RELATION: Readonly<Record<ReporterRelation, DetectionSource>> = {
  survivor: 'survivor',
  family: 'family',
  neighbour: 'neighbour',
  communicator: 'communicator',
  village_head: 'village_head',
  teacher: 'school',
  health_worker: 'health_facility',
  other: 'anonymous_report',
};

export function suggestedDetectionSource(relation: ReporterRelation | null | undefined): DetectionSource {
  return relation ? DETECTION_SOURCE_OF_RELATION[relation] : 'anonymous_report';
}

/** The safest way to reach the reporter, chosen by them: the person who is violent may read the phone. */
export const REPORT_CONTACT_WAYS = ['phone_call', 'sms', 'messaging_app', 'via_trusted_person', 'at_office'] as const;
export type ReportContactWay = (typeof REPORT_CONTACT_WAYS)[number];

export const REPORT_CONTACT_WAY_LABELS: Readonly<Record<ReportContactWay, BilingualLabel>> = {
  phone_call: { vi: 'Gọi điện thoại', en: 'Phone call' },
  sms: { vi: 'Tin nhắn SMS', en: 'Text message' },
  messaging_app: { vi: 'Ứng dụng nhắn tin (Zalo …)', en: 'Messaging app (Zalo …)' },
  via_trusted_person: { vi: 'Qua một người tôi tin tưởng', en: 'Through someone I trust' },
  at_office: { vi: 'Tôi sẽ tự đến trụ sở UBND xã', en: 'I will come to the commune office' },
};

/** Ways that need a phone number. */
export const REPORT_CONTACT_WAYS_NEEDING_PHONE: readonly ReportContactWay[] = ['phone_call', 'sms', 'messaging_app'];

/** Where the report came from: the public page, or a signed-in staff member (communicator, officer). */
export const REPORT_CHANNELS = ['public', 'staff'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

export const REPORT_CHANNEL_LABELS: Readonly<Record<ReportChannel, BilingualLabel>> = {
  public: { vi: 'Trang công khai', en: 'Public page' },
  staff: { vi: 'Cán bộ, tuyên truyền viên gửi', en: 'Filed by staff' },
};

/** A report waits in the queue until triage opens a case, links it to one, or closes it. */
export const REPORT_STATUSES = ['new', 'case_opened', 'linked', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Readonly<Record<ReportStatus, BilingualLabel>> = {
  new: { vi: 'Chưa xử lý', en: 'Not yet triaged' },
  case_opened: { vi: 'Đã lập hồ sơ', en: 'Case opened' },
  linked: { vi: 'Đã gắn với hồ sơ có sẵn', en: 'Linked to an existing case' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
};

export const REPORT_CLOSE_REASONS = [
  'not_violence',
  'duplicate_report',
  'already_handled',
  'insufficient_information',
  'outside_area',
  'not_genuine',
  'other',
] as const;
export type ReportCloseReason = (typeof REPORT_CLOSE_REASONS)[number];

export const REPORT_CLOSE_REASON_LABELS: Readonly<Record<ReportCloseReason, BilingualLabel>> = {
  not_violence: { vi: 'Xác minh không phải hành vi bạo lực', en: 'Verified as not violence' },
  duplicate_report: { vi: 'Trùng với tin báo khác', en: 'Duplicate of another report' },
  already_handled: { vi: 'Đã được cơ quan khác tiếp nhận, xử lý', en: 'Already handled by another agency' },
  insufficient_information: { vi: 'Không đủ thông tin để xác minh', en: 'Not enough information to verify' },
  outside_area: { vi: 'Ngoài địa bàn, đã chuyển nơi có thẩm quyền', en: 'Outside the area, passed on' },
  not_genuine: { vi: 'Tin báo không có thật, gửi thử hoặc phá rối', en: 'Not genuine (test or nuisance)' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
};

/** Reasons that say too little on their own and need a written note. */
export const REPORT_CLOSE_REASONS_NEEDING_NOTE: readonly ReportCloseReason[] = ['other', 'outside_area', 'duplicate_report'];

/** A short reference for the reporter: 8 characters without look-alikes (no 0/O, 1/I/L), shown as XXXX-XXXX. */
export const REPORT_REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const REPORT_REFERENCE_LENGTH = 8;

export function formatReportReference(reference: string): string {
  return `${reference.slice(0, 4)}-${reference.slice(4)}`;
}

/** Read a reference as a person types it: case, spaces and the dash do not matter. Null when it cannot be one. */
export function parseReportReference(value: string): string | null {
  const compact = value.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== REPORT_REFERENCE_LENGTH) return null;
  for (const ch of compact) if (!REPORT_REFERENCE_ALPHABET.includes(ch)) return null;
  return compact;
}
