// Whole-screen states used before the layout exists (first load of the session).
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader />
        <span>{t('app.loading')}</span>
      </Stack>
    </Center>
  );
}

export function FullPageError({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Center h="100vh" p="md">
      <Alert color="red" title={title} maw={480} w="100%">
        <Stack gap="sm" align="flex-start">
          <span>{message}</span>
          <Button onClick={onRetry}>{t('common.retry')}</Button>
        </Stack>
      </Alert>
    </Center>
  );
}
