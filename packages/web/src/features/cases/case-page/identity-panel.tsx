// Thông tin nhận dạng: revealed only on a deliberate request, which the server logs; kept in this
// component's memory and gone when the officer hides it or leaves the page.
import { DISABILITY_TYPE_LABELS, ETHNICITIES, MARITAL_STATUS_LABELS, PERSON_SEX_LABELS, type SurvivorIdentityView } from '@binhan/domain';
import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/confirm-button';
import { formatDate } from '../../../lib/format';
import { caseKeys, revealIdentity } from '../cases-api';
import { labelOf, useLocale } from '../case-labels';
import { DetailRow } from '../../../components/detail-row';

export function IdentityPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [survivor, setSurvivor] = useState<SurvivorIdentityView | null>(null);

  if (survivor === null) {
    return (
      <ConfirmButton
        variant="outline"
        color="dark"
        label={t('cases.identity.reveal')}
        message={t('cases.identity.confirm')}
        confirmLabel={t('cases.identity.revealConfirm')}
        onConfirm={async () => {
          const result = await revealIdentity(caseId);
          setSurvivor(result.survivor);
          void queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
        }}
        style={{ alignSelf: 'flex-start' }}
      />
    );
  }

  const ethnicity = ETHNICITIES.find((e) => e.code === survivor.ethnicityCode)?.[locale] ?? '';
  const list: Array<[string, string]> = [
    [t('cases.fields.fullName'), survivor.fullName],
    [t('cases.fields.otherNames'), survivor.otherNames.join(', ')],
    [t('cases.fields.sex'), labelOf(PERSON_SEX_LABELS, survivor.sex, locale)],
    [t('cases.fields.dateOfBirth'), survivor.dateOfBirth ? formatDate(survivor.dateOfBirth) : ''],
    [t('cases.fields.ageYears'), survivor.ageYears === null ? '' : String(survivor.ageYears)],
    [t('cases.fields.ethnicity'), ethnicity],
    [t('cases.fields.cccd'), survivor.cccd ?? ''],
    [t('cases.fields.address'), survivor.address ?? ''],
    [t('cases.fields.maritalStatus'), labelOf(MARITAL_STATUS_LABELS, survivor.maritalStatus, locale)],
    [t('cases.fields.disability'), (survivor.disabilities ?? []).map((d) => labelOf(DISABILITY_TYPE_LABELS, d, locale)).join(', ')],
  ];

  return (
    <Card withBorder padding="sm" bg="yellow.0" aria-labelledby="identity-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5" id="identity-title">
          {t('cases.identity.title')}
        </Title>
        <Button size="compact-sm" variant="default" onClick={() => setSurvivor(null)}>
          {t('cases.identity.hide')}
        </Button>
      </Group>
      <Stack gap={4}>
        <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {list
              .filter(([, value]) => value !== '')
              .map(([label, value]) => (
                <DetailRow key={label} label={label} value={value} />
              ))}
            {survivor.phone && (
              <Table.Tr>
                <Table.Th w="40%">
                  <Text size="sm">{t('cases.fields.phone')}</Text>
                </Table.Th>
                <Table.Td>
                  <Anchor href={`tel:${survivor.phone}`} size="sm">
                    {survivor.phone}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          {t('cases.identity.logged')}
        </Text>
      </Stack>
    </Card>
  );
}
