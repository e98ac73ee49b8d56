// Messages of the outreach module: validation issues, warnings on save, and the reasons a workbook row
// is rejected, Vietnamese first.
import type { Locale } from '../i18n/errors.js';
import { interpolate } from '../i18n/errors.js';

export const OUTREACH_MESSAGES = {
  vi: {
    audience_exceeds_population: 'Số người tham dự ({audience}) lớn hơn số dân của đơn vị năm {year} ({population}). Hoạt động vẫn được lưu; hãy kiểm tra lại số liệu.',
    audience_exceeds_plausible_maximum: 'Số người tham dự ({audience}) lớn bất thường cho một hoạt động ở cấp xã (quá {maximum}). Hoạt động vẫn được lưu; hãy kiểm tra lại số liệu.',
    campaign_outside_window: 'Ngày hoạt động nằm ngoài thời gian của chiến dịch đã chọn. Hoạt động vẫn được lưu.',
    // Reasons a workbook row is rejected.
    cell_required: 'Chưa nhập',
    date_unreadable: 'Không đọc được ngày "{value}" (nhập theo dạng dd/mm/yyyy)',
    date_outside_year: 'Ngày {value} không thuộc năm {year} đã chọn',
    date_future: 'Ngày {value} sau ngày hôm nay',
    unit_unknown: 'Không có đơn vị mã {value} vào ngày của hoạt động',
    unit_not_valid_year_end: 'Đơn vị mã {value} không còn vào ngày 31/12 của năm: số dân của năm thuộc đơn vị có hiệu lực ngày 31/12',
    unit_out_of_scope: 'Đơn vị {value} nằm ngoài phạm vi quản lý của bạn',
    village_unknown: 'Không có thôn/bản "{value}" thuộc đơn vị này',
    format_unknown: 'Hình thức "{value}" không có trong danh mục',
    language_unknown: 'Ngôn ngữ "{value}" không có trong danh mục',
    campaign_unknown: 'Chiến dịch "{value}" không có trong danh mục',
    group_unknown: 'Nhóm đối tượng "{value}" không có trong danh mục',
    basis_unknown: 'Cách đếm "{value}" không có trong danh mục (Người mới / Có người tham dự lặp lại)',
    count_not_number: 'Số người "{value}" không phải là số nguyên',
    count_negative: 'Số người không được âm ({value})',
    count_too_large: 'Số người {value} quá lớn',
    audience_zero: 'Tổng số người tham dự bằng 0',
    materials_unreadable: 'Không đọc được tài liệu "{value}" (nhập dạng: Tờ rơi: 200; Áp phích: 10)',
    text_too_long: 'Quá dài (tối đa {max} ký tự)',
    group_repeated_in_activity: 'Nhóm đối tượng này đã có ở dòng {value} cùng mã hoạt động',
    activity_rows_differ: 'Khác với dòng {value} cùng mã hoạt động (các dòng của một hoạt động phải cùng ngày, đơn vị, hình thức, chủ đề)',
    population_unit_group_repeated: 'Đơn vị và nhóm này đã có ở dòng {value}',
    population_sex_over_total: 'Số nữ cộng số nam lớn hơn tổng số',
  },
  en: {
    audience_exceeds_population: 'The audience ({audience}) is larger than the unit’s population in {year} ({population}). The activity is saved; please check the figures.',
    audience_exceeds_plausible_maximum: 'The audience ({audience}) is unusually large for one activity in a commune (over {maximum}). The activity is saved; please check the figures.',
    campaign_outside_window: 'The activity date lies outside the chosen campaign’s period. The activity is saved.',
    cell_required: 'Missing',
    date_unreadable: 'Cannot read the date "{value}" (write dd/mm/yyyy)',
    date_outside_year: 'The date {value} is not in the chosen year {year}',
    date_future: 'The date {value} is after today',
    unit_unknown: 'No unit with code {value} existed on the activity’s date',
    unit_not_valid_year_end: 'The unit with code {value} no longer existed on 31/12 of the year: a year’s population belongs to the unit valid on 31/12',
    unit_out_of_scope: 'Unit {value} is outside your area',
    village_unknown: 'No village "{value}" in this unit',
    format_unknown: 'Format "{value}" is not in the list',
    language_unknown: 'Language "{value}" is not in the list',
    campaign_unknown: 'Campaign "{value}" is not in the list',
    group_unknown: 'Audience group "{value}" is not in the list',
    basis_unknown: 'Counting basis "{value}" is not in the list (New people / Includes repeat attendees)',
    count_not_number: 'The count "{value}" is not a whole number',
    count_negative: 'A count cannot be negative ({value})',
    count_too_large: 'The count {value} is too large',
    audience_zero: 'Nobody is counted on this row',
    materials_unreadable: 'Cannot read the materials "{value}" (write: Leaflet: 200; Poster: 10)',
    text_too_long: 'Too long (at most {max} characters)',
    group_repeated_in_activity: 'This audience group is already on row {value} with the same activity code',
    activity_rows_differ: 'Differs from row {value} with the same activity code (rows of one activity share date, unit, format and topic)',
    population_unit_group_repeated: 'This unit and group are already on row {value}',
    population_sex_over_total: 'Women and men add up to more than the total',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type OutreachMessageKey = keyof (typeof OUTREACH_MESSAGES)['vi'];

export function outreachMessage(locale: Locale, key: OutreachMessageKey, values: Record<string, string | number> = {}): string {
  return interpolate(OUTREACH_MESSAGES[locale][key], values);
}
