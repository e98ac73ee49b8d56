// Leaving the intake with unsaved input asks first: a tap on the menu must not throw away a report
// typed at night. Closing or reloading the tab gets the browser's own question.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useBeforeUnload, useBlocker } from 'react-router';

export function LeaveGuard({ isDirty, allowRef }: { isDirty: boolean; allowRef: RefObject<boolean> }) {
  const { t } = useTranslation();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => isDirty && !allowRef.current && currentLocation.pathname !== nextLocation.pathname);
  useBeforeUnload((event) => {
    if (isDirty && !allowRef.current) event.preventDefault();
  });
  return (
    <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title={t('cases.intake.leaveTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        <Text size="sm">{t('cases.intake.leaveText')}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => blocker.proceed?.()}>
            {t('cases.intake.leaveConfirm')}
          </Button>
          <Button onClick={() => blocker.reset?.()} data-autofocus>
            {t('cases.intake.stay')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
