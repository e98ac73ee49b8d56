// Thông tin nhận dạng of a perpetrator: revealed only on a deliberate request, which the server logs;
// kept in this component's memory and gone when the officer hides it or leaves the page. Corrected
// from here (the identity is replaced as a whole), so it is never typed without being seen first.
import { ETHNICITIES, PERSON_SEX_LABELS, PERSON_SEXES, PerpetratorPatch, type PerpetratorDetail, type PerpetratorIdentityView } from '@binhan/domain';
import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/confirm-button';
import { DetailRow } from '../../../components/detail-row';
import { formatDate } from '../../../lib/format';
import { labelOf, labelOptions, useLocale } from '../../cases/case-labels';
import { ActionModal } from '../../cases/case-page/action-modal';
import { blank, draftResolver, numberOrUndefined } from '../../cases/draft-resolver';
import { DateFieldBound, NumberField, SegmentedField, SelectField, TextAreaField, TextField } from '../../cases/form-fields';
import { useEthnicityOptions } from '../identity/identity-choice';
import { perpetratorKeys, revealPerpetrator, updatePerpetrator } from '../perpetrators-api';
import { usePerpetratorMutation } from './perpetrator-mutation';

interface IdentityDraft {
  identity: {
    fullName: string;
    otherNames: string;
    sex: string;
    dateOfBirth: string;
    ageYears: string;
    ethnicityCode: string;
    cccd: string;
    phone: string;
    address: string;
    occupation: string;
  };
}

const IDENTITY_FIELDS = ['fullName', 'otherNames', 'sex', 'dateOfBirth', 'ageYears', 'ethnicityCode', 'cccd', 'phone', 'address', 'occupation'].map((name) => `identity.${name}`);

function toDraft(identity: PerpetratorIdentityView): IdentityDraft {
  return {
    identity: {
      fullName: identity.fullName,
      otherNames: identity.otherNames.join(', '),
      sex: identity.sex,
      dateOfBirth: identity.dateOfBirth ?? '',
      ageYears: identity.ageYears === null || identity.dateOfBirth ? '' : String(identity.ageYears),
      ethnicityCode: identity.ethnicityCode ?? '',
      cccd: identity.cccd ?? '',
      phone: identity.phone ?? '',
      address: identity.address ?? '',
      occupation: identity.occupation ?? '',
    },
  };
}

function IdentityModal({ detail, identity, onClose, onSaved }: { detail: PerpetratorDetail; identity: PerpetratorIdentityView; onClose: () => void; onSaved: (identity: PerpetratorIdentityView) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const ethnicity = useEthnicityOptions();
  const form = useForm<IdentityDraft, unknown, PerpetratorPatch>({
    resolver: draftResolver(
      () => PerpetratorPatch,
      (d) => {
        const i = d.identity;
        const other = i.otherNames.split(',').map((name) => name.trim()).filter(Boolean);
        return {
          identity: {
            fullName: i.fullName,
            otherNames: other.length === 0 ? undefined : other,
            sex: blank(i.sex),
            dateOfBirth: blank(i.dateOfBirth),
            // A birth date says the age; an age alone is kept when no date is known.
            ageYears: blank(i.dateOfBirth) === undefined ? numberOrUndefined(i.ageYears) : undefined,
            ethnicityCode: blank(i.ethnicityCode),
            cccd: blank(i.cccd),
            phone: blank(i.phone),
            address: blank(i.address),
            villageId: identity.villageId ?? undefined,
            occupation: blank(i.occupation),
          },
        };
      },
      (path) => path.replace(/^identity\.otherNames\.\d+$/, 'identity.otherNames'),
    ),
    defaultValues: toDraft(identity),
  });
  const action = usePerpetratorMutation({
    perpetratorId: detail.id,
    form,
    send: (input) => updatePerpetrator(detail.id, input),
    isShown: (path) => IDENTITY_FIELDS.includes(path),
    mapPath: (path) => path.replace(/^identity\.otherNames\.\d+$/, 'identity.otherNames'),
    savedMessage: t('perpetrators.identity.saved'),
    onDone: (_result, input) => {
      const i = input.identity;
      if (i) {
        onSaved({
          fullName: i.fullName,
          otherNames: i.otherNames ?? [],
          sex: i.sex,
          dateOfBirth: i.dateOfBirth ?? null,
          ageYears: i.ageYears ?? null,
          ethnicityCode: i.ethnicityCode ?? null,
          cccd: i.cccd ?? null,
          phone: i.phone ?? null,
          address: i.address ?? null,
          villageId: i.villageId ?? null,
          occupation: i.occupation ?? null,
        });
      }
      onClose();
    },
  });
  return (
    <ActionModal form={form} action={action} onClose={onClose} title={t('perpetrators.identity.editTitle')} submitLabel={t('common.save')}>
      <TextField name="identity.fullName" label={t('perpetrators.fields.fullName')} required autoComplete="off" />
      <TextField name="identity.otherNames" label={t('perpetrators.fields.otherNames')} autoComplete="off" />
      <SegmentedField name="identity.sex" label={t('perpetrators.fields.sex')} required data={labelOptions(PERSON_SEX_LABELS, PERSON_SEXES, locale)} />
      <Group gap="xs" grow align="flex-start">
        <DateFieldBound name="identity.dateOfBirth" label={t('perpetrators.fields.dateOfBirth')} />
        <NumberField name="identity.ageYears" label={t('perpetrators.fields.ageYears')} min={0} max={120} />
      </Group>
      <TextField name="identity.phone" label={t('perpetrators.fields.phone')} type="tel" inputMode="tel" autoComplete="off" />
      <TextField name="identity.cccd" label={t('perpetrators.fields.cccd')} inputMode="numeric" autoComplete="off" />
      <SelectField name="identity.ethnicityCode" label={t('perpetrators.fields.ethnicity')} searchable clearable data={ethnicity.data} filter={ethnicity.filter} />
      <TextAreaField name="identity.address" label={t('perpetrators.fields.address')} autoComplete="off" />
      <TextField name="identity.occupation" label={t('perpetrators.fields.occupation')} autoComplete="off" />
    </ActionModal>
  );
}

export function PerpetratorIdentityPanel({ detail }: { detail: PerpetratorDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [identity, setIdentity] = useState<PerpetratorIdentityView | null>(null);
  const [isEditing, setIsEditing] = useState(false);

  if (identity === null) {
    return (
      <ConfirmButton
        variant="outline"
        color="dark"
        label={t('perpetrators.identity.reveal')}
        message={t('perpetrators.identity.confirm')}
        confirmLabel={t('perpetrators.identity.revealConfirm')}
        onConfirm={async () => {
          const result = await revealPerpetrator(detail.id);
          setIdentity(result.identity);
          void queryClient.invalidateQueries({ queryKey: perpetratorKeys.detail(detail.id) });
        }}
        style={{ alignSelf: 'flex-start' }}
      />
    );
  }

  const list: Array<[string, string]> = [
    [t('perpetrators.fields.fullName'), identity.fullName],
    [t('perpetrators.fields.otherNames'), identity.otherNames.join(', ')],
    [t('perpetrators.fields.sex'), labelOf(PERSON_SEX_LABELS, identity.sex, locale)],
    [t('perpetrators.fields.dateOfBirth'), identity.dateOfBirth ? formatDate(identity.dateOfBirth) : ''],
    [t('perpetrators.fields.ageYears'), identity.ageYears === null ? '' : String(identity.ageYears)],
    [t('perpetrators.fields.ethnicity'), ETHNICITIES.find((e) => e.code === identity.ethnicityCode)?.[locale] ?? ''],
    [t('perpetrators.fields.cccd'), identity.cccd ?? ''],
    [t('perpetrators.fields.address'), identity.address ?? ''],
    [t('perpetrators.fields.occupation'), identity.occupation ?? ''],
  ];

  return (
    <Card withBorder padding="sm" bg="yellow.0" aria-labelledby="perpetrator-identity-title" data-testid="perpetrator-identity">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h5" id="perpetrator-identity-title">
          {t('perpetrators.identity.title')}
        </Title>
        <Group gap="xs">
          {detail.canEdit && (
            <Button size="compact-sm" variant="light" onClick={() => setIsEditing(true)}>
              {t('perpetrators.identity.edit')}
            </Button>
          )}
          <Button size="compact-sm" variant="default" onClick={() => setIdentity(null)}>
            {t('perpetrators.identity.hide')}
          </Button>
        </Group>
      </Group>
      <Stack gap={4}>
        <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {list
              .filter(([, value]) => value !== '')
              .map(([label, value]) => (
                <DetailRow key={label} label={label} value={value} />
              ))}
            {identity.phone && (
              <DetailRow
                label={t('perpetrators.fields.phone')}
                value={
                  <Anchor href={`tel:${identity.phone}`} size="sm">
                    {identity.phone}
                  </Anchor>
                }
              />
            )}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          {t('perpetrators.identity.logged')}
        </Text>
      </Stack>
      {isEditing && <IdentityModal detail={detail} identity={identity} onClose={() => setIsEditing(false)} onSaved={setIdentity} />}
    </Card>
  );
}
