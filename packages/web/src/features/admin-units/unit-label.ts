// How a unit is named in lists and selects: "Kim Hỷ (02146) — Xã".
import { UNIT_KINDS, type UnitKind } from '@binhan/domain';
import i18n from 'i18next';

export function unitLabel(unit: { name: string; code: string; kind: string }): string {
  const kind = isUnitKind(unit.kind) ? i18n.t(`unitKinds.${unit.kind}`) : unit.kind;
  return i18n.t('units.unitLabel', { name: unit.name, code: unit.code, kind });
}

export function unitKindLabel(kind: string): string {
  return isUnitKind(kind) ? i18n.t(`unitKinds.${kind}`) : kind;
}

function isUnitKind(kind: string): kind is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(kind);
}
