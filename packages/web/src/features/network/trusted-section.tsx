// Trusted addresses of the commune: listed without location or contact; an officer shows them on
// request (audited) and hides them again. Only commune officers and the district focal point get here.
import {
  COMMUNE_LEVEL_KINDS, TRUSTED_ADDRESS_KIND_LABELS, TRUSTED_ADDRESS_KINDS, TRUSTED_ADDRESS_STATUS_LABELS, TRUSTED_ADDRESS_STATUSES, TrustedAddressInput,
  type TrustedAddressReveal, type TrustedAddressStatus, type TrustedAddressView,
} from '@binhan/domain';
import { Alert, Badge, Button, Card, Center, Group, Loader, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useController, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DetailRow } from '../../components/detail-row';
import { FormError } from '../../components/form-error';
import { QueryError } from '../../components/query-error';
import type { ApiIssue } from '../../lib/api';
import { fieldError } from '../../lib/form-errors';
import { UnitSelect } from '../admin-units/unit-select';
import { labelOf, labelOptions, pickCode, useLocale } from '../cases/case-labels';
import { applyDraftIssues, blank, draftResolver } from '../cases/draft-resolver';
import { NumberField, SegmentedField, TextAreaField, TextField } from '../cases/form-fields';
import { createTrustedAddress, networkKeys, revealTrustedAddress, updateTrustedAddress, useTrustedAddresses, type TrustedBody } from './network-api';
import { useDefaultUnit } from '../training/shared';
import { VillageField } from './village-field';
import { FormActions } from '../../components/form-actions';

const STATUS_COLOURS: Record<TrustedAddressStatus, string> = { active: 'teal', paused: 'yellow', closed: 'gray' };

function Revealed({ address }: { address: TrustedAddressView }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<TrustedAddressReveal | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!address.hasContact && !address.hasLocation) return null;
  if (shown) {
    return (
      <Stack gap={0} data-testid="trusted-revealed">
        <Table>
          <Table.Tbody>
            <DetailRow label={t('network.trusted.contactPerson')} value={shown.contactPerson ?? t('network.trusted.none')} />
            <DetailRow label={t('network.trusted.phone')} value={shown.phone ? <a href={`tel:${shown.phone}`}>{shown.phone}</a> : t('network.trusted.none')} />
            <DetailRow label={t('network.trusted.address')} value={shown.address ?? t('network.trusted.none')} />
          </Table.Tbody>
        </Table>
        <Button size="compact-sm" variant="subtle" w="fit-content" onClick={() => setShown(null)}>
          {t('network.trusted.hide')}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      <Button
        size="compact-sm"
        variant="light"
        w="fit-content"
        loading={busy}
        onClick={() => {
          setBusy(true);
          setError(null);
          revealTrustedAddress(address.id).then(setShown).catch(setError).finally(() => setBusy(false));
        }}
      >
        {t('network.trusted.show')}
      </Button>
      {error !== null && <FormError error={error} withTitle={false} />}
    </Stack>
  );
}

export function TrustedSection({ unitId }: { unitId: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [status, setStatus] = useState<TrustedAddressStatus | 'all'>('all');
  const [editing, setEditing] = useState<TrustedAddressView | 'new' | null>(null);
  const defaultUnit = useDefaultUnit(unitId);
  const list = useTrustedAddresses({ unitId: unitId ?? undefined, status }, true);
  return (
    <Stack gap="sm">
      <Alert color="blue" variant="light">
        {t('network.trusted.protectedNote')}
      </Alert>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('network.trusted.statusFilter')}
          value={status}
          onChange={(event) => setStatus(pickCode(TRUSTED_ADDRESS_STATUSES, event.currentTarget.value) ?? 'all')}
          data={[{ value: 'all', label: t('common.all') }, ...labelOptions(TRUSTED_ADDRESS_STATUS_LABELS, TRUSTED_ADDRESS_STATUSES, locale)]}
          w={240}
        />
        <Button onClick={() => setEditing('new')}>{t('network.trusted.add')}</Button>
      </Group>
      {list.isPending && (
        <Center py="lg">
          <Loader aria-label={t('app.loading')} />
        </Center>
      )}
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && <Text c="dimmed">{t('network.trusted.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {(list.data ?? []).map((a) => (
          <Card key={a.id} withBorder padding="sm" data-testid="trusted-card">
            <Stack gap={4}>
              <Group justify="space-between" align="flex-start" gap="xs">
                <Title order={3} size="h5" style={{ flex: '1 1 10rem' }}>
                  {a.name}
                </Title>
                <Badge color={STATUS_COLOURS[a.status]} variant="light">
                  {labelOf(TRUSTED_ADDRESS_STATUS_LABELS, a.status, locale)}
                </Badge>
              </Group>
              <Text size="sm">
                {labelOf(TRUSTED_ADDRESS_KIND_LABELS, a.kind, locale)} · {t('network.trusted.capacityLine', { count: a.capacity })}
              </Text>
              <Text size="sm" c="dimmed">
                {[a.village?.name, a.unit.name].filter(Boolean).join(', ')}
              </Text>
              <Group justify="space-between" align="flex-end" mt={4}>
                <Revealed address={a} />
                <Button size="compact-sm" variant="light" onClick={() => setEditing(a)}>
                  {t('network.trusted.edit')}
                </Button>
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      {editing !== null && <TrustedModal address={editing === 'new' ? null : editing} defaultUnitId={defaultUnit} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

interface TrustedDraft {
  unitId: string;
  villageId: string;
  kind: string;
  name: string;
  capacity: string;
  status: string;
  contactPerson: string;
  phone: string;
  address: string;
}

const TRUSTED_FIELDS = ['unitId', 'villageId', 'kind', 'name', 'capacity', 'status', 'contactPerson', 'phone', 'address'];

function UnitField({ label }: { label: string }) {
  const { field, fieldState } = useController<TrustedDraft, 'unitId'>({ name: 'unitId' });
  const village = useController<TrustedDraft, 'villageId'>({ name: 'villageId' });
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

/** Protected fields left empty on a change are left out (kept); on a new address they are simply not given. */
function toBody(input: TrustedAddressInput): TrustedBody {
  const { phone, contactPerson, address, ...rest } = input;
  return { ...rest, ...(contactPerson ? { contactPerson } : {}), ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
}

function TrustedModal({ address, defaultUnitId, onClose }: { address: TrustedAddressView | null; defaultUnitId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm<TrustedDraft, unknown, TrustedAddressInput>({
    resolver: draftResolver(
      () => TrustedAddressInput,
      (d) => ({
        unitId: blank(d.unitId), villageId: blank(d.villageId) ?? null, kind: blank(d.kind), name: d.name, capacity: d.capacity.trim() === '' ? undefined : Number(d.capacity),
        status: blank(d.status), contactPerson: blank(d.contactPerson), phone: blank(d.phone), address: blank(d.address),
      }),
    ),
    defaultValues: {
      unitId: address?.unit.id ?? defaultUnitId ?? '',
      villageId: address?.village?.id ?? '',
      kind: address?.kind ?? 'household',
      name: address?.name ?? '',
      capacity: address ? String(address.capacity) : '2',
      status: address?.status ?? 'active',
      contactPerson: '',
      phone: '',
      address: '',
    },
  });
  const mutation = useMutation({
    mutationFn: (body: TrustedBody) => (address ? updateTrustedAddress(address.id, body) : createTrustedAddress(body)),
    networkMode: 'always',
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: networkKeys.all });
      notifications.show({ color: 'teal', message: t('network.trusted.saved') });
      onClose();
    },
    onError: (error) => setLeftover(applyDraftIssues(error, form.setError, (path) => TRUSTED_FIELDS.includes(path)).leftover),
  });
  const submit = form.handleSubmit((input) => {
    setLeftover([]);
    mutation.mutate(toBody(input));
  });
  const keep = address ? t('network.trusted.keepHint') : undefined;
  return (
    <Modal opened onClose={onClose} size="lg" title={address ? t('network.trusted.editTitle') : t('network.trusted.addTitle')} fullScreen={isPhone} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <FormProvider {...form}>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Stack gap="md">
            <FormError error={mutation.error} leftover={leftover} />
            <SegmentedField name="kind" label={t('network.trusted.kind')} required data={labelOptions(TRUSTED_ADDRESS_KIND_LABELS, TRUSTED_ADDRESS_KINDS, locale)} />
            <TextField name="name" label={t('network.trusted.name')} description={t('network.trusted.nameHint')} required data-autofocus />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <UnitField label={t('network.trusted.unit')} />
              <VillageField label={t('network.trusted.village')} emptyLabel={t('network.members.noVillage')} />
            </SimpleGrid>
            <NumberField name="capacity" label={t('network.trusted.capacity')} min={0} max={100} w={240} />
            <SegmentedField name="status" label={t('network.trusted.status')} required data={labelOptions(TRUSTED_ADDRESS_STATUS_LABELS, TRUSTED_ADDRESS_STATUSES, locale)} />
            <Alert color="blue" variant="light" p="xs">
              <Text size="sm">{t('network.trusted.protectedNote')}</Text>
            </Alert>
            <TextField name="contactPerson" label={t('network.trusted.contactPerson')} description={keep} autoComplete="off" />
            <TextField name="phone" label={t('network.trusted.phone')} type="tel" inputMode="tel" description={keep} autoComplete="off" />
            <TextAreaField name="address" label={t('network.trusted.address')} description={keep} autoComplete="off" />
            <FormActions onCancel={onClose} pending={mutation.isPending} />
          </Stack>
        </form>
      </FormProvider>
    </Modal>
  );
}
