// Readable names of audit action codes ("user.reset_totp" → "Đặt lại xác thực hai lớp"); an unknown code
// is shown as it is, so a new server action is never hidden.
import i18n from 'i18next';
import { vi } from '../../app/i18n/vi';

type ActionGroups = typeof vi.audit.actions;
type KnownAction = { [G in keyof ActionGroups]: `${G}.${Extract<keyof ActionGroups[G], string>}` }[keyof ActionGroups];

export const KNOWN_ACTIONS: readonly KnownAction[] = Object.entries(vi.audit.actions).flatMap(([group, names]) =>
  Object.keys(names).map((name) => `${group}.${name}` as KnownAction),
);

function isKnownAction(code: string): code is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(code);
}

export function actionLabel(code: string): string {
  return isKnownAction(code) ? i18n.t(`audit.actions.${code}`) : code;
}
