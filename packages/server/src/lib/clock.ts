// Time is stored as ISO-8601 UTC strings. Tests move time through setClockOffset.
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function nowIso(): string {
  return now().toISOString();
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

/** For tests only: shift the application's clock. */
export function setClockOffset(ms: number): void {
  offsetMs = ms;
}

/** Today's date (yyyy-mm-dd) in Vietnam, where the users are. */
export function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now());
}
