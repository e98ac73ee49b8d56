// The ten one-time recovery codes, shown once: copy, download as .txt, and an explicit "I saved them"
// before the user may go on.
import { Button, Checkbox, Code, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/copy-button';
import { downloadText } from '../../components/download';

interface Props {
  codes: string[];
  username: string;
  onContinue?: () => void;
  continueLabel?: string;
}

export function RecoveryCodesPanel({ codes, username, onContinue, continueLabel }: Props) {
  const { t } = useTranslation();
  const [isSaved, setIsSaved] = useState(false);
  const fileText = `${t('auth.recoveryFileHeader', { username })}\n\n${codes.join('\n')}\n`;
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('auth.recoveryTitle')}
      </Title>
      <Text size="sm">{t('auth.recoveryCodesIntro')}</Text>
      <SimpleGrid cols={2} spacing="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {codes.map((code) => (
          <li key={code}>
            <Code fz="md" style={{ letterSpacing: '0.05em' }}>
              {code}
            </Code>
          </li>
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <CopyButton value={codes.join('\n')} label={t('common.copyAll')} size="sm" />
        <Button variant="light" size="sm" onClick={() => downloadText(`binhan-recovery-codes-${username}.txt`, fileText)}>
          {t('common.download')}
        </Button>
      </Group>
      {onContinue && (
        <>
          <Checkbox label={t('auth.recoverySaved')} checked={isSaved} onChange={(event) => setIsSaved(event.currentTarget.checked)} mt="xs" />
          <Button onClick={onContinue} disabled={!isSaved}>
            {continueLabel ?? t('common.continue')}
          </Button>
        </>
      )}
    </Stack>
  );
}
