// The numerators and denominators an indicator can be built from (DOMAIN.md §2). Each measure belongs to
// a module; a measure whose module is not installed yet is "not available", never zero. The server's
// indicator registry computes them; plans name them by key, so a custom indicator is two keys.

export const MEASURE_MODULES = ['cases', 'perpetrators', 'training', 'outreach'] as const;
export type MeasureModule = (typeof MEASURE_MODULES)[number];

export const MEASURE_KEYS = [
  'cases.survivors_detected',
  'cases.supported_in_time',
  'cases.with_service',
  'perpetrators.identified',
  'perpetrators.handled',
  'training.focal_points',
  'training.focal_points_trained',
  'outreach.groups_population',
  'outreach.groups_reached',
  'outreach.residents_population',
  'outreach.residents_reached',
] as const;
export type MeasureKey = (typeof MEASURE_KEYS)[number];

export function moduleOfMeasure(key: MeasureKey): MeasureModule {
  return key.slice(0, key.indexOf('.')) as MeasureModule;
}

export const MEASURE_LABELS: Record<'vi' | 'en', Record<MeasureKey, string>> = {
  vi: {
    'cases.survivors_detected': 'Số nạn nhân được phát hiện trong kỳ',
    'cases.supported_in_time': 'Số nạn nhân được can thiệp lần đầu đúng thời hạn và được hỗ trợ ít nhất một dịch vụ hoặc chuyển gửi',
    'cases.with_service': 'Số nạn nhân được hỗ trợ ít nhất một dịch vụ hoặc chuyển gửi',
    'perpetrators.identified': 'Số người gây bạo lực được xác định trong các vụ việc của kỳ',
    'perpetrators.handled': 'Số người gây bạo lực được tư vấn hoặc có hình thức xử lý',
    'training.focal_points': 'Số cán bộ kiêm nhiệm công tác bình đẳng giới trong kỳ',
    'training.focal_points_trained': 'Số cán bộ kiêm nhiệm đã hoàn thành ít nhất một khóa tập huấn',
    'outreach.groups_population': 'Dân số các nhóm đối tượng (cán bộ, công chức, viên chức, người lao động, người sử dụng lao động, lực lượng vũ trang, học sinh)',
    'outreach.groups_reached': 'Số người thuộc các nhóm đối tượng được truyền thông',
    'outreach.residents_population': 'Dân số tại cộng đồng',
    'outreach.residents_reached': 'Số người dân được phổ biến, truyền thông',
  },
  en: {
    'cases.survivors_detected': 'Survivors whose case was detected in the period',
    'cases.supported_in_time': 'Survivors with a first intervention within the time limit and at least one service or referral',
    'cases.with_service': 'Survivors who received at least one service or referral',
    'perpetrators.identified': 'Perpetrators identified in the incidents of the period',
    'perpetrators.handled': 'Perpetrators counselled or handled',
    'training.focal_points': 'Gender-equality focal points on the roster in the period',
    'training.focal_points_trained': 'Focal points who completed at least one training course',
    'outreach.groups_population': 'Population of the listed groups (officials, workers, employers, armed forces, students)',
    'outreach.groups_reached': 'People of the listed groups reached by communication',
    'outreach.residents_population': 'Resident population',
    'outreach.residents_reached': 'Residents reached by communication',
  },
};
