// Recording or correcting one communication activity. Built for a phone first (communicators record
// activities in the village): one column, large touch targets, numbers typed with the numeric keypad.
// After saving, warnings (an audience larger than the commune) are shown; the activity is kept.
import { campaignOfDate, OUTREACH_CAMPAIGN_LABELS } from '@binhan/domain';
import {
  ActionIcon, Alert, Anchor, Button, Card, Group, NumberInput, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { ConfirmButton } from '../../components/confirm-button';
import { DateField } from '../../components/date-field';
import { FullPageLoader } from '../../components/full-page-state';
import { QueryError } from '../../components/query-error';
import { errorText, isApiError } from '../../lib/api';
import { formatDateTime, formatNumber, isIsoDate, todayIso } from '../../lib/format';
import { UnitSelect } from '../admin-units/unit-select';
import { useUnits } from '../admin-units/units-api';
import { useLocale } from '../cases/case-labels';
import { audienceTotal, checkDraft, draftOf, emptyDraft, type ActivityDraft, type AudienceDraft } from './activity-draft';
import { ACTIVITY_UNIT_KINDS, basisOptions, campaignOptions, formatOptions, groupOptions, languageOptions } from './labels';
import { createActivity, deleteActivity, outreachKeys, updateActivity, useActivity, useMyMember, useNetworkMembers } from './outreach-api';

export function ActivityFormPage() {
  const { id } = useParams();
  const activity = useActivity(id);
  if (id !== undefined && activity.isPending) return <FullPageLoader />;
  if (id !== undefined && activity.isError) return <QueryError error={activity.error} onRetry={() => void activity.refetch()} />;
  return <ActivityForm key={id ?? 'new'} id={id} initial={activity.data ? draftOf(activity.data) : null} meta={activity.data ?? null} />;
}

interface FormProps {
  id: string | undefined;
  initial: ActivityDraft | null;
  meta: { canEdit: boolean; isImported: boolean; createdBy: { displayName: string }; createdAt: string } | null;
}

function ActivityForm({ id, initial, meta }: FormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { me, can } = useSession();
  const isCommuneUser = me?.unit !== undefined && me?.unit !== null && me.unit.kind !== 'district';
  const [draft, setDraft] = useState<ActivityDraft>(() => initial ?? emptyDraft(todayIso(), isCommuneUser ? me?.unit?.id ?? null : null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const location = useLocation();
  // Warnings of a first save travel with the navigation to the new activity's page.
  const [warnings, setWarnings] = useState<string[]>(() => (location.state as { warnings?: string[] } | null)?.warnings ?? []);
  const [isSaving, setIsSaving] = useState(false);
  const readOnly = meta !== null && (!meta.canEdit || !can('outreach.write'));
  const units = useUnits(isIsoDate(draft.activityDate) ? draft.activityDate : null, isIsoDate(draft.activityDate));
  const villages = useMemo(() => (units.data ?? []).filter((u) => u.parentId === draft.unitId && (u.kind === 'village' || u.kind === 'residential_group')), [units.data, draft.unitId]);
  const members = useNetworkMembers(draft.unitId);
  const myMember = useMyMember(id === undefined && me?.role === 'communicator');
  // A communicator linked to the network leads their own activities: preselect them once.
  const [didPreselect, setDidPreselect] = useState(false);
  if (!didPreselect && myMember.data && draft.facilitatorMemberId === null && id === undefined) {
    setDidPreselect(true);
    setDraft((d) => ({ ...d, facilitatorMemberId: myMember.data?.id ?? null }));
  }

  const set = <K extends keyof ActivityDraft>(key: K, value: ActivityDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setAudience = (index: number, patch: Partial<AudienceDraft>) =>
    setDraft((d) => ({ ...d, audiences: d.audiences.map((a, i) => (i === index ? { ...a, ...patch } : a)) }));
  const suggested = isIsoDate(draft.activityDate) ? campaignOfDate(draft.activityDate) : null;
  const usedGroups = new Set(draft.audiences.map((a) => a.group));

  const save = async () => {
    setFormError(null);
    setWarnings([]);
    const { input, errors: found } = checkDraft(draft);
    setErrors(found);
    if (!input) {
      setFormError(t('outreach.form.fixErrors'));
      return;
    }
    setIsSaving(true);
    try {
      const saved = id ? await updateActivity(id, input) : await createActivity(input);
      await queryClient.invalidateQueries({ queryKey: outreachKeys.all });
      if (saved.warnings.length > 0) {
        setWarnings(saved.warnings.map((w) => w.message));
        if (!id) void navigate(`/outreach/${saved.activity.id}`, { replace: true, state: { warnings: saved.warnings.map((w) => w.message) } });
        return;
      }
      notifications.show({ color: 'teal', message: t('outreach.form.saved') });
      void navigate('/outreach');
    } catch (error) {
      if (isApiError(error) && error.issues.length > 0) {
        setErrors(Object.fromEntries(error.issues.map((i) => [i.path, i.message.charAt(0).toLocaleUpperCase('vi') + i.message.slice(1)])));
      }
      setFormError(errorText(error));
    } finally {
      setIsSaving(false);
    }
  };

  const title = readOnly ? t('outreach.form.titleView') : id ? t('outreach.form.titleEdit') : t('outreach.form.titleNew');
  return (
    <form onSubmit={(event) => { event.preventDefault(); void save(); }} noValidate>
    <Stack gap="md" maw={720}>
      <Anchor component={Link} to="/outreach" size="sm">
        ← {t('outreach.form.back')}
      </Anchor>
      <Title order={1} size="h2">
        {title}
      </Title>
      {meta && (
        <Text size="sm" c="dimmed">
          {t('outreach.form.createdBy', { name: meta.createdBy.displayName, at: formatDateTime(meta.createdAt) })}
          {meta.isImported ? ` ${t('outreach.form.importedFrom')}` : ''}
        </Text>
      )}
      {readOnly && <Alert color="gray">{t('outreach.form.readOnly')}</Alert>}
      {warnings.length > 0 && (
        <Alert color="yellow" title={t('outreach.form.savedWithWarnings')} data-testid="outreach-warnings">
          {warnings.map((w) => <Text key={w} size="sm">{w}</Text>)}
        </Alert>
      )}
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <DateField label={t('outreach.form.date')} required value={draft.activityDate} onChange={(v) => set('activityDate', v)} error={errors.activityDate} />
            <UnitSelect
              label={t('outreach.form.unit')}
              description={t('outreach.form.unitHint')}
              required
              value={draft.unitId}
              onChange={(v) => setDraft((d) => ({ ...d, unitId: v, villageId: null, facilitatorMemberId: null }))}
              at={isIsoDate(draft.activityDate) ? draft.activityDate : undefined}
              kinds={ACTIVITY_UNIT_KINDS}
              error={errors.unitId}
            />
          </SimpleGrid>
          {villages.length > 0 && (
            <Select
              label={t('outreach.form.village')}
              placeholder={t('outreach.form.villageNone')}
              data={villages.map((v) => ({ value: v.id, label: v.name }))}
              value={draft.villageId}
              onChange={(v) => set('villageId', v)}
              clearable
              searchable
              error={errors.villageId}
            />
          )}
          <Select label={t('outreach.form.format')} required data={formatOptions(locale)} value={draft.format} onChange={(v) => set('format', v)} error={errors.format} allowDeselect={false} />
          <TextInput label={t('outreach.form.topic')} required placeholder={t('outreach.form.topicPlaceholder')} value={draft.topic} onChange={(e) => set('topic', e.currentTarget.value)} error={errors.topic} maxLength={300} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label={t('outreach.form.language')} required data={languageOptions(locale)} value={draft.language} onChange={(v) => set('language', v)} error={errors.language} allowDeselect={false} />
            {draft.language === 'other' && (
              <TextInput label={t('outreach.form.languageOther')} required value={draft.languageOther} onChange={(e) => set('languageOther', e.currentTarget.value)} error={errors.languageOther} />
            )}
          </SimpleGrid>
          <Select
            label={t('outreach.form.campaign')}
            placeholder={t('outreach.form.campaignNone')}
            data={campaignOptions(locale)}
            value={draft.campaign}
            onChange={(v) => set('campaign', v)}
            clearable
            error={errors.campaign}
          />
          {suggested !== null && draft.campaign !== suggested && (
            <Group gap="xs">
              <Text size="sm">{t('outreach.form.campaignSuggest', { campaign: OUTREACH_CAMPAIGN_LABELS[suggested][locale] })}</Text>
              <Button size="compact-sm" variant="light" onClick={() => set('campaign', suggested)}>
                {t('outreach.form.campaignUse')}
              </Button>
            </Group>
          )}
          {draft.campaign === 'other' && (
            <TextInput label={t('outreach.form.campaignNote')} value={draft.campaignNote} onChange={(e) => set('campaignNote', e.currentTarget.value)} error={errors.campaignNote} />
          )}
          <Select
            label={t('outreach.form.facilitator')}
            placeholder={t('outreach.form.facilitatorNone')}
            data={(members.data ?? []).map((m) => ({ value: m.id, label: m.isCore ? `${m.fullName} (${t('outreach.form.facilitatorCore')})` : m.fullName }))}
            value={draft.facilitatorMemberId}
            onChange={(v) => set('facilitatorMemberId', v)}
            clearable
            searchable
            disabled={draft.unitId === null || readOnly}
            error={errors.facilitatorMemberId}
          />

          <Card withBorder padding="sm">
            <Stack gap="sm">
              <div>
                <Title order={2} size="h4">{t('outreach.form.audienceTitle')}</Title>
                <Text size="xs" c="dimmed">{t('outreach.form.audienceHint')}</Text>
              </div>
              {errors.audiences && <Text size="sm" c="red.8" role="alert">{errors.audiences}</Text>}
              {draft.audiences.map((a, index) => (
                <Stack key={index} gap={6} data-testid={`audience-${index}`}>
                  <Group gap="xs" wrap="nowrap" align="flex-end">
                    <Select
                      style={{ flex: 1 }}
                      label={t('outreach.form.group')}
                      data={groupOptions(locale).map((o) => ({ ...o, disabled: o.value !== a.group && usedGroups.has(o.value) }))}
                      value={a.group}
                      onChange={(v) => setAudience(index, { group: v })}
                      allowDeselect={false}
                      error={errors[`audiences.${index}.group`]}
                    />
                    {draft.audiences.length > 1 && !readOnly && (
                      <ActionIcon variant="subtle" color="red" size="lg" mb={2} aria-label={t('outreach.form.removeGroup')} onClick={() => set('audiences', draft.audiences.filter((_, i) => i !== index))}>
                        ✕
                      </ActionIcon>
                    )}
                  </Group>
                  <SimpleGrid cols={3} spacing="xs">
                    {(['female', 'male', 'unknownSex'] as const).map((key) => (
                      <NumberInput
                        key={key}
                        label={t(`outreach.form.${key}`)}
                        value={a[key]}
                        onChange={(v) => setAudience(index, { [key]: v })}
                        min={0}
                        allowDecimal={false}
                        thousandSeparator="."
                        decimalSeparator=","
                        inputMode="numeric"
                        hideControls
                        error={errors[`audiences.${index}.${key}`]}
                      />
                    ))}
                  </SimpleGrid>
                </Stack>
              ))}
              {!readOnly && draft.audiences.length < 6 && (
                <Button variant="light" size="sm" style={{ alignSelf: 'flex-start' }} onClick={() => set('audiences', [...draft.audiences, { group: groupOptions(locale).find((o) => !usedGroups.has(o.value))?.value ?? null, female: '', male: '', unknownSex: '' }])}>
                  + {t('outreach.form.addGroup')}
                </Button>
              )}
              <Text fw={700} data-testid="audience-total">{t('outreach.form.total', { n: formatNumber(audienceTotal(draft)) })}</Text>
              <Radio.Group label={t('outreach.form.basis')} description={t('outreach.form.basisHint')} value={draft.countingBasis} onChange={(v) => set('countingBasis', v)} error={errors.countingBasis}>
                <Stack gap={6} mt={6}>
                  {basisOptions(locale).map((o) => <Radio key={o.value} value={o.value} label={o.label} />)}
                </Stack>
              </Radio.Group>
            </Stack>
          </Card>

          <Card withBorder padding="sm">
            <Stack gap="xs">
              <Title order={2} size="h4">{t('outreach.form.materialsTitle')}</Title>
              {draft.materials.map((m, index) => (
                <Group key={index} gap="xs" wrap="nowrap" align="flex-end">
                  <TextInput style={{ flex: 2 }} label={t('outreach.form.materialName')} placeholder={t('outreach.form.materialNamePlaceholder')} value={m.name}
                    onChange={(e) => { const name = e.currentTarget.value; set('materials', draft.materials.map((x, i) => (i === index ? { ...x, name } : x))); }} error={errors[`materials.${index}.name`]} />
                  <NumberInput style={{ flex: 1 }} label={t('outreach.form.quantity')} value={m.quantity} min={0} allowDecimal={false} thousandSeparator="." decimalSeparator="," hideControls inputMode="numeric"
                    onChange={(v) => set('materials', draft.materials.map((x, i) => (i === index ? { ...x, quantity: v } : x)))} error={errors[`materials.${index}.quantity`]} />
                  {!readOnly && (
                    <ActionIcon variant="subtle" color="red" size="lg" mb={2} aria-label={t('outreach.form.removeMaterial')} onClick={() => set('materials', draft.materials.filter((_, i) => i !== index))}>
                      ✕
                    </ActionIcon>
                  )}
                </Group>
              ))}
              {!readOnly && (
                <Button variant="light" size="sm" style={{ alignSelf: 'flex-start' }} onClick={() => set('materials', [...draft.materials, { name: '', quantity: '' }])}>
                  + {t('outreach.form.addMaterial')}
                </Button>
              )}
            </Stack>
          </Card>
          <Textarea label={t('outreach.form.note')} description={t('outreach.form.noteHint')} autosize minRows={2} value={draft.note} onChange={(e) => set('note', e.currentTarget.value)} error={errors.note} maxLength={2000} />
        </Stack>
      </fieldset>
      {formError && <Alert color="red" role="alert">{formError}</Alert>}
      {!readOnly && (
        <Group justify="space-between" gap="sm">
          <Button type="submit" size="md" loading={isSaving} fullWidth={false} style={{ flex: '1 1 200px' }}>
            {t('outreach.form.save')}
          </Button>
          {id && (
            <ConfirmButton
              label={t('outreach.form.delete')}
              message={t('outreach.form.deleteConfirm')}
              color="red"
              variant="subtle"
              onConfirm={async () => {
                await deleteActivity(id);
                await queryClient.invalidateQueries({ queryKey: outreachKeys.all });
                notifications.show({ color: 'teal', message: t('outreach.form.deleted') });
                void navigate('/outreach');
              }}
            />
          )}
        </Group>
      )}
    </Stack>
    </form>
  );
}
