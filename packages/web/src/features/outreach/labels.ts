// Labels of the outreach code lists in the user's language, from the domain's bilingual lists.
import {
  AUDIENCE_GROUPS, AUDIENCE_GROUP_LABELS, COMMUNE_LEVEL_KINDS, COUNTING_BASES, COUNTING_BASIS_LABELS, OUTREACH_CAMPAIGNS, OUTREACH_CAMPAIGN_LABELS, OUTREACH_FORMATS,
  OUTREACH_FORMAT_LABELS, OUTREACH_LANGUAGES, OUTREACH_LANGUAGE_LABELS,
} from '@binhan/domain';
import { labelOptions, type Locale } from '../cases/case-labels';


export const formatOptions = (locale: Locale) => labelOptions(OUTREACH_FORMAT_LABELS, OUTREACH_FORMATS, locale);
export const languageOptions = (locale: Locale) => labelOptions(OUTREACH_LANGUAGE_LABELS, OUTREACH_LANGUAGES, locale);
export const campaignOptions = (locale: Locale) => labelOptions(OUTREACH_CAMPAIGN_LABELS, OUTREACH_CAMPAIGNS, locale);
export const groupOptions = (locale: Locale) => labelOptions(AUDIENCE_GROUP_LABELS, AUDIENCE_GROUPS, locale);
export const basisOptions = (locale: Locale) => labelOptions(COUNTING_BASIS_LABELS, COUNTING_BASES, locale);

export function formatLabel(code: string, locale: Locale): string {
  return OUTREACH_FORMAT_LABELS[code as keyof typeof OUTREACH_FORMAT_LABELS]?.[locale] ?? code;
}

export function campaignLabel(code: string | null, locale: Locale): string {
  return code ? OUTREACH_CAMPAIGN_LABELS[code as keyof typeof OUTREACH_CAMPAIGN_LABELS]?.[locale] ?? code : '';
}

export function groupLabel(code: string, locale: Locale): string {
  return AUDIENCE_GROUP_LABELS[code as keyof typeof AUDIENCE_GROUP_LABELS]?.[locale] ?? code;
}

/** Units an activity belongs to: the district and the communes (of any generation). */
export const ACTIVITY_UNIT_KINDS: readonly string[] = ['district', ...COMMUNE_LEVEL_KINDS];
