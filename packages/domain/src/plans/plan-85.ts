// Plan 85/KH-UBND of Na Rì district (24/5/2017) with its five headline indicators and targets to 2020
// (DOMAIN.md §1–2). Seeded at the first start; afterwards it is ordinary data that administrators edit.
import type { PlanIndicatorInput, PlanInput } from './schemas.js';

export interface SeedPlan {
  plan: PlanInput;
  /** GSO code of the issuing unit and of the unit the targets are set on (the district). */
  unitCode: string;
  indicators: Array<PlanIndicatorInput & { targets: Array<{ year: number; value: number }> }>;
}

export const PLAN_85: SeedPlan = {
  plan: {
    code: '85/KH-UBND',
    titleVi: 'Kế hoạch thực hiện Đề án "Phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2016-2020 và tầm nhìn đến năm 2030" trên địa bàn huyện Na Rì',
    titleEn: 'Plan to carry out the project "Preventing and responding to gender-based violence 2016-2020, vision to 2030" in Na Rì district',
    issuer: 'UBND huyện Na Rì',
    issuedOn: '2017-05-24',
    fromYear: 2017,
    toYear: 2020,
    visionYear: 2030,
    description: 'Thực hiện Quyết định số 1464/QĐ-TTg ngày 22/7/2016 của Thủ tướng Chính phủ.',
  },
  unitCode: '066',
  indicators: [
    {
      code: 'T1',
      nameVi: 'Nạn nhân bạo lực trên cơ sở giới được phát hiện, hỗ trợ và can thiệp kịp thời',
      nameEn: 'GBV survivors detected, supported and intervened for in time',
      definitionVi: 'Tử số: số nạn nhân được phát hiện trong kỳ, được can thiệp lần đầu (cán bộ phụ trách tiếp cận và đánh giá an toàn) trong thời hạn theo mức nguy cơ (rất cao 2 giờ, cao 12 giờ, khác 24 giờ) và được hỗ trợ ít nhất một dịch vụ hoặc chuyển gửi. Mẫu số: số nạn nhân có hồ sơ được phát hiện trong kỳ (không tính hồ sơ trùng hoặc không phải bạo lực).',
      definitionEn: 'Numerator: survivors detected in the period whose first intervention (first contact by a responsible officer with a safety assessment) came within the limit for their risk level (critical 2 h, high 12 h, other 24 h) and who received at least one service or referral. Denominator: survivors whose case was detected in the period (duplicates and reports that proved not to be violence excluded).',
      numeratorKey: 'cases.supported_in_time',
      denominatorKey: 'cases.survivors_detected',
      targetKind: 'percent',
      sortOrder: 1,
      targets: [{ year: 2020, value: 100 }],
    },
    {
      code: 'T2',
      nameVi: 'Người gây bạo lực được phát hiện, tư vấn hoặc có hình thức xử lý phù hợp',
      nameEn: 'Perpetrators detected, counselled or handled appropriately',
      definitionVi: 'Tử số: số người gây bạo lực có ít nhất một buổi tư vấn hoặc một hình thức xử lý được ghi nhận. Mẫu số: số người gây bạo lực được xác định trong các vụ việc của kỳ.',
      definitionEn: 'Numerator: perpetrators with at least one counselling session or handling measure recorded. Denominator: perpetrators identified in incidents in the period.',
      numeratorKey: 'perpetrators.handled',
      denominatorKey: 'perpetrators.identified',
      targetKind: 'percent',
      sortOrder: 2,
      targets: [{ year: 2020, value: 50 }],
    },
    {
      code: 'T3',
      nameVi: 'Cán bộ, công chức, viên chức kiêm nhiệm công tác bình đẳng giới được tập huấn',
      nameEn: 'Gender-equality focal points trained in GBV prevention and response',
      definitionVi: 'Tử số: số cán bộ kiêm nhiệm đã hoàn thành ít nhất một khóa tập huấn về phòng ngừa, ứng phó bạo lực trên cơ sở giới trong giai đoạn kế hoạch. Mẫu số: số cán bộ trong danh sách kiêm nhiệm công tác bình đẳng giới (cấp huyện, xã, thị trấn) còn hoạt động trong kỳ.',
      definitionEn: 'Numerator: focal points who completed at least one GBV training course in the plan period. Denominator: officials on the roster of gender-equality focal points (district units, communes, the town) active in the period.',
      numeratorKey: 'training.focal_points_trained',
      denominatorKey: 'training.focal_points',
      targetKind: 'percent',
      sortOrder: 3,
      targets: [{ year: 2020, value: 100 }],
    },
    {
      code: 'T4',
      nameVi: 'Cán bộ, công chức, viên chức, người lao động, người sử dụng lao động, lực lượng vũ trang, học sinh được truyền thông',
      nameEn: 'Officials, workers, employers, armed forces and students reached by communication',
      definitionVi: 'Tử số: số người thuộc các nhóm đối tượng được các hoạt động truyền thông trong năm tiếp cận. Mẫu số: dân số các nhóm đó tại đơn vị trong năm (số liệu dân số nhập theo đơn vị, năm và nhóm).',
      definitionEn: 'Numerator: people of the listed groups reached by communication activities in the year. Denominator: population of those groups in the unit for the year (figures entered per unit, year and group).',
      numeratorKey: 'outreach.groups_reached',
      denominatorKey: 'outreach.groups_population',
      targetKind: 'percent',
      sortOrder: 4,
      targets: [{ year: 2020, value: 70 }],
    },
    {
      code: 'T5',
      nameVi: 'Người dân tại cộng đồng được phổ biến, truyền thông',
      nameEn: 'Community residents reached by communication',
      definitionVi: 'Tử số: số người dân được phổ biến, truyền thông trong năm. Mẫu số: dân số tại cộng đồng của đơn vị trong năm.',
      definitionEn: 'Numerator: residents reached in the year. Denominator: resident population of the unit for the year.',
      numeratorKey: 'outreach.residents_reached',
      denominatorKey: 'outreach.residents_population',
      targetKind: 'percent',
      sortOrder: 5,
      targets: [{ year: 2020, value: 50 }],
    },
  ],
};
