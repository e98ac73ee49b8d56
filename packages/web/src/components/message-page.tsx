// A page-sized message (no access, not found, failed to load) with a way back.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function MessagePage({ title, message, action }: { title: string; message: string; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" maw={560} py="xl">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text>{message}</Text>
      <Group gap="xs">
        {action ?? (
          <Button component="a" href={import.meta.env.BASE_URL} variant="light">
            {t('errors.backHome')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
