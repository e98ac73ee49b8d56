// The roster of gender-equality focal points: filter by unit, status and name; add, correct, end a
// posting, or give a person a new posting when they move (their training record follows them).
import { FocalPointEnd, FocalPointInput, PERSON_SEX_LABELS, matchesVietnamese, type FocalPointView } from '@binhan/domain';
import { Badge, Button, Center, Group, Loader, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useController, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-error';
import { QueryError } from '../../components/query-error';
import type { ApiIssue } from '../../lib/api';
import { fieldError } from '../../lib/form-errors';
import { formatDate } from '../../lib/format';
import { unitLabel } from '../admin-units/unit-label';
import { UnitSelect } from '../admin-units/unit-select';
import { labelOf, useLocale } from '../cases/case-labels';
import { applyDraftIssues, blank, draftResolver } from '../cases/draft-resolver';
import { DateFieldBound, SegmentedField, TextField } from '../cases/form-fields';
import { EthnicityField, STAFF_UNIT_KINDS, ethnicityName, useDefaultUnit, useSexOptions } from './shared';
import { createPosting, endPosting, trainingKeys, updatePosting, useRoster } from './training-api';
import { FormActions } from '../../components/form-actions';

type Status = 'active' | 'ended' | 'all';

export function RosterSection({ unitId, canManage }: { unitId: string | null; canManage: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [status, setStatus] = useState<Status>('active');
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<{ mode: 'new' } | { mode: 'edit' | 'move'; posting: FocalPointView } | null>(null);
  const [ending, setEnding] = useState<FocalPointView | null>(null);
  const roster = useRoster({ unitId: unitId ?? undefined, status });
  const defaultUnit = useDefaultUnit(unitId);
  // The list is small: search locally, accents optional.
  const shown = (roster.data ?? []).filter((p) => search.trim() === '' || matchesVietnamese(`${p.fullName} ${p.position}`, search));

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" style={{ flex: '1 1 30rem' }}>
          <TextInput label={t('training.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} data-testid="roster-search" />
          <NativeSelect
            label={t('training.roster.status')}
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value === 'ended' ? 'ended' : event.currentTarget.value === 'all' ? 'all' : 'active')}
            data={[
              { value: 'active', label: t('training.roster.statusActive') },
              { value: 'ended', label: t('training.roster.statusEnded') },
              { value: 'all', label: t('training.roster.statusAll') },
            ]}
          />
        </SimpleGrid>
        {canManage && <Button onClick={() => setEditing({ mode: 'new' })}>{t('training.roster.add')}</Button>}
      </Group>
      {roster.isPending && (
        <Center py="lg">
          <Loader aria-label={t('app.loading')} />
        </Center>
      )}
      {roster.isError && <QueryError error={roster.error} onRetry={() => void roster.refetch()} />}
      {roster.data && (
        <Text size="sm" c="dimmed">
          {t('training.roster.count', { count: shown.length })}
        </Text>
      )}
      {roster.data && shown.length === 0 && <Text c="dimmed">{t('training.roster.empty')}</Text>}
      {shown.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" data-testid="roster-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('training.roster.fullName')}</Table.Th>
                <Table.Th>{t('training.roster.position')}</Table.Th>
                <Table.Th>{t('training.roster.unit')}</Table.Th>
                <Table.Th>{t('training.roster.period')}</Table.Th>
                <Table.Th>{t('training.tabs.courses')}</Table.Th>
                {canManage && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {p.fullName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[labelOf(PERSON_SEX_LABELS, p.sex, locale), ethnicityName(p.ethnicityCode, locale)].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.position}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{unitLabel(p.unit)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.toDate ? t('training.roster.periodEndedLine', { from: formatDate(p.fromDate), to: formatDate(p.toDate) }) : t('training.roster.periodLine', { from: formatDate(p.fromDate) })}</Text>
                    {p.endReason && (
                      <Text size="xs" c="dimmed">
                        {p.endReason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {p.gbvTrainedOn ? (
                      <Badge color="teal" variant="light">
                        {t('training.roster.trained', { date: formatDate(p.gbvTrainedOn) })}
                      </Badge>
                    ) : (
                      <Badge color="orange" variant="light">
                        {t('training.roster.notTrained')}
                      </Badge>
                    )}
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button size="compact-sm" variant="light" onClick={() => setEditing({ mode: 'edit', posting: p })}>
                          {t('training.roster.edit')}
                        </Button>
                        {p.toDate === null ? (
                          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setEnding(p)}>
                            {t('training.roster.end')}
                          </Button>
                        ) : (
                          <Button size="compact-sm" variant="subtle" onClick={() => setEditing({ mode: 'move', posting: p })}>
                            {t('training.roster.move')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing !== null && <PostingModal mode={editing.mode} posting={editing.mode === 'new' ? null : editing.posting} defaultUnitId={defaultUnit} onClose={() => setEditing(null)} />}
      {ending !== null && <EndModal posting={ending} onClose={() => setEnding(null)} />}
    </Stack>
  );
}

interface PostingDraft {
  fullName: string;
  position: string;
  unitId: string;
  sex: string;
  ethnicityCode: string;
  fromDate: string;
  toDate: string;
}

const POSTING_FIELDS = ['fullName', 'position', 'unitId', 'sex', 'ethnicityCode', 'fromDate', 'toDate'];

function UnitField({ label }: { label: string }) {
  const { field, fieldState } = useController<PostingDraft, 'unitId'>({ name: 'unitId' });
  return <UnitSelect label={label} required kinds={STAFF_UNIT_KINDS} includeEnded value={field.value === '' ? null : field.value} onChange={(value) => field.onChange(value ?? '')} onBlur={field.onBlur} error={fieldError(fieldState.error)} />;
}

function PostingModal({ mode, posting, defaultUnitId, onClose }: { mode: 'new' | 'edit' | 'move'; posting: FocalPointView | null; defaultUnitId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const sexOptions = useSexOptions();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const personId = mode === 'move' ? posting?.personId : undefined;
  const form = useForm<PostingDraft, unknown, FocalPointInput>({
    resolver: draftResolver(
      () => FocalPointInput,
      (d) => ({
        fullName: d.fullName, position: d.position, unitId: blank(d.unitId), sex: blank(d.sex), ethnicityCode: blank(d.ethnicityCode) ?? null,
        fromDate: blank(d.fromDate), toDate: blank(d.toDate) ?? null, userId: mode === 'edit' ? (posting?.userId ?? null) : null, ...(personId ? { personId } : {}),
      }),
    ),
    defaultValues: {
      fullName: posting?.fullName ?? '',
      position: mode === 'edit' ? (posting?.position ?? '') : '',
      unitId: mode === 'edit' ? (posting?.unit.id ?? '') : (defaultUnitId ?? ''),
      sex: posting?.sex ?? '',
      ethnicityCode: posting?.ethnicityCode ?? '',
      fromDate: mode === 'edit' ? (posting?.fromDate ?? '') : '',
      toDate: mode === 'edit' ? (posting?.toDate ?? '') : '',
    },
  });
  const mutation = useMutation({
    mutationFn: (input: FocalPointInput) => (mode === 'edit' && posting ? updatePosting(posting.id, input) : createPosting(input)),
    networkMode: 'always',
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      notifications.show({ color: 'teal', message: t('training.roster.saved') });
      onClose();
    },
    onError: (error) => setLeftover(applyDraftIssues(error, form.setError, (path) => POSTING_FIELDS.includes(path)).leftover),
  });
  const submit = form.handleSubmit((input) => {
    setLeftover([]);
    mutation.mutate(input);
  });
  const title = mode === 'new' ? t('training.roster.addTitle') : mode === 'edit' ? t('training.roster.editTitle') : t('training.roster.moveTitle', { name: posting?.fullName ?? '' });
  return (
    <Modal opened onClose={onClose} size="lg" title={title} fullScreen={isPhone} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <FormProvider {...form}>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Stack gap="md">
            {mode === 'move' && (
              <Text size="sm" c="dimmed">
                {t('training.roster.moveHint')}
              </Text>
            )}
            <FormError error={mutation.error} leftover={leftover} />
            <TextField name="fullName" label={t('training.roster.fullName')} required data-autofocus autoComplete="off" />
            <TextField name="position" label={t('training.roster.position')} description={t('training.roster.positionHint')} required />
            <UnitField label={t('training.roster.unit')} />
            <SegmentedField name="sex" label={t('training.roster.sex')} required data={sexOptions} />
            <EthnicityField name="ethnicityCode" label={t('training.roster.ethnicity')} />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <DateFieldBound name="fromDate" label={t('training.roster.fromDate')} />
              <DateFieldBound name="toDate" label={t('training.roster.toDate')} description={t('training.roster.toDateHint')} />
            </SimpleGrid>
            <FormActions onCancel={onClose} pending={mutation.isPending} />
          </Stack>
        </form>
      </FormProvider>
    </Modal>
  );
}

interface EndDraft {
  toDate: string;
  reason: string;
}

function EndModal({ posting, onClose }: { posting: FocalPointView; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm<EndDraft, unknown, FocalPointEnd>({
    resolver: draftResolver(() => FocalPointEnd, (d) => ({ toDate: blank(d.toDate), reason: blank(d.reason) })),
    defaultValues: { toDate: '', reason: '' },
  });
  const mutation = useMutation({
    mutationFn: (input: FocalPointEnd) => endPosting(posting.id, input),
    networkMode: 'always',
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      notifications.show({ color: 'teal', message: t('training.roster.ended') });
      onClose();
    },
    onError: (error) => setLeftover(applyDraftIssues(error, form.setError, (path) => path === 'toDate' || path === 'reason').leftover),
  });
  const submit = form.handleSubmit((input) => {
    setLeftover([]);
    mutation.mutate(input);
  });
  return (
    <Modal opened onClose={onClose} title={t('training.roster.endTitle', { name: posting.fullName })} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <FormProvider {...form}>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Stack gap="md">
            <FormError error={mutation.error} leftover={leftover} />
            <DateFieldBound name="toDate" label={t('training.roster.endDate')} />
            <TextField name="reason" label={t('training.roster.endReason')} description={t('training.roster.endReasonHint')} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={mutation.isPending}>
                {t('training.roster.end')}
              </Button>
            </Group>
          </Stack>
        </form>
      </FormProvider>
    </Modal>
  );
}
