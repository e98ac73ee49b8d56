// A line above every page while the app works from the device, or while changes wait to be sent.
import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { runSync } from './offline-sync';
import { useOfflineState } from './use-offline-state';

export function OfflineBanner() {
  const { t } = useTranslation();
  const { me } = useSession();
  const state = useOfflineState();
  const [isSending, setIsSending] = useState(false);
  if (!state.isLoaded || (!state.isOffline && state.queued === 0 && state.refused === 0)) return null;
  const text = state.isOffline
    ? state.queued > 0 ? t('offline.banner.offline', { count: state.queued }) : t('offline.banner.offlineNone')
    : state.queued > 0 ? t('offline.banner.pending', { count: state.queued }) : t('offline.banner.refused', { count: state.refused });
  return (
    <Alert color={state.isOffline ? 'orange' : state.queued > 0 ? 'blue' : 'red'} variant="light" mb="sm" p="xs" role="status" data-testid="offline-banner">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm">{text}</Text>
        <Group gap="xs">
          {!state.isOffline && state.queued > 0 && (
            <Button
              size="compact-sm"
              loading={isSending}
              onClick={() => {
                setIsSending(true);
                void runSync(me).finally(() => {
                  setIsSending(false);
                  void state.refresh();
                });
              }}
            >
              {t('offline.banner.sendNow')}
            </Button>
          )}
          <Anchor component={Link} to="/offline" size="sm">
            {t('offline.banner.open')}
          </Anchor>
        </Group>
      </Group>
    </Alert>
  );
}
