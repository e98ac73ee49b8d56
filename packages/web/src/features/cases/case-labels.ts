// Code lists of the case module print the domain's own bilingual labels (labelIn), so the law's words
// are never copied into the web catalogues.
import { labelIn, type BilingualLabel } from '@binhan/domain';
import { useTranslation } from 'react-i18next';

export type Locale = 'vi' | 'en';

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'vi';
}

/** Options for a Select or a checkbox group, in the order of the code list. */
export function labelOptions<C extends string>(labels: Readonly<Record<C, BilingualLabel>>, codes: readonly C[], locale: Locale): Array<{ value: C; label: string }> {
  return codes.map((code) => ({ value: code, label: labelIn(labels, code, locale) }));
}

/** The label of a code that came from the server as a plain string; the code itself if it is unknown. */
export function labelOf(labels: Readonly<Record<string, BilingualLabel>>, code: unknown, locale: Locale): string {
  if (typeof code !== 'string') return '';
  return Object.hasOwn(labels, code) ? (labels[code] as BilingualLabel)[locale] : code;
}

/** Pick a code out of a list from an untyped value (a Select's string, a query parameter). */
export function pickCode<C extends string>(codes: readonly C[], value: string | null | undefined): C | undefined {
  return codes.find((code) => code === value);
}
