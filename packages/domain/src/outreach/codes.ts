// Code lists of communication activities (DOMAIN.md §3 and §7): audience groups of T4 and T5, formats,
// languages, annual campaigns and the counting basis, each with the Vietnamese and English labels that
// screens, the Excel template and exports print.
import type { BilingualLabel } from '../cases/labels.js';

/** Population groups of DOMAIN.md §3. The first five are T4's; community residents are T5's. */
export const AUDIENCE_GROUPS = ['officials', 'workers', 'employers', 'armed_forces', 'students', 'residents'] as const;
export type AudienceGroup = (typeof AUDIENCE_GROUPS)[number];
export const T4_GROUPS: readonly AudienceGroup[] = ['officials', 'workers', 'employers', 'armed_forces', 'students'];
export const T5_GROUPS: readonly AudienceGroup[] = ['residents'];

export const AUDIENCE_GROUP_LABELS: Readonly<Record<AudienceGroup, BilingualLabel>> = {
  officials: { vi: 'Cán bộ, công chức, viên chức', en: 'Officials, civil servants and public employees' },
  workers: { vi: 'Người lao động', en: 'Workers' },
  employers: { vi: 'Người sử dụng lao động', en: 'Employers' },
  armed_forces: { vi: 'Lực lượng vũ trang', en: 'Armed forces' },
  students: { vi: 'Học sinh', en: 'Students' },
  residents: { vi: 'Người dân tại cộng đồng', en: 'Community residents' },
};

export const OUTREACH_FORMATS = [
  'meeting', 'loudspeaker', 'leaflet_poster', 'performance_contest', 'school_session', 'home_visit', 'social_media', 'training',
] as const;
export type OutreachFormat = (typeof OUTREACH_FORMATS)[number];

export const OUTREACH_FORMAT_LABELS: Readonly<Record<OutreachFormat, BilingualLabel>> = {
  meeting: { vi: 'Họp, nói chuyện chuyên đề', en: 'Meeting or talk' },
  loudspeaker: { vi: 'Phát thanh trên loa truyền thanh', en: 'Loudspeaker broadcast' },
  leaflet_poster: { vi: 'Tờ rơi, áp phích, pa nô', en: 'Leaflet or poster' },
  performance_contest: { vi: 'Văn nghệ, hội thi', en: 'Cultural performance or contest' },
  school_session: { vi: 'Buổi ngoại khóa ở trường học', en: 'School session' },
  home_visit: { vi: 'Thăm hộ gia đình', en: 'Home visit' },
  social_media: { vi: 'Mạng xã hội, nhóm Zalo', en: 'Social media or messaging group' },
  training: { vi: 'Tập huấn', en: 'Training' },
};

export const OUTREACH_LANGUAGES = ['vi', 'tay', 'nung', 'dao', 'mong', 'other'] as const;
export type OutreachLanguage = (typeof OUTREACH_LANGUAGES)[number];

export const OUTREACH_LANGUAGE_LABELS: Readonly<Record<OutreachLanguage, BilingualLabel>> = {
  vi: { vi: 'Tiếng Việt', en: 'Vietnamese' },
  tay: { vi: 'Tiếng Tày', en: 'Tày' },
  nung: { vi: 'Tiếng Nùng', en: 'Nùng' },
  dao: { vi: 'Tiếng Dao', en: 'Dao' },
  mong: { vi: 'Tiếng Mông', en: 'Mông' },
  other: { vi: 'Tiếng khác', en: 'Other' },
};

/** Annual campaigns (DOMAIN.md §7), with their window as month-day, end included. */
export const OUTREACH_CAMPAIGNS = ['gbv_action_month', 'dv_action_month', 'other'] as const;
export type OutreachCampaign = (typeof OUTREACH_CAMPAIGNS)[number];

export const OUTREACH_CAMPAIGN_LABELS: Readonly<Record<OutreachCampaign, BilingualLabel>> = {
  gbv_action_month: { vi: 'Tháng hành động vì bình đẳng giới và phòng ngừa BLG (15/11–15/12)', en: 'Gender equality and GBV action month (15/11–15/12)' },
  dv_action_month: { vi: 'Tháng hành động quốc gia phòng, chống BLGĐ (tháng 6)', en: 'Domestic violence action month (June)' },
  other: { vi: 'Chiến dịch khác', en: 'Other campaign' },
};

const CAMPAIGN_WINDOWS: ReadonlyArray<{ campaign: OutreachCampaign; from: string; to: string }> = [
  { campaign: 'gbv_action_month', from: '11-15', to: '12-15' },
  { campaign: 'dv_action_month', from: '06-01', to: '06-30' },
];

/** The campaign whose window holds the date (yyyy-mm-dd), to suggest it on the form; null outside both. */
export function campaignOfDate(date: string): OutreachCampaign | null {
  const monthDay = date.slice(5, 10);
  return CAMPAIGN_WINDOWS.find((w) => monthDay >= w.from && monthDay <= w.to)?.campaign ?? null;
}

/**
 * Whether an activity's audience count is of people reached for the first time in the year, or may
 * include people already counted at an earlier activity. Reports show which basis their figures rest on.
 */
export const COUNTING_BASES = ['new_people', 'including_repeat'] as const;
export type CountingBasis = (typeof COUNTING_BASES)[number];

export const COUNTING_BASIS_LABELS: Readonly<Record<CountingBasis, BilingualLabel>> = {
  new_people: { vi: 'Chỉ người mới (chưa được tính trong năm)', en: 'New people only (not yet counted this year)' },
  including_repeat: { vi: 'Có cả người đã tham dự trước đó', en: 'Includes people who attended before' },
};

/**
 * An audience above this for one activity is unusual for a commune of Na Rì (a few thousand people):
 * the activity is saved with a warning, never refused. Used when the unit has no population figure.
 */
export const PLAUSIBLE_AUDIENCE_MAXIMUM = 5000;
