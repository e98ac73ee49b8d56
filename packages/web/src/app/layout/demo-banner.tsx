// Shown on every screen of a demo deployment so nobody mistakes synthetic records for real people.
import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context';

export function DemoBanner() {
  const { t } = useTranslation();
  const { meta } = useSession();
  if (meta?.demo !== true) return null;
  return (
    <Box bg="yellow.3" px="sm" py={4} role="note" data-testid="demo-banner">
      <Text size="xs" fw={700} ta="center" c="dark.8" lh={1.3}>
        {t('app.demoBanner')}
      </Text>
    </Box>
  );
}
