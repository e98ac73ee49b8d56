// Display formats for Vietnam: dates dd/mm/yyyy and times HH:mm in Asia/Ho_Chi_Minh whatever the
// computer's own time zone, numbers with "." for thousands (41.000).
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

function localParts(date: Date): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter.formatToParts(date)) parts[part.type] = part.value;
  return {
    year: parts.year ?? '',
    month: parts.month ?? '',
    day: parts.day ?? '',
    hour: parts.hour ?? '',
    minute: parts.minute ?? '',
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * dd/mm/yyyy. A calendar date (yyyy-mm-dd) is printed as is; a timestamp is first moved to Vietnam time,
 * so an event at 23:30 UTC shows on the next day as it did for the officer.
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const calendar = ISO_DATE.exec(value);
  if (calendar) return `${calendar[3]}/${calendar[2]}/${calendar[1]}`;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const p = localParts(date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** HH:mm in Vietnam time. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const p = localParts(date);
  return `${p.hour}:${p.minute}`;
}

/** dd/mm/yyyy HH:mm in Vietnam time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const p = localParts(date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** dd/mm HH:mm in Vietnam time, for a moment within the next days (the end of a no-contact order). */
export function formatDayTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const p = localParts(date);
  return `${p.day}/${p.month} ${p.hour}:${p.minute}`;
}

const numberFormatter = new Intl.NumberFormat('vi-VN');

/** 41000 → "41.000". */
export function formatNumber(value: number): string {
  return numberFormatter.format(value);
}

/** Today's calendar date in Vietnam as yyyy-mm-dd (for ?at= and date inputs). */
export function todayIso(now: Date = new Date()): string {
  const p = localParts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The calendar day before an ISO date (a merged unit's last day is the day before the merger). */
export function previousDayIso(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
