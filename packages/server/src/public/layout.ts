// The frame of every public page: the sticky quick-exit bar with its shortcut hint, the site header with
// the language switch, the footer, and the inlined style and script. English is chosen by ?lang=en on
// each link, never by a cookie.
import type { Locale } from '@binhan/domain';
import { PUBLIC_CSS, QUICK_EXIT_JS } from './assets.js';
import { html, trusted, type SafeHtml } from './html.js';
import type { Hotline, PublicPageSettings } from './settings.js';
import { PUBLIC_TEXT, type PublicText } from './texts.js';

export const PUBLIC_PATHS = { home: '/', report: '/bao-tin', exitHelp: '/thoat-nhanh' } as const;

/** A link inside the public site in the reader's language. */
export function href(path: string, locale: Locale): string {
  return locale === 'en' ? `${path}?lang=en` : path;
}

export function textOf(locale: Locale): PublicText {
  return PUBLIC_TEXT[locale];
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

const KIND_PREFIX: Record<string, string> = { commune: 'Xã', town: 'Thị trấn', ward: 'Phường' };

/** "Xã Trần Phú" in Vietnamese, as people say it; the bare name in English. */
export function communeName(unit: { name: string; kind: string }, locale: Locale): string {
  const prefix = KIND_PREFIX[unit.kind];
  return locale === 'vi' && prefix ? `${prefix} ${unit.name}` : unit.name;
}

/** A number as dialled in a tel: link (digits and a leading +). */
export function telOf(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

export function callList(hotlines: readonly Hotline[], locale: Locale): SafeHtml {
  return html`<ul class="calls">${hotlines.map((h) => html`<li><a class="call" href="${telOf(h.number)}"><b>${h.number}</b><span>${h.name[locale]}${h.note ? html`<small>${h.note[locale]}</small>` : ''}</span></a></li>`)}</ul>`;
}

/** The emergency box; when a child is involved, the child hotlines come first. */
export function emergencyBox(settings: PublicPageSettings, locale: Locale, title: string, childFirst = false): SafeHtml {
  const lines = childFirst ? [...settings.hotlines].sort((a, b) => Number(b.forChildren) - Number(a.forChildren)) : settings.hotlines;
  return html`<section class="emergency" aria-labelledby="emergency-title"><h2 id="emergency-title">${title}</h2>${callList(lines, locale)}</section>`;
}

export interface PageOptions {
  locale: Locale;
  title: string;
  /** The path of this page, for the language switch. */
  path: string;
  body: SafeHtml;
  settings: PublicPageSettings;
  /** Forms and results are not for search engines. */
  noindex?: boolean;
}

export function renderPage(options: PageOptions): string {
  const { locale, settings } = options;
  const t = textOf(locale);
  const other: Locale = locale === 'vi' ? 'en' : 'vi';
  const page = html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${options.noindex ? trusted('<meta name="robots" content="noindex, nofollow">') : ''}
<title>${options.title} — ${t.siteName}</title>
<style>${trusted(PUBLIC_CSS)}</style>
</head>
<body>
<a class="skip" href="#main">${t.skipLink}</a>
<div class="exit-bar"><span class="exit-hint">${t.quickExitHint}</span><a id="quick-exit" class="exit" href="${settings.quickExitUrl}" rel="noreferrer">${t.quickExit}</a></div>
<header class="site">
<a class="name" href="${href(PUBLIC_PATHS.home, locale)}" data-replace>${t.siteName}</a>
<p>${fill(t.tagline, { area: settings.areaName[locale] })}</p>
<nav><a href="${href(options.path, other)}" lang="${other}" hreflang="${other}" data-replace>${t.otherLanguage}</a></nav>
</header>
<main id="main">
${options.body}
</main>
<footer>
<ul>
<li><a href="${href(PUBLIC_PATHS.exitHelp, locale)}" data-replace>${t.footerExitHelp}</a></li>
<li><a href="${href(PUBLIC_PATHS.report, locale)}" data-replace>${t.reportCta}</a></li>
<li><a href="/app/">${t.footerStaff}</a></li>
</ul>
<p class="note">${t.footerPrivacy}</p>
</footer>
<script>${trusted(QUICK_EXIT_JS)}</script>
</body>
</html>
`;
  return page.value;
}
