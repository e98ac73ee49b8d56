// Danh bạ cơ sở cung cấp dịch vụ: who provides which support service, for which communes, with
// contact, hours and languages; filtered by service and commune. Those who keep the directory add and
// change entries (units served may be communes, a district or the province).
import {
  COMMUNE_LEVEL_KINDS,
  matchesVietnamese,
  ProviderInput,
  sortVietnamese,
  SUPPORT_SERVICE_TYPE_LABELS,
  SUPPORT_SERVICE_TYPES,
  type ProviderView,
} from '@binhan/domain';
import { Anchor, Badge, Button, Card, Center, Checkbox, Group, Loader, Modal, MultiSelect, NativeSelect, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { FormProvider, useController, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session/session-context';
import { FormError } from '../../components/form-error';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import type { ApiIssue } from '../../lib/api';
import { fieldError } from '../../lib/form-errors';
import { todayIso } from '../../lib/format';
import { unitLabel } from '../admin-units/unit-label';
import { UnitSelect } from '../admin-units/unit-select';
import { useUnits } from '../admin-units/units-api';
import { labelOptions, pickCode, useLocale } from '../cases/case-labels';
import { applyDraftIssues, blank, draftResolver } from '../cases/draft-resolver';
import { CheckboxGroupField, SwitchField, TextField } from '../cases/form-fields';
import { createProvider, serviceKeys, updateProvider, useProviders } from '../cases/services-api';
import { FormActions } from '../../components/form-actions';

const SERVED_KINDS: readonly string[] = ['province', 'district', ...COMMUNE_LEVEL_KINDS];

function ProviderCard({ provider, onEdit }: { provider: ProviderView; onEdit: (() => void) | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card withBorder padding="sm" data-testid="provider-card">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Title order={2} size="h5" style={{ flex: '1 1 12rem' }}>
            {provider.name}
          </Title>
          <Group gap={4}>
            {provider.isPublic && <Badge color="blue" variant="light">{t('cases.providers.public')}</Badge>}
            {!provider.isActive && <Badge color="gray">{t('cases.providers.inactive')}</Badge>}
          </Group>
        </Group>
        <Text size="sm">{provider.serviceTypes.map((code) => SUPPORT_SERVICE_TYPE_LABELS[code][locale]).join('; ')}</Text>
        <Text size="sm" c="dimmed">
          {t('cases.providers.servesLine', { units: provider.unitsServed.map((u) => u.name).join(', ') })}
        </Text>
        {provider.address && <Text size="sm">{provider.address}</Text>}
        {provider.phone && (
          <Anchor href={`tel:${provider.phone.replace(/\s/g, '')}`} size="sm" fw={600}>
            {provider.phone}
          </Anchor>
        )}
        {provider.hours && <Text size="sm">{t('cases.providers.hoursLine', { hours: provider.hours })}</Text>}
        {provider.languages.length > 0 && <Text size="sm">{t('cases.providers.languagesLine', { languages: provider.languages.join(', ') })}</Text>}
        {onEdit && (
          <Group justify="flex-end">
            <Button size="xs" variant="light" onClick={onEdit}>
              {t('cases.providers.edit')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function ProvidersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { can } = useSession();
  const canManage = can('providers.manage');
  const [serviceType, setServiceType] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<ProviderView | 'new' | null>(null);
  const providers = useProviders({ serviceType: serviceType ?? undefined, servesUnitId: unitId ?? undefined, includeInactive: includeInactive ? 'true' : undefined });
  const shown = (providers.data ?? []).filter((p) => search.trim() === '' || matchesVietnamese(p.name, search));
  const isPhone = useMediaQuery('(max-width: 48em)');

  return (
    <Stack gap="md" maw={1100}>
      <PageHeader
        title={t('cases.providers.title')}
        intro={t('cases.providers.intro')}
        actions={canManage && <Button onClick={() => setEditing('new')}>{t('cases.providers.add')}</Button>}
      />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <TextInput label={t('cases.providers.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
        <ServiceTypeFilter value={serviceType} onChange={setServiceType} native={isPhone === true} labels={labelOptions(SUPPORT_SERVICE_TYPE_LABELS, SUPPORT_SERVICE_TYPES, locale)} />
        <UnitSelect label={t('cases.providers.servesFilter')} value={unitId} onChange={setUnitId} kinds={COMMUNE_LEVEL_KINDS} />
        {canManage && <Checkbox label={t('cases.providers.includeInactive')} checked={includeInactive} onChange={(event) => setIncludeInactive(event.currentTarget.checked)} mt={{ base: 0, md: 30 }} />}
      </SimpleGrid>
      {providers.isPending && (
        <Center py="lg">
          <Loader aria-label={t('app.loading')} />
        </Center>
      )}
      {providers.isError && <QueryError error={providers.error} onRetry={() => void providers.refetch()} />}
      {providers.data && shown.length === 0 && <Text c="dimmed">{t('cases.providers.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {shown.map((provider) => (
          <ProviderCard key={provider.id} provider={provider} onEdit={canManage ? () => setEditing(provider) : null} />
        ))}
      </SimpleGrid>
      {editing !== null && <ProviderModal provider={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

/** The service filter: the system's picker on a phone, a searchable select on a desk (as in the case forms). */
function ServiceTypeFilter({ value, onChange, native, labels }: { value: string | null; onChange: (value: string | null) => void; native: boolean; labels: Array<{ value: string; label: string }> }) {
  const { t } = useTranslation();
  const label = t('cases.providers.serviceFilter');
  if (native) {
    return (
      <NativeSelect
        label={label}
        value={value ?? ''}
        onChange={(event) => onChange(pickCode(SUPPORT_SERVICE_TYPES, event.currentTarget.value) ?? null)}
        data={[{ value: '', label: t('cases.providers.allServices') }, ...labels]}
      />
    );
  }
  return <Select label={label} value={value} onChange={(next) => onChange(pickCode(SUPPORT_SERVICE_TYPES, next) ?? null)} data={labels} clearable placeholder={t('cases.providers.allServices')} comboboxProps={{ withinPortal: true }} />;
}

interface ProviderDraft {
  name: string;
  serviceTypes: string[];
  unitId: string;
  unitsServed: string[];
  address: string;
  phone: string;
  hours: string;
  languages: string[];
  isPublic: boolean;
  isActive: boolean;
}

const PROVIDER_FIELDS = ['name', 'serviceTypes', 'unitId', 'unitsServed', 'address', 'phone', 'hours', 'languages', 'isPublic', 'isActive'];

function UnitField({ name, label }: { name: 'unitId'; label: string }) {
  const { field, fieldState } = useController<ProviderDraft, 'unitId'>({ name });
  return <UnitSelect label={label} required value={field.value === '' ? null : field.value} onChange={(value) => field.onChange(value ?? '')} onBlur={field.onBlur} error={fieldError(fieldState.error)} />;
}

function UnitsServedField({ label, description }: { label: string; description: string }) {
  const { i18n } = useTranslation();
  const units = useUnits(todayIso());
  const { field, fieldState } = useController<ProviderDraft, 'unitsServed'>({ name: 'unitsServed' });
  const data = useMemo(
    () => sortVietnamese((units.data ?? []).filter((u) => SERVED_KINDS.includes(u.kind)), (u) => u.name).map((u) => ({ value: u.id, label: unitLabel(u) })),
    // Labels carry the translated kind.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [units.data, i18n.language],
  );
  return (
    <MultiSelect
      label={label}
      description={description}
      required
      searchable
      data={data}
      value={field.value}
      onChange={(value) => field.onChange(value)}
      onBlur={field.onBlur}
      filter={({ options, search }) => options.filter((option) => 'label' in option && matchesVietnamese(option.label, search))}
      error={fieldError(fieldState.error)}
      comboboxProps={{ withinPortal: true }}
      hidePickedOptions
    />
  );
}

function LanguagesField({ label, description }: { label: string; description: string }) {
  const { field, fieldState } = useController<ProviderDraft, 'languages'>({ name: 'languages' });
  return <TagsInput label={label} description={description} value={field.value} onChange={(value) => field.onChange(value)} onBlur={field.onBlur} error={fieldError(fieldState.error)} />;
}

function ProviderModal({ provider, onClose }: { provider: ProviderView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm<ProviderDraft, unknown, ProviderInput>({
    resolver: draftResolver(
      () => ProviderInput,
      (d) => ({ ...d, address: blank(d.address), phone: blank(d.phone), hours: blank(d.hours), unitId: blank(d.unitId) }),
      (path) => path.replace(/^unitsServed\.\d+$/, 'unitsServed').replace(/^languages\.\d+$/, 'languages'),
    ),
    defaultValues: {
      name: provider?.name ?? '',
      serviceTypes: provider?.serviceTypes ?? [],
      unitId: provider?.unit.id ?? '',
      unitsServed: provider?.unitsServed.map((u) => u.id) ?? [],
      address: provider?.address ?? '',
      phone: provider?.phone ?? '',
      hours: provider?.hours ?? '',
      languages: provider?.languages ?? ['Tiếng Việt'],
      isPublic: provider?.isPublic ?? false,
      isActive: provider?.isActive ?? true,
    },
  });
  const mutation = useMutation({
    mutationFn: (input: ProviderInput) => (provider ? updateProvider(provider.id, input) : createProvider(input)),
    networkMode: 'always',
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: serviceKeys.providersAll });
      notifications.show({ color: 'teal', message: t('cases.providers.saved') });
      onClose();
    },
    onError: (error) =>
      setLeftover(applyDraftIssues(error, form.setError, (path) => PROVIDER_FIELDS.includes(path), (path) => path.replace(/^unitsServed\.\d+$/, 'unitsServed')).leftover),
  });
  const submit = form.handleSubmit((input) => {
    setLeftover([]);
    mutation.mutate(input);
  });
  return (
    <Modal opened onClose={onClose} size="lg" title={provider ? t('cases.providers.editTitle') : t('cases.providers.addTitle')} fullScreen={isPhone} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <FormProvider {...form}>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Stack gap="md">
            <FormError error={mutation.error} leftover={leftover} />
            <TextField name="name" label={t('cases.providers.name')} required data-autofocus />
            <CheckboxGroupField name="serviceTypes" label={t('cases.providers.serviceTypes')} required data={labelOptions(SUPPORT_SERVICE_TYPE_LABELS, SUPPORT_SERVICE_TYPES, locale)} />
            <UnitField name="unitId" label={t('cases.providers.homeUnit')} />
            <UnitsServedField label={t('cases.providers.unitsServed')} description={t('cases.providers.unitsServedHint')} />
            <TextField name="address" label={t('cases.providers.address')} />
            <TextField name="phone" label={t('cases.providers.phone')} inputMode="tel" />
            <TextField name="hours" label={t('cases.providers.hours')} description={t('cases.providers.hoursHint')} />
            <LanguagesField label={t('cases.providers.languages')} description={t('cases.providers.languagesHint')} />
            <SwitchField name="isPublic" label={t('cases.providers.isPublic')} />
            <SwitchField name="isActive" label={t('cases.providers.isActive')} />
            <FormActions onCancel={onClose} pending={mutation.isPending} />
          </Stack>
        </form>
      </FormProvider>
    </Modal>
  );
}
