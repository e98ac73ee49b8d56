// Audit entries: a table on wide screens, cards on phones. Each entry's details open in a dialog.
import type { AuditEntryView } from '@binhan/domain';
import { Badge, Button, Card, Code, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRole } from '@binhan/domain';
import { formatDateTime } from '../../lib/format';
import { actionLabel } from './action-label';

function useEntryText() {
  const { t } = useTranslation();
  return {
    actor: (entry: AuditEntryView) => entry.actorUsername ?? (entry.actorId ? entry.actorId : t('audit.anonymous')),
    role: (entry: AuditEntryView) => (entry.actorRole && isRole(entry.actorRole) ? t(`roles.${entry.actorRole}`) : (entry.actorRole ?? '')),
        // Identifiers are UUIDv7: the first characters are a timestamp shared by neighbouring entries, the
    // last ones tell them apart.
    resource: (entry: AuditEntryView) => [entry.resourceType, entry.resourceId ? `…${entry.resourceId.slice(-8)}` : null].filter(Boolean).join(' · ') || '—',
  };
}

function Outcome({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  if (outcome === 'success') return <Badge color="teal" variant="light">{t('audit.outcomeSuccess')}</Badge>;
  if (outcome === 'failure') return <Badge color="red" variant="light">{t('audit.outcomeFailure')}</Badge>;
  if (outcome === 'denied') return <Badge color="orange" variant="light">{t('audit.outcomeDenied')}</Badge>;
  return <Badge color="gray" variant="light">{outcome}</Badge>;
}

export function AuditList({ entries }: { entries: AuditEntryView[] }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [open, setOpen] = useState<AuditEntryView | null>(null);
  const text = useEntryText();
  const detailsButton = (entry: AuditEntryView) => (
    <Button size="compact-xs" variant="subtle" onClick={() => setOpen(entry)} aria-label={`${t('common.details')} #${entry.seq}`}>
      {t('common.details')}
    </Button>
  );

  return (
    <>
      {isPhone ? (
        <Stack gap="xs">
          {entries.map((entry) => (
            <Card key={entry.seq} withBorder padding="sm">
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text fw={600} size="sm">
                  {actionLabel(entry.action)}
                </Text>
                <Outcome outcome={entry.outcome} />
              </Group>
              <Text size="xs" c="dimmed">
                #{entry.seq} · {formatDateTime(entry.at)}
              </Text>
              <Text size="sm" mt={4}>
                {text.actor(entry)} {text.role(entry) && `(${text.role(entry)})`}
              </Text>
              <Group justify="space-between" gap="xs" mt={4}>
                <Text size="xs" c="dimmed">
                  {text.resource(entry)} · {entry.ipAddress ?? '—'}
                </Text>
                {detailsButton(entry)}
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <div className="table-scroll">
          <Table striped verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">{t('audit.time')}</Table.Th>
                <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.resource')}</Table.Th>
                <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
                <Table.Th scope="col">{t('audit.ip')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.details')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.seq}>
                  <Table.Td>{entry.seq}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{text.actor(entry)}</Text>
                    <Text size="xs" c="dimmed">
                      {text.role(entry)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{actionLabel(entry.action)}</Text>
                    <Text size="xs" c="dimmed">
                      {entry.action}
                    </Text>
                  </Table.Td>
                  <Table.Td>{text.resource(entry)}</Table.Td>
                  <Table.Td>
                    <Outcome outcome={entry.outcome} />
                  </Table.Td>
                  <Table.Td>{entry.ipAddress ?? '—'}</Table.Td>
                  <Table.Td>{detailsButton(entry)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open ? t('audit.detailsTitle', { seq: open.seq }) : ''} size="lg">
        {open && (
          <Stack gap="xs">
            <Text size="sm">
              {formatDateTime(open.at)} · {actionLabel(open.action)} · {text.actor(open)}
            </Text>
            {open.resourceId && (
              <Text size="sm">
                {t('audit.resource')}: {open.resourceType} {open.resourceId}
              </Text>
            )}
            {Object.keys(open.details).length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('audit.noDetails')}
              </Text>
            ) : (
              <Code block>{JSON.stringify(open.details, null, 2)}</Code>
            )}
          </Stack>
        )}
      </Modal>
    </>
  );
}
