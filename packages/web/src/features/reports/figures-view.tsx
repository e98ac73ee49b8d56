// The report's figures, read-only: indicators with numerator, denominator and rate, and the count
// tables. "Not available" is written out, never shown as 0.
import {
  TABLE_LAYOUT, reportColumnLabel, reportIndicatorLabel, reportRowLabel, reportTableTitle, type ReportFigures,
} from '@binhan/domain';
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format';

export function FiguresView({ figures }: { figures: ReportFigures }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <Stack gap="md">
      <Paper withBorder className="table-scroll">
        <Table miw={560} data-testid="report-indicators">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.indicator')}</Table.Th>
              <Table.Th ta="right">{t('reports.numerator')}</Table.Th>
              <Table.Th ta="right">{t('reports.denominator')}</Table.Th>
              <Table.Th ta="right">{t('reports.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {figures.indicators.map((i) => (
              <Table.Tr key={i.code}>
                <Table.Td>
                  <Text fw={600} span>{i.code}.</Text> {reportIndicatorLabel(i.code, locale)}
                </Table.Td>
                {i.available ? (
                  <>
                    <Table.Td ta="right">{formatNumber(i.numerator ?? 0)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(i.denominator ?? 0)}</Table.Td>
                    <Table.Td ta="right">{i.value === null ? <Text span c="dimmed" size="sm">{t('reports.noCases')}</Text> : `${i.value.toLocaleString(locale, { maximumFractionDigits: 1 })}%`}</Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={3} ta="right">
                    <Text span c="dimmed" size="sm" title={t('reports.notAvailableHint')}>{t('reports.notAvailable')}</Text>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {figures.tables.map((table) => {
        const key = table.key;
        const layout = TABLE_LAYOUT[key];
        const rowTotals = layout.additive;
        return (
          <Stack key={key} gap={4}>
            <Title order={3} size="h5">{reportTableTitle(key, locale)}</Title>
            {!table.available ? (
              <Text c="dimmed" size="sm">{t('reports.notAvailable')} — {t('reports.notAvailableHint')}</Text>
            ) : (
              <Paper withBorder className="table-scroll">
                <Table striped miw={table.columns.length > 2 ? 560 : 360} data-testid={`report-table-${key}`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th />
                      {table.columns.map((c) => <Table.Th key={c} ta="right">{reportColumnLabel(c, locale)}</Table.Th>)}
                      {rowTotals && <Table.Th ta="right">{t('reports.total')}</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {table.rows.map((r) => (
                      <Table.Tr key={r.key} fw={r.key === 'all' ? 700 : undefined}>
                        <Table.Td>{reportRowLabel(key, r.key, locale)}</Table.Td>
                        {r.values.map((v, j) => <Table.Td key={j} ta="right">{formatNumber(v)}</Table.Td>)}
                        {rowTotals && <Table.Td ta="right" fw={600}>{formatNumber(r.values.reduce((a, b) => a + b, 0))}</Table.Td>}
                      </Table.Tr>
                    ))}
                    {rowTotals && (
                      <Table.Tr fw={700}>
                        <Table.Td>{t('reports.total')}</Table.Td>
                        {table.columns.map((c, j) => <Table.Td key={c} ta="right">{formatNumber(table.rows.reduce((a, r) => a + (r.values[j] ?? 0), 0))}</Table.Td>)}
                        <Table.Td ta="right">{formatNumber(table.rows.reduce((a, r) => a + r.values.reduce((x, y) => x + y, 0), 0))}</Table.Td>
                      </Table.Tr>
                    )}
                  </Table.Tbody>
                </Table>
              </Paper>
            )}
            {key === 'cases_by_form' && table.available && <Text size="xs" c="dimmed">{t('reports.formsNote')}</Text>}
          </Stack>
        );
      })}
    </Stack>
  );
}
