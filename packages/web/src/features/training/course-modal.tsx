// Add or correct a training course: title, topic, dates, organiser, venue, trainers, materials and the
// counts by group and sex of attendees who are not named.
import { CourseInput, TRAINING_ATTENDEE_GROUP_LABELS, TRAINING_ATTENDEE_GROUPS, TRAINING_TOPIC_LABELS, TRAINING_TOPICS, type CourseDetail } from '@binhan/domain';
import { ActionIcon, Button, Fieldset, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useController, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-error';
import type { ApiIssue } from '../../lib/api';
import { fieldError } from '../../lib/form-errors';
import { UnitSelect } from '../admin-units/unit-select';
import { labelOptions, useLocale } from '../cases/case-labels';
import { applyDraftIssues, blank, draftResolver } from '../cases/draft-resolver';
import { DateFieldBound, NumberField, SelectField, TextAreaField, TextField } from '../cases/form-fields';
import { STAFF_UNIT_KINDS } from './shared';
import { createCourse, trainingKeys, updateCourse } from './training-api';
import { FormActions } from '../../components/form-actions';

interface CourseDraft {
  unitId: string;
  title: string;
  topic: string;
  startDate: string;
  endDate: string;
  organiser: string;
  venue: string;
  trainers: string;
  materials: string;
  otherAttendees: Array<{ group: string; female: string; male: string }>;
}

const COURSE_FIELDS = ['unitId', 'title', 'topic', 'startDate', 'endDate', 'organiser', 'venue', 'trainers', 'materials', 'otherAttendees'];
const toNumber = (value: string) => (value.trim() === '' ? 0 : Number(value));

function UnitField({ label }: { label: string }) {
  const { field, fieldState } = useController<CourseDraft, 'unitId'>({ name: 'unitId' });
  return <UnitSelect label={label} required kinds={STAFF_UNIT_KINDS} includeEnded value={field.value === '' ? null : field.value} onChange={(value) => field.onChange(value ?? '')} onBlur={field.onBlur} error={fieldError(fieldState.error)} />;
}

export function CourseModal({ course, defaultUnitId, onClose, onSaved }: { course: CourseDetail | null; defaultUnitId: string | null; onClose: () => void; onSaved?: (course: CourseDetail) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<ApiIssue[]>([]);
  const form = useForm<CourseDraft, unknown, CourseInput>({
    resolver: draftResolver(
      () => CourseInput,
      (d) => ({
        unitId: blank(d.unitId), title: d.title, topic: blank(d.topic), startDate: blank(d.startDate), endDate: blank(d.endDate), organiser: d.organiser,
        venue: blank(d.venue), trainers: blank(d.trainers), materials: blank(d.materials),
        otherAttendees: d.otherAttendees.map((o) => ({ group: blank(o.group), female: toNumber(o.female), male: toNumber(o.male) })),
      }),
    ),
    defaultValues: {
      unitId: course?.unit.id ?? defaultUnitId ?? '',
      title: course?.title ?? '',
      topic: course?.topic ?? 'gbv_prevention_response',
      startDate: course?.startDate ?? '',
      endDate: course?.endDate ?? '',
      organiser: course?.organiser ?? '',
      venue: course?.venue ?? '',
      trainers: course?.trainers ?? '',
      materials: course?.materials ?? '',
      otherAttendees: (course?.otherAttendees ?? []).map((o) => ({ group: o.group, female: String(o.female), male: String(o.male) })),
    },
  });
  const groups = useFieldArray({ control: form.control, name: 'otherAttendees' });
  const mutation = useMutation({
    mutationFn: (input: CourseInput) => (course ? updateCourse(course.id, input) : createCourse(input)),
    networkMode: 'always',
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      notifications.show({ color: 'teal', message: t('training.courses.saved') });
      onClose();
      onSaved?.(saved);
    },
    onError: (error) => setLeftover(applyDraftIssues(error, form.setError, (path) => COURSE_FIELDS.includes(path) || path.startsWith('otherAttendees.')).leftover),
  });
  const submit = form.handleSubmit((input) => {
    setLeftover([]);
    mutation.mutate(input);
  });
  const groupOptions = labelOptions(TRAINING_ATTENDEE_GROUP_LABELS, TRAINING_ATTENDEE_GROUPS, locale);
  const otherError = form.formState.errors.otherAttendees?.message ?? form.formState.errors.otherAttendees?.root?.message;
  return (
    <Modal opened onClose={onClose} size="lg" title={course ? t('training.courses.editTitle') : t('training.courses.addTitle')} fullScreen={isPhone} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <FormProvider {...form}>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Stack gap="md">
            <FormError error={mutation.error} leftover={leftover} />
            <TextField name="title" label={t('training.courses.titleField')} required data-autofocus />
            <SelectField name="topic" label={t('training.courses.topic')} required data={labelOptions(TRAINING_TOPIC_LABELS, TRAINING_TOPICS, locale)} />
            <UnitField label={t('training.courses.unit')} />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <DateFieldBound name="startDate" label={t('training.courses.startDate')} />
              <DateFieldBound name="endDate" label={t('training.courses.endDate')} />
            </SimpleGrid>
            <TextField name="organiser" label={t('training.courses.organiser')} required />
            <TextField name="venue" label={t('training.courses.venue')} />
            <TextField name="trainers" label={t('training.courses.trainers')} />
            <TextAreaField name="materials" label={t('training.courses.materials')} />
            <Fieldset legend={t('training.courses.otherAttendees')}>
              <Stack gap="xs">
                <Text size="xs" c="dimmed">
                  {t('training.courses.otherAttendeesHint')}
                </Text>
                {groups.fields.map((item, index) => (
                  <Group key={item.id} gap="xs" align="flex-end" wrap="nowrap">
                    <div style={{ flex: '1 1 12rem', minWidth: 0 }}>
                      <SelectField name={`otherAttendees.${index}.group`} label={t('training.courses.group')} required data={groupOptions} />
                    </div>
                    <NumberField name={`otherAttendees.${index}.female`} label={t('training.courses.female')} min={0} max={10000} w={80} />
                    <NumberField name={`otherAttendees.${index}.male`} label={t('training.courses.male')} min={0} max={10000} w={80} />
                    <ActionIcon variant="subtle" color="red" size="lg" mb={2} aria-label={t('training.courses.removeGroup')} onClick={() => groups.remove(index)}>
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                {otherError && (
                  <Text size="sm" c="red.8">
                    {fieldError({ message: otherError })}
                  </Text>
                )}
                {groups.fields.length < TRAINING_ATTENDEE_GROUPS.length && (
                  <Button variant="light" size="xs" w="fit-content" onClick={() => groups.append({ group: TRAINING_ATTENDEE_GROUPS.find((g) => !form.getValues('otherAttendees').some((o) => o.group === g)) ?? '', female: '0', male: '0' })}>
                    {t('training.courses.addGroup')}
                  </Button>
                )}
              </Stack>
            </Fieldset>
            <FormActions onCancel={onClose} pending={mutation.isPending} />
          </Stack>
        </form>
      </FormProvider>
    </Modal>
  );
}
