// Who reports to whom changes with the date (DOMAIN.md §8). Until districts were abolished (1/7/2025 by
// default, configurable) a commune reports to its district and the district to the province; from then on a
// commune reports to the province's departments, and the province consolidates its communes. A document's
// issuing body, place name and recipients ("Nơi nhận") are those valid on the last day of its period.
import { COMMUNE_LEVEL_KINDS, isValidAt, type AdminUnit, type UnitGraph } from '../admin-units.js';
import type { ReportPeriod } from './periods.js';

/** The day districts stopped existing (Resolution 202/2025/QH15): from then on communes report to the province. */
export const DEFAULT_DISTRICTS_ABOLISHED_ON = '2025-07-01';

export type ReportingLevel = 'commune' | 'district' | 'province';

const KIND_NAMES: Record<string, string> = { province: 'tỉnh', district: 'huyện', commune: 'xã', town: 'thị trấn', ward: 'phường', special_zone: 'đặc khu' };

/** "xã Trần Phú", "huyện Na Rì", "tỉnh Thái Nguyên". */
export function unitTitle(unit: Pick<AdminUnit, 'kind' | 'name'>): string {
  return `${KIND_NAMES[unit.kind] ?? ''} ${unit.name}`.trim();
}

/**
 * The report a unit drafts for a period: a commune (or town, ward) valid on the period's last day; a district
 * valid then (before the reform); a province for a period ending after the reform. Null: the unit drafts none.
 */
export function reportingLevelOf(unit: AdminUnit, period: Pick<ReportPeriod, 'to'>, abolishedOn = DEFAULT_DISTRICTS_ABOLISHED_ON): ReportingLevel | null {
  if (!isValidAt(unit, period.to)) return null;
  if (COMMUNE_LEVEL_KINDS.includes(unit.kind)) return 'commune';
  if (unit.kind === 'district') return period.to < abolishedOn ? 'district' : null;
  if (unit.kind === 'province') return period.to >= abolishedOn ? 'province' : null;
  return null;
}

export interface ReportingLine {
  level: ReportingLevel;
  /** The unit the report goes to (the district, or the province), valid on the period's last day. */
  upper: AdminUnit | null;
  /** The issuer block's second line: "ỦY BAN NHÂN DÂN" above "XÃ TRẦN PHÚ". */
  issuer: string;
  /** The place name before the date. */
  place: string;
  /** "Nơi nhận", one line each, ending with the archive. */
  recipients: string[];
}

/** The unit of a kind above `unit` that was valid on `date`. */
function upperOf(graph: UnitGraph, unit: AdminUnit, kind: 'district' | 'province', date: string): AdminUnit | null {
  return [unit, ...graph.ancestorsOf(unit.id)].find((u) => u.kind === kind && isValidAt(u, date)) ?? null;
}

export function reportingLine(graph: UnitGraph, unit: AdminUnit, period: Pick<ReportPeriod, 'to'>, abolishedOn = DEFAULT_DISTRICTS_ABOLISHED_ON): ReportingLine | null {
  const level = reportingLevelOf(unit, period, abolishedOn);
  if (level === null) return null;
  const date = period.to;
  const province = upperOf(graph, unit, 'province', date);
  const provinceName = province ? unitTitle(province) : 'tỉnh';
  const issuer = unitTitle(unit).toLocaleUpperCase('vi-VN');
  const council = KIND_NAMES[unit.kind] ?? 'xã';
  if (level === 'commune') {
    const district = upperOf(graph, unit, 'district', date);
    if (district) {
      const districtName = unitTitle(district);
      return {
        level, upper: district, issuer, place: unit.name,
        recipients: [
          `UBND ${districtName} (b/c);`, `Phòng Văn hóa và Thông tin ${districtName};`, `Phòng Lao động - Thương binh và Xã hội ${districtName};`,
          `Đảng ủy, HĐND ${council};`, 'Lưu: VT.',
        ],
      };
    }
    return {
      level, upper: province, issuer, place: unit.name,
      recipients: [
        `Sở Văn hóa, Thể thao và Du lịch ${provinceName} (b/c);`, `Sở Nội vụ ${provinceName} (b/c);`,
        `Đảng ủy, HĐND ${council};`, 'Lưu: VT.',
      ],
    };
  }
  if (level === 'district') {
    return {
      level, upper: province, issuer, place: unit.name,
      recipients: [
        `UBND ${provinceName} (b/c);`, `Sở Văn hóa, Thể thao và Du lịch ${provinceName};`, `Sở Lao động - Thương binh và Xã hội ${provinceName};`,
        'TT. Huyện ủy, HĐND huyện (b/c);', 'Chủ tịch, các PCT UBND huyện;', 'Lưu: VT.',
      ],
    };
  }
  return {
    level, upper: null, issuer, place: unit.name,
    recipients: [
      'Bộ Văn hóa, Thể thao và Du lịch (b/c);', 'Bộ Nội vụ (b/c);', 'TT. Tỉnh ủy, HĐND tỉnh (b/c);', 'Chủ tịch, các PCT UBND tỉnh;', 'Lưu: VT.',
    ],
  };
}
