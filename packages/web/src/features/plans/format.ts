// Numbers of the dashboard: percentages with one decimal in the reader's convention (66,7% in Vietnamese).
import type { IndicatorStatus, TargetKind } from '@binhan/domain';
import i18n from 'i18next';

export function formatIndicator(value: number | null, kind: TargetKind): string {
  if (value === null) return '—';
  const locale = i18n.language === 'en' ? 'en-GB' : 'vi-VN';
  if (kind === 'count') return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}%`;
}

export function formatCount(value: number | null): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN').format(value);
}

export const STATUS_COLORS: Record<IndicatorStatus, string> = {
  met: 'green',
  on_track: 'teal',
  off_track: 'red',
  no_data: 'gray',
  no_target: 'gray',
};

/** The same colours in hex for the charts (Mantine's 7th shades). */
export const STATUS_HEX: Record<IndicatorStatus, string> = {
  met: '#2f9e44',
  on_track: '#0c8599',
  off_track: '#e03131',
  no_data: '#adb5bd',
  no_target: '#868e96',
};
