// The shape of every code list in the case module: a stable English code with Vietnamese and English
// labels, so screens, reports and exports print the law's words without a second catalogue.

export interface BilingualLabel {
  vi: string;
  en: string;
}

/** The label of a code in one language. */
export function labelIn<C extends string>(labels: Readonly<Record<C, BilingualLabel>>, code: C, locale: 'vi' | 'en'): string {
  return labels[code][locale];
}
