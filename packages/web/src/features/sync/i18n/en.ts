// English texts of sync and conflicts; the compiler checks they have the Vietnamese keys.
import type { syncVi } from './vi';

export const syncEn: typeof syncVi = {
  fields: {
    villageId: 'Village',
    safetyPlan: 'Safety plan',
    nextFollowUpOn: 'Next follow-up',
  },
  empty: '(empty)',
  conflicts: {
    title: 'Changes that need your choice',
    intro: 'The same field was changed on a device and on the server. Nothing was overwritten: compare both values and choose the right one. Your choice is recorded in the audit log.',
    none: 'No conflicts to resolve.',
    caseCode: 'Case {{code}}',
    device: 'Value on the device',
    server: 'Value on the server',
    base: 'Starting value: {{value}}',
    keepDevice: 'Keep the device value',
    keepServer: 'Keep the server value',
    resolved: 'Your choice was saved.',
    recordedAt: 'Recorded at {{at}}',
  },
  details: {
    title: 'Follow-up and safety',
    edit: 'Edit',
    modalTitle: 'Edit follow-up and safety',
    village: 'Village',
    villageNone: 'No villages are listed for this commune',
    safetyPlan: 'Safety plan',
    safetyPlanHint: 'Where to shelter, whom to call in danger, how to send word. Stored encrypted.',
    nextFollowUpOn: 'Next follow-up',
    notSet: 'Not set',
    hidden: 'Only those who work on the case can see this',
    saved: 'Follow-up and safety saved.',
    unchanged: 'Nothing has changed yet.',
    conflict: 'Someone else changed some fields while you were editing. The other fields were saved; choose the value of each field in conflict above.',
  },
};
