// Instants as officers enter and read them: a date (dd/mm/yyyy) and a time (HH:mm) in Vietnam time,
// sent as an ISO instant with the +07:00 offset; and "time left" / "time over" for the first intervention.
import i18n from 'i18next';
import { useEffect, useState } from 'react';
import { formatTime, isIsoDate, todayIso } from '../../lib/format';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTime(value: string): boolean {
  return TIME.test(value);
}

/** The date (yyyy-mm-dd) and time (HH:mm) of an instant in Vietnam. */
export function splitVietnam(iso: string): { date: string; time: string } {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?\+07:00$/.exec(iso);
  if (match) return { date: match[1] ?? '', time: match[2] ?? '' };
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { date: '', time: '' };
  return { date: todayIso(date), time: formatTime(iso) };
}

/**
 * A date and a time typed by the officer as one ISO instant. Unfinished input is passed on as typed
 * (an invalid instant), so validation says what is missing instead of the value silently disappearing.
 */
export function joinVietnam(date: string, time: string): string {
  if (date === '' && time === '') return '';
  if (isIsoDate(date) && isTime(time)) return `${date}T${time}:00+07:00`;
  return `${date}T${time}`;
}

/** The current minute as an instant in Vietnam time. */
export function nowInstant(now: Date = new Date()): string {
  return joinVietnam(todayIso(now), formatTime(now.toISOString()));
}

/** "2 giờ 5 phút", "45 phút", "3 ngày 2 giờ": a duration as long as an officer needs to read it. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return i18n.t('cases.duration.daysHours', { days, hours });
  if (hours > 0) return i18n.t('cases.duration.hoursMinutes', { hours, minutes: rest });
  return i18n.t('cases.duration.minutes', { minutes: rest });
}

/** The current time, refreshed every `intervalMs`, for countdowns that must stay true while the page is open. */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
