// The public home page (what violence is, rights, how the commune protects, where to get help by
// commune, hotlines) and the page on quick exit and clearing traces. Help by commune uses <details>,
// so choosing a commune needs no script and leaves nothing in the address bar.
import {
  COMMUNE_LEVEL_KINDS, isValidAt, sortVietnamese, SUPPORT_SERVICE_TYPE_LABELS,
  type AdminUnit, type Locale, type SupportServiceType,
} from '@binhan/domain';
import type { AppDeps } from '../deps.js';
import { todayInVietnam } from '../lib/clock.js';
import { html, type SafeHtml } from './html.js';
import { communeName, emergencyBox, href, PUBLIC_PATHS, renderPage, telOf, textOf } from './layout.js';

/** Communes (xã, phường, thị trấn) that exist today, in Vietnamese order. */
export async function currentCommunes(deps: AppDeps): Promise<AdminUnit[]> {
  const graph = await deps.units.graph();
  const today = todayInVietnam();
  const communes = [...graph.byId.values()].filter((u) => COMMUNE_LEVEL_KINDS.includes(u.kind) && isValidAt(u, today));
  return sortVietnamese(communes, (u) => u.name);
}

interface PublicProvider {
  name: string;
  serviceTypes: SupportServiceType[];
  address: string | null;
  phone: string | null;
  hours: string | null;
  languages: string[];
  servedIds: string[];
}

/** Active directory entries marked public, with the communes they serve (directly or through a unit containing them). */
async function publicProvidersByCommune(deps: AppDeps, communes: AdminUnit[]): Promise<Map<string, PublicProvider[]>> {
  const rows = await deps.db.selectFrom('providers').selectAll().where('is_public', '=', 1).where('is_active', '=', 1).orderBy('name_folded').execute();
  const graph = await deps.units.graph();
  const byCommune = new Map<string, PublicProvider[]>(communes.map((c) => [c.id, []]));
  for (const row of rows) {
    const provider: PublicProvider = {
      name: row.name,
      serviceTypes: JSON.parse(row.service_types) as SupportServiceType[],
      address: row.address,
      phone: row.phone,
      hours: row.hours,
      languages: JSON.parse(row.languages) as string[],
      servedIds: JSON.parse(row.units_served) as string[],
    };
    const served = provider.servedIds.map((id) => graph.scopeOf(id));
    for (const commune of communes) {
      if (served.some((scope) => scope.has(commune.id))) byCommune.get(commune.id)?.push(provider);
    }
  }
  return byCommune;
}

function providerBlock(p: PublicProvider, locale: Locale): SafeHtml {
  const t = textOf(locale);
  // One sentence: only the first label keeps its capital letter.
  const services = p.serviceTypes
    .map((s, index) => {
      const label = SUPPORT_SERVICE_TYPE_LABELS[s]?.[locale] ?? s;
      return index === 0 ? label : label.charAt(0).toLocaleLowerCase(locale) + label.slice(1);
    })
    .join(', ');
  return html`<div class="provider"><h3>${p.name}</h3><dl class="facts">
${p.phone ? html`<dt>${t.providerPhone}</dt><dd><a href="${telOf(p.phone)}">${p.phone}</a></dd>` : ''}
${services ? html`<dt>${t.providerServices}</dt><dd>${services}</dd>` : ''}
${p.hours ? html`<dt>${t.providerHours}</dt><dd>${p.hours}</dd>` : ''}
${p.address ? html`<dt>${t.providerAddress}</dt><dd>${p.address}</dd>` : ''}
${p.languages.length > 0 ? html`<dt>${t.providerLanguages}</dt><dd>${p.languages.join(', ')}</dd>` : ''}
</dl></div>`;
}

export async function renderHome(deps: AppDeps, locale: Locale): Promise<string> {
  const t = textOf(locale);
  const settings = deps.config.publicPage;
  const communes = await currentCommunes(deps);
  const providers = await publicProvidersByCommune(deps, communes);
  const list = (items: readonly string[]) => html`<ul class="plain">${items.map((item) => html`<li>${item}</li>`)}</ul>`;
  const body = html`
<h1>${t.homeTitle}</h1>
<p class="lead">${t.homeIntro}</p>
<p class="strong">${t.notYourFault}</p>
${emergencyBox(settings, locale, t.emergencyTitle)}
<p><a class="cta" href="${href(PUBLIC_PATHS.report, locale)}" data-replace>${t.reportCta}</a><br><span class="note">${t.reportCtaNote}</span></p>
<h2>${t.whatTitle}</h2>
<p>${t.whatIntro}</p>
${list(t.whatActs)}
<h2>${t.gbvTitle}</h2>
<p>${t.gbvText}</p>
<h2>${t.rightsTitle}</h2>
<p>${t.rightsIntro}</p>
${list(t.rights)}
<p>${t.rightsReporter}</p>
<h2>${t.protectTitle}</h2>
${list(t.protect)}
<h2 id="help">${t.helpTitle}</h2>
<p>${t.helpIntro}</p>
${communes.map((c) => {
    const entries = providers.get(c.id) ?? [];
    return html`<details><summary>${communeName(c, locale)}</summary><div>${entries.length > 0 ? entries.map((p) => providerBlock(p, locale)) : html`<p>${t.helpNone}</p>`}</div></details>`;
  })}
<h2>${t.safetyTitle}</h2>
<p>${t.safetyText}</p>
<p><a href="${href(PUBLIC_PATHS.exitHelp, locale)}" data-replace>${t.safetyMore}</a></p>
`;
  return renderPage({ locale, title: t.homeTitle, path: PUBLIC_PATHS.home, body, settings });
}

export function renderExitHelp(deps: AppDeps, locale: Locale): string {
  const t = textOf(locale);
  const body = html`
<h1>${t.exitTitle}</h1>
${t.exitParagraphs.map((p) => html`<p>${p}</p>`)}
<h2>${t.exitHistoryTitle}</h2>
<ul class="plain">${t.exitHistorySteps.map((s) => html`<li>${s}</li>`)}</ul>
<h2>${t.exitSaferTitle}</h2>
<ul class="plain">${t.exitSafer.map((s) => html`<li>${s}</li>`)}</ul>
<p><a href="${href(PUBLIC_PATHS.home, locale)}" data-replace>${t.home}</a></p>
`;
  return renderPage({ locale, title: t.exitTitle, path: PUBLIC_PATHS.exitHelp, body, settings: deps.config.publicPage });
}
