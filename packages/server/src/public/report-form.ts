// The public report form: rendering it (again with what was typed and every problem named, GOV.UK error
// summary style), reading a posted form into the domain's input, and the result page with the
// reference — emergency numbers first when someone is in danger now or a child is involved.
import {
  CommunityReportInput, communityReportIssues, errorMessage, REPORT_CONCERN_LABELS, REPORT_CONCERNS, REPORT_CONTACT_WAY_LABELS,
  REPORT_CONTACT_WAYS, REPORT_LIMITS, REPORT_OCCURRED_WHEN, REPORT_OCCURRED_WHEN_LABELS, REPORTER_RELATION_LABELS, REPORTER_RELATIONS,
  VILLAGE_LEVEL_KINDS, YES_NO_UNSURE, sortVietnamese, type AdminUnit, type Locale,
} from '@binhan/domain';
import type { AppDeps } from '../deps.js';
import { fieldIssuesOf, renderIssue } from '../http/error-handler.js';
import { AppError } from '../http/errors.js';
import { checkReportPlace } from '../modules/community-reports/submit.js';
import { html, type SafeHtml } from './html.js';
import { communeName, emergencyBox, fill, href, PUBLIC_PATHS, renderPage, textOf } from './layout.js';
import { currentCommunes } from './pages.js';

/** The form as posted: plain strings, kept to fill the form again. */
export interface FormValues {
  unitId: string;
  villageId: string;
  placeNote: string;
  concerns: string[];
  description: string;
  occurredWhen: string;
  inDangerNow: string;
  childInvolved: string;
  reporterRelation: string;
  contactName: string;
  contactPhone: string;
  contactWays: string[];
  contactSafeTime: string;
  contactNote: string;
}

export interface FormProblem {
  /** The id of the field in the page, for the error summary's link. */
  field: string;
  message: string;
}

export const EMPTY_FORM: FormValues = {
  unitId: '', villageId: '', placeNote: '', concerns: [], description: '', occurredWhen: '', inDangerNow: '', childInvolved: '',
  reporterRelation: '', contactName: '', contactPhone: '', contactWays: [], contactSafeTime: '', contactNote: '',
};

export function readForm(params: URLSearchParams): FormValues {
  // Browsers send a textarea's line breaks as CRLF, and some count them as one character against
  // maxlength: read them as one, so a text that fit the box is not refused as too long.
  const one = (name: string) => (params.get(name) ?? '').replace(/\r\n?/g, '\n');
  return {
    unitId: one('unitId'), villageId: one('villageId'), placeNote: one('placeNote'), concerns: params.getAll('concerns'),
    description: one('description'), occurredWhen: one('occurredWhen'), inDangerNow: one('inDangerNow'), childInvolved: one('childInvolved'),
    reporterRelation: one('reporterRelation'), contactName: one('contactName'), contactPhone: one('contactPhone'),
    contactWays: params.getAll('contactWays'), contactSafeTime: one('contactSafeTime'), contactNote: one('contactNote'),
  };
}

const optional = (value: string) => (value.trim() === '' ? undefined : value);

/** Domain paths to the ids of the form's fields. */
const FIELD_OF_PATH: Record<string, string> = {
  unitId: 'unitId', villageId: 'villageId', placeNote: 'placeNote', concerns: 'concerns', description: 'description',
  occurredWhen: 'occurredWhen', inDangerNow: 'inDangerNow', childInvolved: 'childInvolved', reporterRelation: 'reporterRelation',
  'contact.name': 'contactName', 'contact.phone': 'contactPhone', 'contact.ways': 'contactWays', 'contact.safeTime': 'contactSafeTime', 'contact.note': 'contactNote',
};

function fieldOf(path: string): string {
  return FIELD_OF_PATH[path] ?? FIELD_OF_PATH[path.replace(/\.\d+$/, '')] ?? 'unitId';
}

/** Check the posted form as the API checks a report; the input when all is well, else the problems. */
export async function checkForm(deps: AppDeps, values: FormValues, locale: Locale): Promise<{ input: CommunityReportInput } | { problems: FormProblem[] }> {
  const t = textOf(locale);
  const contact = {
    name: optional(values.contactName), phone: optional(values.contactPhone), ways: values.contactWays,
    safeTime: optional(values.contactSafeTime), note: optional(values.contactNote),
  };
  const parsed = CommunityReportInput.safeParse({
    unitId: values.unitId, villageId: optional(values.villageId), placeNote: optional(values.placeNote), concerns: values.concerns,
    description: optional(values.description), occurredWhen: optional(values.occurredWhen), inDangerNow: optional(values.inDangerNow),
    childInvolved: optional(values.childInvolved), reporterRelation: optional(values.reporterRelation), contact,
  });
  if (!parsed.success) {
    const problems = fieldIssuesOf(parsed.error).map((issue) => {
      const field = fieldOf(issue.path);
      return { field, message: field === 'unitId' ? t.communeRequired : renderIssue(locale, issue).message };
    });
    return { problems: dedupe(problems) };
  }
  const problems: FormProblem[] = communityReportIssues(parsed.data).map((i) => ({ field: fieldOf(i.path), message: errorMessage(locale, i.code) }));
  try {
    await checkReportPlace(deps, parsed.data);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const path = error.issues[0]?.path ?? 'unitId';
    problems.unshift({ field: fieldOf(path), message: path === 'villageId' ? t.villageMismatch : t.communeRequired });
  }
  return problems.length > 0 ? { problems } : { input: parsed.data };
}

function dedupe(problems: FormProblem[]): FormProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));
}

async function villagesByCommune(deps: AppDeps, communes: AdminUnit[]): Promise<Array<{ commune: AdminUnit; villages: AdminUnit[] }>> {
  const graph = await deps.units.graph();
  return communes
    .map((commune) => ({ commune, villages: sortVietnamese(graph.childrenOf(commune.id).filter((v) => VILLAGE_LEVEL_KINDS.includes(v.kind) && v.validTo === null), (v) => v.name) }))
    .filter((g) => g.villages.length > 0);
}

export interface FormPage {
  values: FormValues;
  problems: FormProblem[];
  /** A message above the form that concerns no single field (too fast, too many reports). */
  notice: string | null;
  token: string;
}

export async function renderForm(deps: AppDeps, locale: Locale, page: FormPage): Promise<string> {
  const t = textOf(locale);
  const settings = deps.config.publicPage;
  const communes = await currentCommunes(deps);
  const villageGroups = await villagesByCommune(deps, communes);
  const v = page.values;
  const problemOf = (field: string) => page.problems.find((p) => p.field === field);
  const errorLine = (field: string) => {
    const problem = problemOf(field);
    return problem ? html`<p class="field-error" id="${field}-error">${problem.message}</p>` : '';
  };
  const groupClass = (field: string) => (problemOf(field) ? 'group has-error' : 'group');
  const described = (field: string, hint?: string) => [hint ? `${field}-hint` : '', problemOf(field) ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  const textField = (field: keyof FormValues, label: string, max: number, hint?: string, type = 'text') => html`<div class="${groupClass(field)}">
<label for="${field}">${label} <span class="req">(${t.optional})</span></label>${hint ? html`<span class="hint" id="${field}-hint">${hint}</span>` : ''}${errorLine(field)}
<input type="${type}" id="${field}" name="${field}" maxlength="${max}" value="${v[field]}"${described(field, hint) ? html` aria-describedby="${described(field, hint)}"` : ''} autocomplete="off"></div>`;
  const radios = (field: 'occurredWhen' | 'inDangerNow' | 'childInvolved', legend: string, options: Array<[string, string]>) => html`<fieldset class="${groupClass(field)}" id="${field}-set">
<legend>${legend}</legend>${errorLine(field)}<div class="choices">${options.map(([value, label], index) => html`<label class="choice"><input type="radio" name="${field}" value="${value}"${index === 0 ? html` id="${field}"` : ''}${v[field] === value ? html` checked` : ''}> ${label}</label>`)}</div></fieldset>`;
  const yesNo: Array<[string, string]> = YES_NO_UNSURE.map((value) => [value, value === 'yes' ? t.yes : value === 'no' ? t.no : t.notSure]);

  const body = html`
<h1>${t.reportTitle}</h1>
${page.notice ? html`<div class="error-summary" role="alert" tabindex="-1"><h2>${t.refusedTitle}</h2><p>${page.notice}</p></div>` : ''}
${page.problems.length > 0 ? html`<div class="error-summary" role="alert" tabindex="-1"><h2>${t.errorSummaryTitle}</h2><ul class="plain">${page.problems.map((p) => html`<li><a href="#${p.field}">${p.message}</a></li>`)}</ul></div>` : ''}
${emergencyBox(settings, locale, t.emergencyTitle)}
<p>${t.reportIntro}</p>
<form method="post" action="${href(PUBLIC_PATHS.report, locale)}" accept-charset="utf-8" novalidate>
<input type="hidden" name="token" value="${page.token}">
<fieldset><legend>${t.whereLegend}</legend>
<div class="${groupClass('unitId')}"><label for="unitId">${t.communeLabel} <span class="req">(${t.required})</span></label>${errorLine('unitId')}
<select id="unitId" name="unitId" required${problemOf('unitId') ? html` aria-describedby="unitId-error"` : ''}><option value="">${t.communeChoose}</option>${communes.map((c) => html`<option value="${c.id}"${v.unitId === c.id ? html` selected` : ''}>${communeName(c, locale)}</option>`)}</select></div>
${villageGroups.length > 0 ? html`<div class="${groupClass('villageId')}"><label for="villageId">${t.villageLabel} <span class="req">(${t.optional})</span></label><span class="hint" id="villageId-hint">${t.villageHint}</span>${errorLine('villageId')}
<select id="villageId" name="villageId" aria-describedby="${described('villageId', t.villageHint)}"><option value="">${t.villageUnknown}</option>${villageGroups.map((g) => html`<optgroup label="${communeName(g.commune, locale)}">${g.villages.map((village) => html`<option value="${village.id}"${v.villageId === village.id ? html` selected` : ''}>${village.name}</option>`)}</optgroup>`)}</select></div>` : ''}
${textField('placeNote', t.placeNoteLabel, REPORT_LIMITS.placeNote, t.placeNoteHint)}
</fieldset>
<fieldset class="${groupClass('concerns')}"><legend>${t.whatLegend}</legend><span class="hint">${t.whatHint}</span>${errorLine('concerns')}
<div class="choices">${REPORT_CONCERNS.map((code, index) => html`<label class="choice"><input type="checkbox" name="concerns" value="${code}"${index === 0 ? html` id="concerns"` : ''}${v.concerns.includes(code) ? html` checked` : ''}> ${REPORT_CONCERN_LABELS[code][locale]}</label>`)}</div>
<div class="${groupClass('description')}"><label for="description">${t.descriptionLabel} <span class="req">(${t.optional})</span></label><span class="hint" id="description-hint">${t.descriptionHint} ${fill(t.maxChars, { max: REPORT_LIMITS.description })}</span>${errorLine('description')}
<textarea id="description" name="description" rows="6" maxlength="${REPORT_LIMITS.description}" aria-describedby="${described('description', t.descriptionHint)}">${v.description}</textarea></div>
</fieldset>
${radios('occurredWhen', t.whenLegend, REPORT_OCCURRED_WHEN.map((code) => [code, REPORT_OCCURRED_WHEN_LABELS[code][locale]]))}
${radios('inDangerNow', t.dangerLegend, yesNo)}
${radios('childInvolved', t.childLegend, yesNo)}
<div class="${groupClass('reporterRelation')}"><label for="reporterRelation">${t.relationLabel} <span class="req">(${t.optional})</span></label>${errorLine('reporterRelation')}
<select id="reporterRelation" name="reporterRelation"><option value="">${t.relationNone}</option>${REPORTER_RELATIONS.map((code) => html`<option value="${code}"${v.reporterRelation === code ? html` selected` : ''}>${REPORTER_RELATION_LABELS[code][locale]}</option>`)}</select></div>
<fieldset><legend>${t.contactLegend} <span class="req">(${t.optional})</span></legend><p class="hint">${t.contactIntro}</p>
${textField('contactName', t.contactName, REPORT_LIMITS.contactName)}
${textField('contactPhone', t.contactPhone, REPORT_LIMITS.contactPhone, undefined, 'tel')}
<fieldset class="${groupClass('contactWays')}"><legend class="sub">${t.contactWays}</legend>${errorLine('contactWays')}<div class="choices">${REPORT_CONTACT_WAYS.map((code, index) => html`<label class="choice"><input type="checkbox" name="contactWays" value="${code}"${index === 0 ? html` id="contactWays"` : ''}${v.contactWays.includes(code) ? html` checked` : ''}> ${REPORT_CONTACT_WAY_LABELS[code][locale]}</label>`)}</div></fieldset>
${textField('contactSafeTime', t.contactSafeTime, REPORT_LIMITS.contactSafeTime, t.contactSafeTimeHint)}
${textField('contactNote', t.contactNote, REPORT_LIMITS.contactNote, t.contactNoteHint)}
</fieldset>
<div class="trap" aria-hidden="true"><label for="website">${t.honeypot}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit" class="submit">${t.submit}</button>
</form>
`;
  return renderPage({ locale, title: t.reportTitle, path: PUBLIC_PATHS.report, body, settings, noindex: true });
}

export function renderResult(deps: AppDeps, locale: Locale, reference: string, input: CommunityReportInput): string {
  const t = textOf(locale);
  const settings = deps.config.publicPage;
  const urgent: SafeHtml | '' = input.inDangerNow === 'yes'
    ? emergencyBox(settings, locale, t.dangerNowTitle, input.childInvolved === 'yes')
    : input.childInvolved === 'yes' ? emergencyBox(settings, locale, t.childHotlineFirst, true) : '';
  const body = html`
${urgent}
<h1>${t.resultTitle}</h1>
<p>${t.referenceLabel}:</p>
<p class="reference">${reference}</p>
<p>${t.referenceNote}</p>
<p>${t.resultNext}</p>
${urgent ? '' : emergencyBox(settings, locale, t.emergencyTitle)}
<p><a href="${href(PUBLIC_PATHS.home, locale)}" data-replace>${t.home}</a> · <a href="${href(PUBLIC_PATHS.report, locale)}" data-replace>${t.resultAnother}</a></p>
`;
  return renderPage({ locale, title: t.resultTitle, path: PUBLIC_PATHS.home, body, settings, noindex: true });
}

/** A page that only says what went wrong, with the emergency numbers (body too large, unexpected errors). */
export function renderProblemPage(deps: AppDeps, locale: Locale, title: string, text: string): string {
  const t = textOf(locale);
  const body = html`<h1>${title}</h1><p>${text}</p>${emergencyBox(deps.config.publicPage, locale, t.emergencyTitle)}<p><a href="${href(PUBLIC_PATHS.report, locale)}" data-replace>${t.reportTitle}</a></p>`;
  return renderPage({ locale, title, path: PUBLIC_PATHS.report, body, settings: deps.config.publicPage, noindex: true });
}
