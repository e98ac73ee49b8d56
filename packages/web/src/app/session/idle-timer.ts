// The server ends a session after `sessionIdleMinutes` without a request. The app notes when it last had
// a successful answer, and once that long has passed it says the session is over by itself, instead of
// leaving people's details readable on an unattended computer until the next click.
// The time is shared between tabs (localStorage), so working in one tab keeps the others open.
import { useEffect } from 'react';

export const DEFAULT_IDLE_MINUTES = 30;
const STORAGE_KEY = 'binhan.lastAnswerAt';
/** How often to look; the dialog opens at most this late. */
const CHECK_EVERY_MS = 10_000;

let lastAnswerAt = Date.now();

/** Called on every successful answer from the API. */
export function noteAnswer(): void {
  lastAnswerAt = Date.now();
  try {
    localStorage.setItem(STORAGE_KEY, String(lastAnswerAt));
  } catch {
    // Storage can be switched off; this tab still counts its own answers.
  }
}

function lastAnswerInAnyTab(): number {
  try {
    return Math.max(lastAnswerAt, Number(localStorage.getItem(STORAGE_KEY)) || 0);
  } catch {
    return lastAnswerAt;
  }
}

export function isIdle(lastAnswer: number, now: number, idleMinutes: number): boolean {
  return now - lastAnswer >= idleMinutes * 60_000;
}

/**
 * While `isEnabled` (a fully signed-in session, the dialog not already open), calls `onIdle` once
 * `idleMinutes` have passed since the last successful answer. Checks on a short interval rather than one
 * long timeout, so a computer waking from sleep or a throttled background tab still notices at once.
 */
export function useIdleTimeout(isEnabled: boolean, idleMinutes: number, onIdle: () => void): void {
  useEffect(() => {
    if (!isEnabled) return;
    const check = () => {
      if (isIdle(lastAnswerInAnyTab(), Date.now(), idleMinutes)) onIdle();
    };
    const interval = window.setInterval(check, CHECK_EVERY_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(interval);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [isEnabled, idleMinutes, onIdle]);
}
