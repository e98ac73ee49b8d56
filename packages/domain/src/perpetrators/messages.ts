// Texts of the validation issues raised by the perpetrator schemas and rules, Vietnamese first. The
// server's error handler and the web forms look keys up here as well as in the case catalogue.
import type { Locale } from '../i18n/errors.js';

export const PERPETRATOR_ISSUE_MESSAGES = {
  vi: {
    perpetrator_link_one_way: 'chỉ chọn một cách: người đã có trong hệ thống, người tìm thấy ở nơi khác, hoặc thêm người mới',
    perpetrator_sex_mismatch: 'giới tính trong thông tin nhân thân khác với giới tính đã chọn cho vụ việc',
    perpetrator_date_in_future: 'ngày không được sau ngày hôm nay',
    perpetrator_date_before_incident: 'ngày này trước ngày xảy ra vụ việc bạo lực',
    perpetrator_decision_number_required: 'xử phạt vi phạm hành chính cần số quyết định',
    perpetrator_fine_only_sanction: 'số tiền phạt chỉ ghi cho hình thức xử phạt vi phạm hành chính',
    perpetrator_stage_required: 'hãy chọn giai đoạn tố tụng hình sự',
    perpetrator_stage_only_criminal: 'giai đoạn tố tụng chỉ ghi cho hình thức truy cứu trách nhiệm hình sự',
    perpetrator_description_required: 'hãy mô tả hình thức xử lý khác',
    perpetrator_no_contact_incident_required: 'quyết định cấm tiếp xúc phải gắn với vụ việc của một hồ sơ',
    perpetrator_no_contact_one_way: 'chọn quyết định cấm tiếp xúc đã ghi trong hồ sơ, hoặc nhập thời hạn để ghi mới — chỉ một trong hai',
    perpetrator_no_contact_only: 'thông tin cấm tiếp xúc chỉ dùng cho hình thức cấm tiếp xúc',
    perpetrator_criticism_reason_required: 'người này chưa đủ điều kiện áp dụng góp ý, phê bình trong cộng đồng (Luật Phòng, chống bạo lực gia đình 2022): hãy ghi lý do nếu vẫn áp dụng',
    perpetrator_search_term_required: 'Nhập họ tên, số điện thoại hoặc số CCCD để tìm',
  },
  en: {
    perpetrator_link_one_way: 'choose one way only: a person already recorded, a person found elsewhere, or a new person',
    perpetrator_sex_mismatch: 'the sex in the identity differs from the sex chosen for the incident',
    perpetrator_date_in_future: 'this date cannot be after today',
    perpetrator_date_before_incident: 'this date is before the incident of violence',
    perpetrator_decision_number_required: 'an administrative sanction needs its decision number',
    perpetrator_fine_only_sanction: 'a fine is recorded only with an administrative sanction',
    perpetrator_stage_required: 'choose the stage of the criminal proceedings',
    perpetrator_stage_only_criminal: 'a stage is recorded only with criminal proceedings',
    perpetrator_description_required: 'describe the other measure',
    perpetrator_no_contact_incident_required: 'a no-contact order must be tied to an incident of a case',
    perpetrator_no_contact_one_way: 'choose the no-contact order already on the case, or give its term to record a new one — not both',
    perpetrator_no_contact_only: 'no-contact details are only for a no-contact order',
    perpetrator_criticism_reason_required: 'this person does not meet the conditions for community criticism (Law on Domestic Violence Prevention 2022): give the reason if it is applied anyway',
    perpetrator_search_term_required: 'Enter a name, a phone number or a citizen ID to search',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type PerpetratorIssueKey = keyof (typeof PERPETRATOR_ISSUE_MESSAGES)['vi'];

export function isPerpetratorIssueKey(value: string): value is PerpetratorIssueKey {
  return Object.hasOwn(PERPETRATOR_ISSUE_MESSAGES.vi, value);
}
