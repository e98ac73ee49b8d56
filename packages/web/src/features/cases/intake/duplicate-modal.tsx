// Possible duplicates found on leaving the survivor step: the officer opens the existing case (what was
// typed here is then dropped) or goes on, saying this is a new case.
import type { CaseListItem } from '@binhan/domain';
import { Alert, Button, Card, Group, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import { RiskBadge, StatusBadge } from '../case-badges';

interface Props {
  matches: CaseListItem[] | null;
  onOpen: (item: CaseListItem) => void;
  onContinue: () => void;
  onClose: () => void;
}

export function DuplicateModal({ matches, onOpen, onContinue, onClose }: Props) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened={matches !== null}
      onClose={onClose}
      fullScreen={isPhone}
      title={t('cases.duplicates.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('cases.duplicates.intro', { count: matches?.length ?? 0 })}</Text>
        {(matches ?? []).map((item) => (
          <Card key={item.id} withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Text fw={700}>{item.code}</Text>
                <Text size="sm" c="dimmed">
                  {item.unit.name} · {formatDateTime(item.detectedAt)}
                </Text>
              </Stack>
              <RiskBadge level={item.riskLevel} />
            </Group>
            <Group justify="space-between" mt="xs">
              <StatusBadge status={item.status} />
              <Button size="compact-sm" variant="light" onClick={() => onOpen(item)}>
                {t('cases.duplicates.open')}
              </Button>
            </Group>
          </Card>
        ))}
        <Alert color="yellow" variant="light">
          {t('cases.duplicates.openWarning')}
        </Alert>
        <Button onClick={onContinue} data-autofocus>
          {t('cases.duplicates.continue')}
        </Button>
      </Stack>
    </Modal>
  );
}
