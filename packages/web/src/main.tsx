// Entry point: load the language first so the first paint is already in the right language.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { initI18n } from './app/i18n';

const container = document.getElementById('root');
if (container) {
  void initI18n().then(() => {
    createRoot(container).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
}

// The service worker keeps the app shell so the installed app opens without a connection (production
// builds only; it never stores API answers). A failure to register only means no offline start.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }).catch(() => undefined);
  });
  // A new release takes over at once (skipWaiting); a page of the previous release that then fails to
  // load one of its old lazy chunks reloads into the new release, at most once a minute.
  window.addEventListener('vite:preloadError', (event) => {
    const last = Number(sessionStorage.getItem('binhan.reloadedForUpdate') ?? 0);
    if (Date.now() - last < 60_000) return;
    event.preventDefault();
    sessionStorage.setItem('binhan.reloadedForUpdate', String(Date.now()));
    window.location.reload();
  });
}
