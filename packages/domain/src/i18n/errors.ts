// Messages for API errors and validation issues, Vietnamese first. The server picks the language from
// Accept-Language; the web app shows them as they come.

export type Locale = 'vi' | 'en';

export const ERROR_MESSAGES = {
  vi: {
    VALIDATION_FAILED: 'Dữ liệu gửi lên chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.',
    MALFORMED_JSON: 'Nội dung gửi lên không đúng định dạng JSON.',
    UNSUPPORTED_MEDIA_TYPE: 'Định dạng nội dung không được hỗ trợ. Hãy gửi JSON.',
    PAYLOAD_TOO_LARGE: 'Nội dung gửi lên quá lớn.',
    UNAUTHENTICATED: 'Bạn chưa đăng nhập hoặc phiên đăng nhập không hợp lệ.',
    SESSION_EXPIRED: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại; nội dung đang nhập vẫn được giữ.',
    STEP_REQUIRED: 'Bạn cần hoàn tất bước đăng nhập (đổi mật khẩu hoặc xác thực hai lớp) trước.',
    FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
    CSRF_REJECTED: 'Yêu cầu bị từ chối vì không đến từ trang của hệ thống.',
    NOT_FOUND: 'Không tìm thấy nội dung yêu cầu.',
    CONFLICT: 'Dữ liệu bị trùng hoặc xung đột với dữ liệu đã có.',
    INVALID_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng. Sau 5 lần sai liên tiếp, việc đăng nhập bị tạm khóa 15 phút.',
    RATE_LIMITED: 'Bạn đã thử quá nhiều lần. Vui lòng đợi {minutes} phút rồi thử lại.',
    TOTP_INVALID: 'Mã xác thực không đúng hoặc đã hết hạn.',
    TOTP_NOT_ENABLED: 'Tài khoản chưa bật xác thực hai lớp.',
    PASSWORD_TOO_SHORT: 'Mật khẩu phải có ít nhất {min} ký tự.',
    PASSWORD_TOO_COMMON: 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.',
    PASSWORD_CONTAINS_USERNAME: 'Mật khẩu không được chứa tên đăng nhập.',
    PASSWORD_REUSED: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    CURRENT_PASSWORD_WRONG: 'Mật khẩu hiện tại không đúng.',
    USERNAME_TAKEN: 'Tên đăng nhập này đã được dùng.',
    UNIT_NOT_FOUND: 'Đơn vị hành chính không tồn tại.',
    UNIT_OUT_OF_SCOPE: 'Đơn vị này nằm ngoài phạm vi quản lý của bạn.',
    UNIT_ROLE_MISMATCH: 'Vai trò này phải gắn với đơn vị cấp {level}.',
    UNIT_CODE_TAKEN: 'Mã đơn vị {code} đã được dùng cho một đơn vị còn hiệu lực từ ngày đó.',
    UNIT_PARENT_INVALID: 'Đơn vị cấp trên không hợp lệ cho loại đơn vị này hoặc không còn hiệu lực vào ngày đó.',
    MERGER_INVALID: 'Không thể ghi nhận sáp nhập: {reason}',
    CANNOT_CHANGE_SELF: 'Bạn không thể tự khóa hoặc tự đổi vai trò của chính mình.',
    INTERNAL: 'Hệ thống gặp lỗi ngoài dự kiến. Thao tác chưa được lưu. Vui lòng thử lại sau.',
    ROUTE_NOT_FOUND: 'Không có chức năng này.',
    CASE_TRANSITION_INVALID: 'Không thể chuyển hồ sơ từ trạng thái hiện tại sang trạng thái này.',
    FIRST_INTERVENTION_RECORDED: 'Hồ sơ đã ghi nhận can thiệp lần đầu.',
    OFFICER_NOT_ELIGIBLE: 'Cán bộ này không phụ trách được hồ sơ của đơn vị này.',
    CASE_CLOSED: 'Hồ sơ đã đóng. Hãy mở lại hồ sơ trước khi ghi thêm.',
    REFERRAL_NO_CONSENT: 'Người bị bạo lực chưa đồng ý chia sẻ thông tin với loại dịch vụ này. Cần ghi nhận sự đồng ý, hoặc cán bộ phụ trách cấp huyện ghi nhận trường hợp ngoại lệ.',
    CONSENT_EXCEPTION_SUPERVISOR: 'Chỉ cán bộ phụ trách cấp huyện mới được ghi nhận trường hợp ngoại lệ (trẻ em có nguy cơ, đe dọa tính mạng).',
    PROVIDER_NOT_SERVING: 'Cơ sở này không cung cấp dịch vụ đó hoặc không phục vụ địa bàn của hồ sơ.',
    REFERRAL_STATUS_INVALID: 'Không thể chuyển tuyến sang trạng thái này từ trạng thái hiện tại.',
    CONSENT_WITHDRAWN: 'Sự đồng ý này đã được rút lại.',
    MEASURE_TRANSITION_INVALID: 'Không thể chuyển biện pháp bảo vệ từ trạng thái hiện tại sang trạng thái này.',
    PLAN_STATUS_INVALID: 'Kế hoạch hỗ trợ không ở trạng thái cho phép thao tác này.',
  },
  en: {
    VALIDATION_FAILED: 'Some of the data sent is not valid. Please check the marked fields.',
    MALFORMED_JSON: 'The request body is not valid JSON.',
    UNSUPPORTED_MEDIA_TYPE: 'This content type is not supported. Send JSON.',
    PAYLOAD_TOO_LARGE: 'The request body is too large.',
    UNAUTHENTICATED: 'You are not signed in, or your session is not valid.',
    SESSION_EXPIRED: 'Your session has expired. Please sign in again; what you were typing is kept.',
    STEP_REQUIRED: 'Finish signing in first (change your password or set up two-factor authentication).',
    FORBIDDEN: 'You are not allowed to do this.',
    CSRF_REJECTED: 'The request was refused because it did not come from this system’s pages.',
    NOT_FOUND: 'Not found.',
    CONFLICT: 'This conflicts with data that already exists.',
    INVALID_CREDENTIALS: 'Wrong username or password. After 5 failures in a row, sign-in is locked for 15 minutes.',
    RATE_LIMITED: 'Too many attempts. Please wait {minutes} minutes and try again.',
    TOTP_INVALID: 'The authentication code is wrong or has expired.',
    TOTP_NOT_ENABLED: 'Two-factor authentication is not set up for this account.',
    PASSWORD_TOO_SHORT: 'The password must have at least {min} characters.',
    PASSWORD_TOO_COMMON: 'This password is too common and easy to guess. Choose another.',
    PASSWORD_CONTAINS_USERNAME: 'The password must not contain the username.',
    PASSWORD_REUSED: 'The new password must differ from the current one.',
    CURRENT_PASSWORD_WRONG: 'The current password is wrong.',
    USERNAME_TAKEN: 'This username is already taken.',
    UNIT_NOT_FOUND: 'The administrative unit does not exist.',
    UNIT_OUT_OF_SCOPE: 'This unit is outside the area you manage.',
    UNIT_ROLE_MISMATCH: 'This role must be attached to a unit at {level} level.',
    UNIT_CODE_TAKEN: 'Unit code {code} is already used by a unit valid from that date.',
    UNIT_PARENT_INVALID: 'The parent unit does not fit this kind of unit or did not exist on that date.',
    MERGER_INVALID: 'The merger cannot be recorded: {reason}',
    CANNOT_CHANGE_SELF: 'You cannot disable your own account or change your own role.',
    INTERNAL: 'Something went wrong on our side. Nothing was saved. Please try again later.',
    ROUTE_NOT_FOUND: 'There is no such function.',
    CASE_TRANSITION_INVALID: 'The case cannot move from its current status to this one.',
    FIRST_INTERVENTION_RECORDED: 'The first intervention is already recorded for this case.',
    OFFICER_NOT_ELIGIBLE: 'This officer cannot be responsible for cases of this unit.',
    CASE_CLOSED: 'The case is closed. Reopen it before recording anything more.',
    REFERRAL_NO_CONSENT: 'The survivor has not agreed to share information with this type of service. Record the consent, or have the district focal point record an exception.',
    CONSENT_EXCEPTION_SUPERVISOR: 'Only the district focal point may record an exception (a child at risk, a threat to life).',
    PROVIDER_NOT_SERVING: 'This provider does not offer that service or does not serve the case’s area.',
    REFERRAL_STATUS_INVALID: 'The referral cannot move to this status from its current one.',
    CONSENT_WITHDRAWN: 'This consent has been withdrawn.',
    MEASURE_TRANSITION_INVALID: 'The protection measure cannot move from its current status to this one.',
    PLAN_STATUS_INVALID: 'The support plan is not in a state that allows this.',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type ErrorCode = keyof (typeof ERROR_MESSAGES)['vi'];

/** Messages for validation issues, by kind. */
export const ISSUE_MESSAGES = {
  vi: {
    required: 'bắt buộc phải nhập',
    invalid_type: 'sai kiểu dữ liệu (cần {expected})',
    too_small_string: 'quá ngắn (ít nhất {min} ký tự)',
    too_big_string: 'quá dài (tối đa {max} ký tự)',
    too_small_number: 'phải lớn hơn hoặc bằng {min}',
    too_big_number: 'phải nhỏ hơn hoặc bằng {max}',
    too_small_array: 'cần ít nhất {min} mục',
    too_big_array: 'tối đa {max} mục',
    unrecognized_keys: 'trường không được phép: {keys}',
    invalid_value: 'giá trị không nằm trong danh sách cho phép',
    invalid_format: 'sai định dạng',
    invalid_uuid: 'mã định danh không hợp lệ',
    date_format: 'ngày phải có dạng yyyy-mm-dd',
    date_invalid: 'ngày không tồn tại',
    date_before_start: 'ngày kết thúc không được trước ngày bắt đầu',
    username_format: 'chỉ dùng chữ thường không dấu, số và . _ -',
    unit_code_format: 'mã đơn vị chỉ gồm chữ, số và . _ -',
    totp_format: 'mã xác thực gồm 6 chữ số',
    invalid: 'không hợp lệ',
  },
  en: {
    required: 'is required',
    invalid_type: 'has the wrong type (expected {expected})',
    too_small_string: 'is too short (at least {min} characters)',
    too_big_string: 'is too long (at most {max} characters)',
    too_small_number: 'must be at least {min}',
    too_big_number: 'must be at most {max}',
    too_small_array: 'needs at least {min} items',
    too_big_array: 'takes at most {max} items',
    unrecognized_keys: 'fields not allowed: {keys}',
    invalid_value: 'is not one of the allowed values',
    invalid_format: 'has the wrong format',
    invalid_uuid: 'is not a valid identifier',
    date_format: 'dates are written yyyy-mm-dd',
    date_invalid: 'this date does not exist',
    date_before_start: 'the end date cannot be before the start date',
    username_format: 'use lowercase letters without accents, digits and . _ -',
    unit_code_format: 'unit codes use letters, digits and . _ -',
    totp_format: 'the code has 6 digits',
    invalid: 'is not valid',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type IssueKey = keyof (typeof ISSUE_MESSAGES)['vi'];

/** Fill {name} placeholders. */
export function interpolate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export function errorMessage(locale: Locale, code: ErrorCode, values?: Record<string, string | number>): string {
  // A code missing from the catalogue must still give a readable answer, never a crash.
  return interpolate((ERROR_MESSAGES[locale] as Record<string, string>)[code] ?? ERROR_MESSAGES[locale].VALIDATION_FAILED, values);
}

/** The locale asked for by an Accept-Language header: English only when it comes before Vietnamese. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'vi';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}
