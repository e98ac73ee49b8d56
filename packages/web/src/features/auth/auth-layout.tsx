// The frame of the sign-in screens: name, purpose, language and the demo banner, one narrow column that
// fits a 360 px phone.
import { Anchor, Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DemoBanner } from '../../app/layout/demo-banner';
import { LanguageSwitcher } from '../../app/layout/language-switcher';
import { useSession } from '../../app/session/session-context';

interface Props {
  title: string;
  children: ReactNode;
  onSignOut?: () => void;
}

export function AuthLayout({ title, children, onSignOut }: Props) {
  const { t } = useTranslation();
  const { meta } = useSession();
  return (
    <Box mih="100vh" bg="gray.0">
      <DemoBanner />
      <Container size={460} px="sm" py="xl">
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
            <Stack gap={0}>
              <Text fw={800} size="xl" c="teal.9">
                {t('app.name')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('app.tagline')}
              </Text>
            </Stack>
            <LanguageSwitcher />
          </Group>
          <Paper component="main" withBorder shadow="xs" p="lg" radius="md">
            <Stack gap="md">
              <Title order={1} size="h3">
                {title}
              </Title>
              {children}
            </Stack>
          </Paper>
          {onSignOut && (
            <Anchor component="button" type="button" size="sm" onClick={onSignOut} ta="center">
              {t('auth.otherAccount')}
            </Anchor>
          )}
          {meta && (
            <Text size="xs" c="dimmed" ta="center">
              {t('app.version', { version: meta.version })}
            </Text>
          )}
        </Stack>
      </Container>
    </Box>
  );
}
