// Codes and bilingual labels of the training and network records (DOMAIN.md §6, §7).
import type { BilingualLabel } from '../cases/labels.js';

/** Topics of a training course. The GBV topics are the ones that count for T3. */
export const TRAINING_TOPICS = ['gbv_prevention_response', 'domestic_violence', 'victim_support', 'gender_equality', 'communication_skills', 'other'] as const;
export type TrainingTopic = (typeof TRAINING_TOPICS)[number];

/** Topics of a course that count as GBV prevention and response training for T3 (configurable in code review, not per deployment). */
export const GBV_TRAINING_TOPICS: readonly TrainingTopic[] = ['gbv_prevention_response', 'domestic_violence', 'victim_support'];

export function isGbvTopic(topic: TrainingTopic): boolean {
  return GBV_TRAINING_TOPICS.includes(topic);
}

export const TRAINING_TOPIC_LABELS: Readonly<Record<TrainingTopic, BilingualLabel>> = {
  gbv_prevention_response: { vi: 'Phòng ngừa, ứng phó với bạo lực trên cơ sở giới', en: 'Preventing and responding to gender-based violence' },
  domestic_violence: { vi: 'Phòng, chống bạo lực gia đình', en: 'Domestic violence prevention and control' },
  victim_support: { vi: 'Hỗ trợ, tư vấn người bị bạo lực', en: 'Supporting and counselling survivors' },
  gender_equality: { vi: 'Bình đẳng giới', en: 'Gender equality' },
  communication_skills: { vi: 'Kỹ năng truyền thông', en: 'Communication skills' },
  other: { vi: 'Chủ đề khác', en: 'Other topic' },
};

/** Groups of attendees counted by number rather than named (not on the roster, not users). */
export const TRAINING_ATTENDEE_GROUPS = ['officials', 'village_staff', 'mass_organisations', 'communicators', 'health_education', 'police', 'other'] as const;
export type TrainingAttendeeGroup = (typeof TRAINING_ATTENDEE_GROUPS)[number];

export const TRAINING_ATTENDEE_GROUP_LABELS: Readonly<Record<TrainingAttendeeGroup, BilingualLabel>> = {
  officials: { vi: 'Cán bộ, công chức, viên chức', en: 'Officials and public employees' },
  village_staff: { vi: 'Cán bộ thôn, bản, tổ dân phố', en: 'Village and residential-group staff' },
  mass_organisations: { vi: 'Hội, đoàn thể', en: 'Mass organisations' },
  communicators: { vi: 'Tuyên truyền viên, cộng tác viên', en: 'Communicators and collaborators' },
  health_education: { vi: 'Y tế, giáo dục', en: 'Health and education staff' },
  police: { vi: 'Công an', en: 'Police' },
  other: { vi: 'Khác', en: 'Other' },
};

/** Sex as recorded for officials and network members. */
export const STAFF_SEXES = ['female', 'male', 'other'] as const;
export type StaffSex = (typeof STAFF_SEXES)[number];

/** Kinds of network member: tuyên truyền viên (communicator) and cộng tác viên (collaborator). */
export const NETWORK_MEMBER_KINDS = ['communicator', 'collaborator'] as const;
export type NetworkMemberKind = (typeof NETWORK_MEMBER_KINDS)[number];

export const NETWORK_MEMBER_KIND_LABELS: Readonly<Record<NetworkMemberKind, BilingualLabel>> = {
  communicator: { vi: 'Tuyên truyền viên', en: 'Communicator' },
  collaborator: { vi: 'Cộng tác viên', en: 'Collaborator' },
};

/** Languages a network member communicates in. */
export const NETWORK_LANGUAGES = ['vi', 'tay', 'nung', 'dao', 'mong', 'other'] as const;
export type NetworkLanguage = (typeof NETWORK_LANGUAGES)[number];

export const NETWORK_LANGUAGE_LABELS: Readonly<Record<NetworkLanguage, BilingualLabel>> = {
  vi: { vi: 'Tiếng Việt', en: 'Vietnamese' },
  tay: { vi: 'Tiếng Tày', en: 'Tay' },
  nung: { vi: 'Tiếng Nùng', en: 'Nung' },
  dao: { vi: 'Tiếng Dao', en: 'Dao' },
  mong: { vi: 'Tiếng Mông', en: 'Hmong' },
  other: { vi: 'Ngôn ngữ khác', en: 'Other language' },
};

/** Trusted addresses (địa chỉ tin cậy): a volunteer household or an organisation. */
export const TRUSTED_ADDRESS_KINDS = ['household', 'organisation'] as const;
export type TrustedAddressKind = (typeof TRUSTED_ADDRESS_KINDS)[number];
export const TRUSTED_ADDRESS_STATUSES = ['active', 'paused', 'closed'] as const;
export type TrustedAddressStatus = (typeof TRUSTED_ADDRESS_STATUSES)[number];

export const TRUSTED_ADDRESS_KIND_LABELS: Readonly<Record<TrustedAddressKind, BilingualLabel>> = {
  household: { vi: 'Hộ gia đình', en: 'Household' },
  organisation: { vi: 'Tổ chức, cơ quan', en: 'Organisation' },
};

export const TRUSTED_ADDRESS_STATUS_LABELS: Readonly<Record<TrustedAddressStatus, BilingualLabel>> = {
  active: { vi: 'Đang hoạt động', en: 'Active' },
  paused: { vi: 'Tạm ngừng', en: 'Paused' },
  closed: { vi: 'Đã ngừng', en: 'Closed' },
};
