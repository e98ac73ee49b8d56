// Add or correct a communicator or collaborator. The phone is protected: the form never shows the
// stored number; leaving the field empty keeps it, and removing it is an explicit choice.
import { COMMUNE_LEVEL_KINDS, NETWORK_LANGUAGE_LABELS, NETWORK_LANGUAGES, NETWORK_MEMBER_KIND_LABELS, NETWORK_MEMBER_KINDS, NetworkMemberInput, type NetworkMemberView } from '@binhan/domain';
import { Checkbox, Modal, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useController, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-error';
import type { ApiIssue } from '../../lib/api';
import { fieldError } from '../../lib/form-errors';
import { unitLabel } from '../admin-units/unit-label';
import { UnitSelect } from '../admin-units/unit-select';
import { labelOptions, useLocale } from '../cases/case-labels';
import { applyDraftIssues, blank, draftResolver } from '../cases/draft-resolver';
import { CheckboxGroupField, SegmentedField, SwitchField, TextField } from '../cases/form-fields';
import { EthnicityField, useSexOptions } from '../training/shared';
import { createMember, networkKeys, updateMember, useLinkableAccounts, type MemberBody } from './network-api';
import { VillageField } from './village-field';
import { FormActions } from '../../components/form-actions';

interface MemberDraft {
  fullName: string;
  kind: string;
  sex: string;
  ethnicityCode: string;
  languages: string[];
  unitId: string;
  villageId: string;
  isCore: boolean;
  isActive: boolean;
  phone: string;
  removePhone: boolean;
  userId: string;
}

const MEMBER_FIELDS = ['fullName', 'kind', 'sex', 'ethnicityCode', 'languages', 'unitId', 'villageId', 'isCore', 'isActive', 'phone', 'userId'];

function UnitField({ label }: { label: string }) {
  const { field, fieldState } = useController<MemberDraft, 'unitId'>({ name: 'unitId' });
  const village = useController<MemberDraft, 'villageId'>({ name: 'villageId' });
  return (
    <UnitSelect
      label={label}
      required
      kinds={COMMUNE_LEVEL_KINDS}
      value={field.value === '' ? null : field.value}
      onChange={(value) => {
        field.onChange(value ?? '');
        village.field.onChange('');
      }}
      onBlur={field.onBlur}
      error={fieldError(fieldState.error)}
    />
  );
}

function AccountField({ memberId, label, description, emptyLabel }: { memberId: string | undefined; label: string; description: string; emptyLabel: string }) {
  const accounts = useLinkableAccounts(memberId);
  const { field, fieldState } = useController<MemberDraft, 'userId'>({ name: 'userId' });
  return (
    <Select
      label={label}
      description={description}
      placeholder={emptyLabel}
      data={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.unit ? `${a.displayName} — ${unitLabel(a.unit)}` : a.displayName }))}
      value={field.value === '' ? null : field.value}
      onChange={(value) => field.onChange(value ?? '')}
      clearable
      searchable
      error={fieldError(fieldState.error)}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** The parsed form as the JSON the server reads: a phone left empty is left out (kept), a removed phone is ''. */
function toBody(input: NetworkMemberInput, removePhone: boolean): MemberBody {
  const { phone, ...rest } = input;
  if (removePhone) return { ...rest, phone: '' };
  return phone ? { ...rest, phone } : rest;
}

export function MemberModal({ member, defaultUnitId, onClose }: { member: NetworkMemberView | null; defaultUnitId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const sexOptions = useSexOptions();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm<MemberDraft, unknown, NetworkMemberInput>({
    resolver: draftResolver(
      () => NetworkMemberInput,
      (d) => ({
        fullName: d.fullName, kind: blank(d.kind), sex: blank(d.sex), ethnicityCode: blank(d.ethnicityCode) ?? null, languages: d.languages, unitId: blank(d.unitId),
        villageId: blank(d.villageId) ?? null, isCore: d.isCore, isActive: d.isActive, phone: d.removePhone ? undefined : blank(d.phone), userId: blank(d.userId) ?? null,
      }),
      (path) => path.replace(/^languages\.\d+$/, 'languages'),
    ),
    defaultValues: {
      fullName: member?.fullName ?? '',
      kind: member?.kind ?? 'communicator',
      sex: member?.sex ?? '',
      ethnicityCode: member?.ethnicityCode ?? '',
      languages: member?.languages ?? ['vi'],
      unitId: member?.unit.id ?? defaultUnitId ?? '',
      villageId: member?.village?.id ?? '',
      isCore: member?.isCore ?? false,
      isActive: member?.isActive ?? true,
      phone: '',
      removePhone: false,
      userId: member?.userId ?? '',
    },
  });
  const removePhone = useWatch({ control: form.control, name: 'removePhone' });
  const mutation = useMutation({
    mutationFn: (body: MemberBody) => (member ? updateMember(member.id, body) : createMember(body)),
    networkMode: 'always',
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: networkKeys.all });
      notifications.show({ color: 'teal', message: t('network.members.saved') });
      onClose();
    },
    onError: (error) => setLeftover(applyDraftIssues(error, form.setError, (path) => MEMBER_FIELDS.includes(path), (path) => path.replace(/^languages\.\d+$/, 'languages')).leftover),
  });
  const submit = form.handleSubmit((input) => {
    setLeftover([]);
    mutation.mutate(toBody(input, form.getValues('removePhone')));
  });
  return (
    <Modal opened onClose={onClose} size="lg" title={member ? t('network.members.editTitle') : t('network.members.addTitle')} fullScreen={isPhone} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <FormProvider {...form}>
        <form noValidate onSubmit={(event) => void submit(event)} data-testid="member-form">
          <Stack gap="md">
            <FormError error={mutation.error} leftover={leftover} />
            <TextField name="fullName" label={t('network.members.fullName')} required data-autofocus autoComplete="off" />
            <SegmentedField name="kind" label={t('network.members.kind')} required data={labelOptions(NETWORK_MEMBER_KIND_LABELS, NETWORK_MEMBER_KINDS, locale)} />
            <SegmentedField name="sex" label={t('network.members.sex')} required data={sexOptions} />
            <EthnicityField name="ethnicityCode" label={t('network.members.ethnicity')} />
            <CheckboxGroupField name="languages" label={t('network.members.languages')} required data={labelOptions(NETWORK_LANGUAGE_LABELS, NETWORK_LANGUAGES, locale)} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <UnitField label={t('network.members.unit')} />
              <VillageField label={t('network.members.village')} emptyLabel={t('network.members.noVillage')} />
            </SimpleGrid>
            <TextField
              name="phone"
              label={t('network.members.phone')}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              disabled={removePhone}
              description={member?.hasPhone ? `${t('network.members.phoneKeep')} ${t('network.members.phoneHint')}` : t('network.members.phoneHint')}
            />
            {member?.hasPhone && (
              <Checkbox label={t('network.members.removePhone')} checked={removePhone} onChange={(event) => form.setValue('removePhone', event.currentTarget.checked)} />
            )}
            {removePhone && (
              <Text size="sm" c="orange.8">
                {t('network.members.phoneWillBeRemoved')}
              </Text>
            )}
            <SwitchField name="isCore" label={t('network.members.isCore')} />
            <SwitchField name="isActive" label={t('network.members.isActive')} />
            <AccountField memberId={member?.id} label={t('network.members.userId')} description={t('network.members.userIdHint')} emptyLabel={t('network.members.noUser')} />
            <FormActions onCancel={onClose} pending={mutation.isPending} />
          </Stack>
        </form>
      </FormProvider>
    </Modal>
  );
}
