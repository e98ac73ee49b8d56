// The one-time password of a new or reset account, shown once with a copy button. Closing it is a
// deliberate act ("I have noted the password"), not a click beside the dialog.
import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/copy-button';
import type { TemporaryPasswordResult } from './users-api';

export function TemporaryPasswordModal({ result, onClose }: { result: TemporaryPasswordResult | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={result !== null}
      onClose={onClose}
      title={t('users.tempPasswordTitle')}
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {result && (
        <Stack gap="md">
          <Text size="sm">{t('users.tempPasswordIntro', { username: result.user.username })}</Text>
          <Group gap="sm" wrap="wrap">
            <Code fz="lg" px="sm" py={6} style={{ letterSpacing: '0.06em', wordBreak: 'break-all' }} data-testid="temporary-password">
              {result.temporaryPassword}
            </Code>
            <CopyButton value={result.temporaryPassword} size="sm" />
          </Group>
          <Alert color="yellow" variant="light">
            {t('users.tempPasswordNote')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('users.tempPasswordDone')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
