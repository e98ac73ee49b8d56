// Importing activities from a workbook: the template, the upload with its progress, the row-by-row
// check with its progress, the rejected rows (row, column, reason), and the user's choice: import all,
// import only the valid rows, or fix the file and upload it again.
import { Alert, Anchor, Button, Card, FileInput, Group, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportView } from '@binhan/domain';
import { PageHeader } from '../../components/page-header';
import { errorText } from '../../lib/api';
import { formatNumber, todayIso } from '../../lib/format';
import { commitImport, downloadFile, outreachKeys, uploadWorkbook, useImport } from './outreach-api';

const SHOWN_ROWS = 200;

export function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(String(thisYear));
  const [file, setFile] = useState<File | null>(null);
  const [uploadFraction, setUploadFraction] = useState<number | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isCommitting, setIsCommitting] = useState(false);
  const [committed, setCommitted] = useState<ImportView | null>(null);
  const report = useImport(importId);
  const view = committed ?? report.data ?? null;
  const years = Array.from({ length: thisYear - 2016 }, (_, i) => String(thisYear - i));

  const reset = () => {
    setImportId(null);
    setCommitted(null);
    setUploadFraction(null);
    setError(null);
    setFile(null);
  };

  const upload = async () => {
    if (!file) return;
    setError(null);
    setCommitted(null);
    setImportId(null);
    setUploadFraction(0);
    try {
      const started = await uploadWorkbook<ImportView>(`/api/outreach/imports?year=${year}&fileName=${encodeURIComponent(file.name.slice(0, 200))}`, file, setUploadFraction);
      setImportId(started.id);
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setUploadFraction(null);
    }
  };

  const commit = async (onlyValidRows: boolean) => {
    if (!importId) return;
    setIsCommitting(true);
    setError(null);
    try {
      setCommitted(await commitImport(importId, onlyValidRows));
      await queryClient.invalidateQueries({ queryKey: outreachKeys.all });
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setIsCommitting(false);
    }
  };

  const checking = view?.status === 'validating';
  return (
    <Stack gap="md" maw={960}>
      <Anchor component={Link} to="/outreach" size="sm">
        ← {t('outreach.form.back')}
      </Anchor>
      <PageHeader title={t('outreach.import.title')} intro={t('outreach.import.intro')} />
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">{t('outreach.import.step1')}</Title>
          <Group gap="sm" align="flex-end">
            <Select label={t('outreach.import.year')} data={years} value={year} onChange={(v) => v && setYear(v)} allowDeselect={false} w={220} disabled={importId !== null && committed === null} />
            <Button variant="default" onClick={() => void downloadFile(`/api/outreach/imports/template?year=${year}`, `mau-nhap-hoat-dong-${year}.xlsx`).catch((cause: unknown) => setError(errorText(cause)))}>
              {t('outreach.import.template', { year })}
            </Button>
          </Group>
        </Stack>
      </Card>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">{t('outreach.import.step2')}</Title>
          <Group gap="sm" align="flex-end">
            <FileInput
              label={t('outreach.import.file')}
              placeholder={t('outreach.import.filePlaceholder')}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={(f) => { setFile(f); setImportId(null); setCommitted(null); setError(null); }}
              clearable
              style={{ flex: '1 1 260px' }}
              data-testid="import-file"
            />
            <Button onClick={() => void upload()} disabled={file === null || uploadFraction !== null || checking} loading={uploadFraction !== null}>
              {t('outreach.import.upload')}
            </Button>
          </Group>
          {uploadFraction !== null && (
            <Stack gap={4}>
              <Text size="sm">{t('outreach.import.uploading', { percent: Math.round(uploadFraction * 100) })}</Text>
              <Progress value={uploadFraction * 100} aria-label={t('outreach.import.uploading', { percent: Math.round(uploadFraction * 100) })} />
            </Stack>
          )}
          {checking && view && (
            <Stack gap={4} aria-live="polite">
              <Text size="sm">{view.totalRows === 0 ? t('outreach.import.reading') : t('outreach.import.checking', { done: formatNumber(view.processedRows), total: formatNumber(view.totalRows) })}</Text>
              <Progress value={view.totalRows === 0 ? 5 : (view.processedRows / view.totalRows) * 100} animated />
            </Stack>
          )}
        </Stack>
      </Card>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {view && view.status === 'failed' && (
        <Alert color="red" title={t('outreach.import.failed')} role="alert">{view.failure}</Alert>
      )}
      {view && (view.status === 'validated' || view.status === 'imported') && (
        <Card withBorder padding="md" data-testid="import-report">
          <Stack gap="sm">
            <Title order={2} size="h4">{t('outreach.import.step3')}</Title>
            <Text>
              {t('outreach.import.summary', {
                file: view.fileName ?? '', total: formatNumber(view.totalRows), valid: formatNumber(view.validRows), activities: formatNumber(view.activitiesFound), rejected: formatNumber(view.rejectedRows),
              })}
            </Text>
            {view.status === 'imported' ? (
              <Alert color="teal" data-testid="import-done">
                <Group justify="space-between">
                  <Text>{t('outreach.import.done', { n: formatNumber(view.importedActivities) })}</Text>
                  <Group gap="xs">
                    <Button component={Link} to="/outreach" size="xs" variant="white">{t('outreach.import.toList')}</Button>
                    <Button size="xs" variant="subtle" onClick={reset}>{t('outreach.import.another')}</Button>
                  </Group>
                </Group>
              </Alert>
            ) : view.rejectedRows === 0 ? (
              <>
                <Text c="teal.8">{t('outreach.import.allValid')}</Text>
                <Group>
                  <Button onClick={() => void commit(false)} loading={isCommitting}>{t('outreach.import.commit', { n: formatNumber(view.activitiesFound) })}</Button>
                </Group>
              </>
            ) : (
              <>
                <div>
                  <Text fw={700}>{t('outreach.import.rejectedTitle')}</Text>
                  <Text size="sm" c="dimmed">{t('outreach.import.rejectedIntro')}</Text>
                </div>
                <Table.ScrollContainer minWidth={520}>
                  <Table striped withTableBorder data-testid="rejected-rows">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={70}>{t('outreach.import.row')}</Table.Th>
                        <Table.Th w={200}>{t('outreach.import.column')}</Table.Th>
                        <Table.Th>{t('outreach.import.reason')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {view.rejections.slice(0, SHOWN_ROWS).map((r, i) => (
                        <Table.Tr key={`${r.row}-${r.column}-${i}`}>
                          <Table.Td>{r.row}</Table.Td>
                          <Table.Td>{r.column}</Table.Td>
                          <Table.Td>{r.message}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {view.rejections.length > SHOWN_ROWS && <Text size="sm" c="dimmed">{t('outreach.import.rejectedMore', { shown: SHOWN_ROWS })}</Text>}
                <Group gap="sm">
                  <Button variant="default" onClick={reset}>{t('outreach.import.another')}</Button>
                  {view.activitiesFound > 0 && (
                    <Button color="orange" variant="light" onClick={() => void commit(true)} loading={isCommitting}>
                      {t('outreach.import.commitValid', { n: formatNumber(view.activitiesFound) })}
                    </Button>
                  )}
                </Group>
              </>
            )}
            {view.warnings.length > 0 && (
              <Alert color="yellow" title={t('outreach.import.warningsTitle')}>
                {view.warnings.slice(0, 50).map((w, i) => (
                  <Text key={`${w.row}-${i}`} size="sm">{`${t('outreach.import.row')} ${w.row}: ${w.message}`}</Text>
                ))}
              </Alert>
            )}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
