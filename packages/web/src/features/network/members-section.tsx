// Communicators and collaborators of the area as cards (they read well on a phone): role, core group,
// languages, village, trainings attended and activities led; the phone only on an audited request.
import { NETWORK_LANGUAGE_LABELS, NETWORK_MEMBER_KIND_LABELS, PERSON_SEX_LABELS, matchesVietnamese, type NetworkMemberView } from '@binhan/domain';
import { Anchor, Badge, Button, Card, Center, Checkbox, Group, Loader, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/form-error';
import { QueryError } from '../../components/query-error';
import { labelOf, useLocale } from '../cases/case-labels';
import { ethnicityName, useDefaultUnit } from '../training/shared';
import { MemberModal } from './member-modal';
import { revealMember, useMembers } from './network-api';

function PhoneReveal({ member }: { member: NetworkMemberView }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!member.hasPhone) {
    return (
      <Text size="sm" c="dimmed">
        {t('network.members.noPhone')}
      </Text>
    );
  }
  if (phone) {
    return (
      <Anchor href={`tel:${phone}`} size="sm" fw={600}>
        {phone}
      </Anchor>
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
          revealMember(member.id)
            .then((answer) => setPhone(answer.phone))
            .catch(setError)
            .finally(() => setBusy(false));
        }}
      >
        {t('network.members.showPhone')}
      </Button>
      {error !== null && <FormError error={error} withTitle={false} />}
    </Stack>
  );
}

function MemberCard({ member, canManage, onEdit }: { member: NetworkMemberView; canManage: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card withBorder padding="sm" data-testid="member-card">
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={3} size="h5" style={{ flex: '1 1 10rem' }}>
            {member.fullName}
          </Title>
          <Group gap={4}>
            {member.isCore && (
              <Badge color="grape" variant="light">
                {t('network.members.core')}
              </Badge>
            )}
            {!member.isActive && <Badge color="gray">{t('network.members.inactive')}</Badge>}
            {member.userId && (
              <Badge color="blue" variant="light">
                {t('network.members.hasAccount')}
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm">
          {[labelOf(NETWORK_MEMBER_KIND_LABELS, member.kind, locale), labelOf(PERSON_SEX_LABELS, member.sex, locale), ethnicityName(member.ethnicityCode, locale)].filter(Boolean).join(' · ')}
        </Text>
        <Text size="sm" c="dimmed">
          {[member.village?.name, member.unit.name].filter(Boolean).join(', ')}
        </Text>
        <Text size="sm">{member.languages.map((l) => labelOf(NETWORK_LANGUAGE_LABELS, l, locale)).join(', ')}</Text>
        <Text size="sm">
          {t('network.members.trainings', { count: member.trainingsAttended })} · {t('network.members.activities', { count: member.activitiesLed })}
        </Text>
        {canManage && (
          <Group justify="space-between" align="flex-end" mt={4}>
            <PhoneReveal member={member} />
            <Button size="compact-sm" variant="light" onClick={onEdit}>
              {t('network.members.edit')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function MembersSection({ unitId, canManage }: { unitId: string | null; canManage: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [activeOnly, setActiveOnly] = useState(false);
  const [coreOnly, setCoreOnly] = useState(false);
  const [editing, setEditing] = useState<NetworkMemberView | 'new' | null>(null);
  const defaultUnit = useDefaultUnit(unitId);
  const members = useMembers({ unitId: unitId ?? undefined, activeOnly: activeOnly ? 'true' : 'false', coreOnly: coreOnly ? 'true' : 'false' });
  const shown = (members.data ?? []).filter((m) => search.trim() === '' || matchesVietnamese(m.fullName, search));
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Group align="flex-end" gap="md" style={{ flex: '1 1 28rem' }} wrap="wrap">
          <TextInput label={t('network.members.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} style={{ flex: '1 1 16rem' }} />
          <Checkbox label={t('network.members.activeOnly')} checked={activeOnly} onChange={(event) => setActiveOnly(event.currentTarget.checked)} mb={8} />
          <Checkbox label={t('network.members.coreOnly')} checked={coreOnly} onChange={(event) => setCoreOnly(event.currentTarget.checked)} mb={8} />
        </Group>
        {canManage && <Button onClick={() => setEditing('new')}>{t('network.members.add')}</Button>}
      </Group>
      {members.isPending && (
        <Center py="lg">
          <Loader aria-label={t('app.loading')} />
        </Center>
      )}
      {members.isError && <QueryError error={members.error} onRetry={() => void members.refetch()} />}
      {members.data && (
        <Text size="sm" c="dimmed">
          {t('network.members.count', { count: shown.length })}
        </Text>
      )}
      {members.data && shown.length === 0 && <Text c="dimmed">{t('network.members.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {shown.map((m) => (
          <MemberCard key={m.id} member={m} canManage={canManage} onEdit={() => setEditing(m)} />
        ))}
      </SimpleGrid>
      {editing !== null && <MemberModal member={editing === 'new' ? null : editing} defaultUnitId={defaultUnit} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
