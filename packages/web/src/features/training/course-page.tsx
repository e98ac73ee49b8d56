// A training course: its details, the named attendees with a row per person (days present, completed,
// scores before and after, saved per row), adding attendees from the roster, users or the network,
// and the counts of other attendees by group.
import { TRAINING_ATTENDEE_GROUP_LABELS, TRAINING_TOPIC_LABELS, type AttendeeView, type CourseDetail } from '@binhan/domain';
import { Anchor, Badge, Button, Card, Center, Checkbox, Group, Loader, NumberInput, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { ConfirmButton } from '../../components/confirm-button';
import { DetailRow } from '../../components/detail-row';
import { FormError } from '../../components/form-error';
import { QueryError } from '../../components/query-error';
import { formatDate } from '../../lib/format';
import { unitLabel } from '../admin-units/unit-label';
import { labelOf, useLocale } from '../cases/case-labels';
import { CourseModal } from './course-modal';
import { addAttendee, removeAttendee, trainingKeys, updateAttendance, useCandidates, useCourse } from './training-api';

export function CoursePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const { can } = useSession();
  const mayManage = can('training.manage');
  const course = useCourse(id);
  const [editing, setEditing] = useState(false);
  if (course.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (course.isError) return <QueryError error={course.error} onRetry={() => void course.refetch()} />;
  const c = course.data;
  // A course held outside the user's area (e.g. by the district) is shown read-only.
  const canManage = mayManage && c.canManage;
  const others = c.otherAttendees.map((o) => `${labelOf(TRAINING_ATTENDEE_GROUP_LABELS, o.group, locale)}: ${o.female + o.male} (${t('training.courses.female')} ${o.female}, ${t('training.courses.male')} ${o.male})`);
  return (
    <Stack gap="md" maw={1200}>
      <Anchor component={Link} to="/training?tab=courses" size="sm">
        ← {t('training.courses.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 20rem' }}>
          <Title order={1} size="h2">
            {c.title}
          </Title>
          <Group gap="xs">
            <Text c="dimmed" size="sm">
              {labelOf(TRAINING_TOPIC_LABELS, c.topic, locale)}
            </Text>
            {c.isGbv && (
              <Badge variant="light" color="grape">
                {t('training.courses.gbvBadge')}
              </Badge>
            )}
          </Group>
        </Stack>
        {canManage && (
          <Button variant="light" onClick={() => setEditing(true)}>
            {t('training.courses.edit')}
          </Button>
        )}
      </Group>
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="xs">
          {t('training.courses.details')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          <Table>
            <Table.Tbody>
              <DetailRow label={t('training.courses.dates')} value={c.startDate === c.endDate ? formatDate(c.startDate) : `${formatDate(c.startDate)} – ${formatDate(c.endDate)}`} />
              <DetailRow label={t('training.courses.unit')} value={unitLabel(c.unit)} />
              <DetailRow label={t('training.courses.organiser')} value={c.organiser} />
              <DetailRow label={t('training.courses.venue')} value={c.venue ?? '—'} />
            </Table.Tbody>
          </Table>
          <Table>
            <Table.Tbody>
              <DetailRow label={t('training.courses.trainers')} value={c.trainers ?? '—'} />
              <DetailRow label={t('training.courses.materials')} value={c.materials ?? '—'} />
              <DetailRow label={t('training.courses.attendees')} value={t('training.courses.attendeesLine', { named: c.attendeeCount, completed: c.completedCount, others: c.otherAttendeeCount })} />
              <DetailRow label={t('training.courses.gain')} value={<span data-testid="course-gain">{c.averageGain === null ? t('training.courses.noGain') : t('training.courses.gainValue', { value: c.averageGain.toLocaleString('vi-VN') })}</span>} />
            </Table.Tbody>
          </Table>
        </SimpleGrid>
        {others.length > 0 && (
          <Text size="sm" mt="xs">
            {t('training.courses.otherAttendees')}: {others.join('; ')}
          </Text>
        )}
      </Card>
      <Card withBorder padding="md">
        <Title order={2} size="h4">
          {t('training.attendance.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {canManage ? t('training.attendance.intro') : t('training.attendance.readOnly')}
          {c.hiddenAttendeeCount > 0 && ` ${t('training.attendance.othersHidden', { count: c.hiddenAttendeeCount })}`}
        </Text>
        {canManage && <AddAttendee courseId={c.id} />}
        {c.attendees.length === 0 ? (
          <Text c="dimmed" mt="sm">
            {t('training.attendance.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520 + c.days.length * 56}>
            <Table verticalSpacing="xs" mt="sm" data-testid="attendance-grid">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('training.attendance.name')}</Table.Th>
                  {c.days.map((day) => (
                    <Table.Th key={day} ta="center">
                      {formatDate(day).slice(0, 5)}
                    </Table.Th>
                  ))}
                  <Table.Th ta="center">{t('training.attendance.completed')}</Table.Th>
                  <Table.Th>{t('training.attendance.scoreBefore')}</Table.Th>
                  <Table.Th>{t('training.attendance.scoreAfter')}</Table.Th>
                  {canManage && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.attendees.map((a) => (
                  <AttendanceRow key={`${a.id}:${a.daysAttended.join()}:${a.completed}:${a.scoreBefore}:${a.scoreAfter}`} course={c} attendee={a} canManage={canManage} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {editing && <CourseModal course={c} defaultUnitId={null} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

function AttendanceRow({ course, attendee, canManage }: { course: CourseDetail; attendee: AttendeeView; canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [days, setDays] = useState<string[]>(attendee.daysAttended);
  const [completed, setCompleted] = useState(attendee.completed);
  const [before, setBefore] = useState<number | string>(attendee.scoreBefore ?? '');
  const [after, setAfter] = useState<number | string>(attendee.scoreAfter ?? '');
  const score = (value: number | string) => (value === '' ? null : Number(value));
  const dirty = days.join() !== attendee.daysAttended.join() || completed !== attendee.completed || score(before) !== attendee.scoreBefore || score(after) !== attendee.scoreAfter;
  const save = useMutation({
    mutationFn: () => updateAttendance(attendee.id, { daysAttended: days, completed, scoreBefore: score(before), scoreAfter: score(after) }),
    networkMode: 'always',
    onSuccess: (saved) => {
      queryClient.setQueryData(trainingKeys.course(course.id), saved);
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      notifications.show({ color: 'teal', message: t('training.attendance.saved', { name: attendee.fullName }) });
    },
  });
  const toggle = (day: string, on: boolean) => setDays((current) => (on ? [...current, day].sort() : current.filter((d) => d !== day)));
  return (
    <>
      <Table.Tr data-testid="attendance-row">
        <Table.Td>
          <Text fw={600} size="sm">
            {attendee.fullName}
          </Text>
          <Text size="xs" c="dimmed">
            {[t(`training.attendance.kinds.${attendee.kind}`), attendee.detail, attendee.unit ? unitLabel(attendee.unit) : null].filter(Boolean).join(' · ')}
          </Text>
        </Table.Td>
        {course.days.map((day) => (
          <Table.Td key={day} ta="center">
            <Checkbox
              styles={{ body: { justifyContent: 'center' } }}
              aria-label={`${attendee.fullName}: ${t('training.attendance.dayPresent', { day: formatDate(day) })}`}
              checked={days.includes(day)}
              disabled={!canManage}
              onChange={(event) => toggle(day, event.currentTarget.checked)}
            />
          </Table.Td>
        ))}
        <Table.Td ta="center">
          <Checkbox
            styles={{ body: { justifyContent: 'center' } }}
            aria-label={`${attendee.fullName}: ${t('training.attendance.completed')}`}
            checked={completed}
            disabled={!canManage}
            onChange={(event) => setCompleted(event.currentTarget.checked)}
          />
        </Table.Td>
        <Table.Td w={96}>
          <NumberInput size="xs" min={0} max={100} decimalScale={1} value={before} onChange={setBefore} disabled={!canManage} aria-label={`${attendee.fullName}: ${t('training.attendance.scoreBefore')}`} hideControls />
        </Table.Td>
        <Table.Td w={96}>
          <NumberInput size="xs" min={0} max={100} decimalScale={1} value={after} onChange={setAfter} disabled={!canManage} aria-label={`${attendee.fullName}: ${t('training.attendance.scoreAfter')}`} hideControls />
        </Table.Td>
        {canManage && (
          <Table.Td>
            <Group gap={4} wrap="nowrap">
              <Button size="compact-sm" onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty} aria-label={`${t('training.attendance.save')}: ${attendee.fullName}`}>
                {t('training.attendance.save')}
              </Button>
              <ConfirmButton
                size="compact-sm"
                variant="subtle"
                color="red"
                label={t('training.attendance.remove')}
                title={t('training.attendance.removeTitle')}
                message={t('training.attendance.removeMessage', { name: attendee.fullName })}
                onConfirm={async () => {
                  const saved = await removeAttendee(attendee.id);
                  queryClient.setQueryData(trainingKeys.course(course.id), saved);
                  void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
                  notifications.show({ color: 'teal', message: t('training.attendance.removed') });
                }}
              />
            </Group>
          </Table.Td>
        )}
      </Table.Tr>
      {save.isError && (
        <Table.Tr>
          <Table.Td colSpan={course.days.length + 5}>
            <FormError error={save.error} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function AddAttendee({ courseId }: { courseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(search, 250);
  // Once someone is picked the box shows their full label; search the whole list again so it stays there.
  const candidates = useCandidates(courseId, picked === null ? debounced : '', true);
  const add = useMutation({
    mutationFn: (value: string) => {
      const [kind, refId] = value.split(':') as ['focal_point' | 'user' | 'member', string];
      return addAttendee(courseId, { kind, refId });
    },
    networkMode: 'always',
    onSuccess: (saved) => {
      queryClient.setQueryData(trainingKeys.course(courseId), saved);
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      setPicked(null);
      setSearch('');
      notifications.show({ color: 'teal', message: t('training.attendance.added') });
    },
  });
  const kinds = ['focal_point', 'user', 'member'] as const;
  const data = kinds
    .map((kind) => ({
      group: t(`training.attendance.kinds.${kind}`),
      items: (candidates.data ?? []).filter((c) => c.kind === kind).map((c) => ({ value: `${c.kind}:${c.refId}`, label: [c.fullName, c.detail, c.unit?.name].filter(Boolean).join(' — ') })),
    }))
    .filter((g) => g.items.length > 0);
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs" wrap="wrap">
        <Select
          style={{ flex: '1 1 22rem' }}
          label={t('training.attendance.addLabel')}
          placeholder={t('training.attendance.addPlaceholder')}
          searchable
          clearable
          data={data}
          value={picked}
          onChange={setPicked}
          searchValue={search}
          onSearchChange={setSearch}
          // The server already matched the name without accents.
          filter={({ options }) => options}
          nothingFoundMessage={candidates.isFetching ? t('app.loading') : t('common.empty')}
          comboboxProps={{ withinPortal: true }}
          data-testid="attendee-picker"
        />
        <Button onClick={() => picked && add.mutate(picked)} disabled={picked === null} loading={add.isPending}>
          {t('training.attendance.add')}
        </Button>
      </Group>
      {add.isError && <FormError error={add.error} />}
    </Stack>
  );
}
