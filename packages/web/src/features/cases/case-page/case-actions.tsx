// What can be done on this case now, by what the role and the case allow; each opens its dialog.
import type { CaseDetail } from '@binhan/domain';
import { Button, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session/session-context';

export type CaseDialog = 'risk' | 'firstIntervention' | 'service' | 'incident' | 'status' | 'assign' | 'note';

export function CaseActions({ detail, onOpen }: { detail: CaseDetail; onOpen: (dialog: CaseDialog) => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const canWrite = detail.canEdit && can('cases.write');
  const isOpen = detail.status !== 'closed';
  const buttons: Array<{ dialog: CaseDialog; label: string; primary?: boolean }> = [];
  if (canWrite && isOpen) {
    buttons.push({ dialog: 'risk', label: t('cases.actions.risk'), primary: detail.riskAssessments.length === 0 });
    if (detail.firstInterventionAt === null) buttons.push({ dialog: 'firstIntervention', label: t('cases.actions.firstIntervention'), primary: detail.riskAssessments.length > 0 });
    buttons.push({ dialog: 'service', label: t('cases.actions.service') });
    buttons.push({ dialog: 'incident', label: t('cases.actions.incident') });
  }
  if (canWrite && detail.allowedTransitions.length > 0) buttons.push({ dialog: 'status', label: isOpen ? t('cases.actions.status') : t('cases.status.reopen') });
  if (detail.canEdit && can('cases.assign')) buttons.push({ dialog: 'assign', label: t('cases.actions.assign') });
  if (canWrite) buttons.push({ dialog: 'note', label: t('cases.actions.note') });
  if (buttons.length === 0) return null;

  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" role="group" aria-label={t('cases.actions.label')}>
      {buttons.map((button) => (
        <Button key={button.dialog} variant={button.primary ? 'filled' : 'light'} onClick={() => onOpen(button.dialog)} styles={{ label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.2 } }} h="auto" mih={40} py={6}>
          {button.label}
        </Button>
      ))}
    </SimpleGrid>
  );
}
