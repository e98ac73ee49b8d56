// Training courses of the chosen unit's area, latest first, filtered by dates and title; each opens its
// page with attendance and scores.
import { TRAINING_TOPIC_LABELS } from '@binhan/domain';
import { Anchor, Badge, Button, Center, Group, Loader, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DateField } from '../../components/date-field';
import { QueryError } from '../../components/query-error';
import { formatDate, isIsoDate } from '../../lib/format';
import { unitLabel } from '../admin-units/unit-label';
import { labelOf, useLocale } from '../cases/case-labels';
import { CourseModal } from './course-modal';
import { useDefaultUnit } from './shared';
import { useCourses } from './training-api';

export function CoursesSection({ unitId, canManage }: { unitId: string | null; canManage: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [adding, setAdding] = useState(false);
  const defaultUnit = useDefaultUnit(unitId);
  const courses = useCourses({ unitId: unitId ?? undefined, from: isIsoDate(from) ? from : undefined, to: isIsoDate(to) ? to : undefined, q: search.trim() === '' ? undefined : search.trim() });
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ flex: '1 1 36rem' }}>
          <TextInput label={t('training.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
          <DateField label={t('training.courses.from')} value={from} onChange={setFrom} />
          <DateField label={t('training.courses.to')} value={to} onChange={setTo} />
        </SimpleGrid>
        {canManage && <Button onClick={() => setAdding(true)}>{t('training.courses.add')}</Button>}
      </Group>
      {courses.isPending && (
        <Center py="lg">
          <Loader aria-label={t('app.loading')} />
        </Center>
      )}
      {courses.isError && <QueryError error={courses.error} onRetry={() => void courses.refetch()} />}
      {courses.data && courses.data.length === 0 && <Text c="dimmed">{t('training.courses.empty')}</Text>}
      {courses.data && courses.data.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" data-testid="courses-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('training.courses.titleField')}</Table.Th>
                <Table.Th>{t('training.courses.dates')}</Table.Th>
                <Table.Th>{t('training.courses.unit')}</Table.Th>
                <Table.Th>{t('training.courses.attendees')}</Table.Th>
                <Table.Th>{t('training.courses.gain')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {courses.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td maw={360}>
                    <Anchor component={Link} to={`/training/courses/${c.id}`} fw={600} size="sm">
                      {c.title}
                    </Anchor>
                    <Group gap={4} mt={2}>
                      <Text size="xs" c="dimmed">
                        {labelOf(TRAINING_TOPIC_LABELS, c.topic, locale)}
                      </Text>
                      {c.isGbv && (
                        <Badge size="xs" variant="light" color="grape">
                          {t('training.courses.gbvBadge')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.startDate === c.endDate ? formatDate(c.startDate) : `${formatDate(c.startDate)} – ${formatDate(c.endDate)}`}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{unitLabel(c.unit)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('training.courses.attendeesLine', { named: c.attendeeCount, completed: c.completedCount, others: c.otherAttendeeCount })}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.averageGain === null ? t('training.courses.noGain') : t('training.courses.gainValue', { value: c.averageGain.toLocaleString('vi-VN') })}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {adding && <CourseModal course={null} defaultUnitId={defaultUnit} onClose={() => setAdding(false)} onSaved={(saved) => void navigate(`/training/courses/${saved.id}`)} />}
    </Stack>
  );
}
