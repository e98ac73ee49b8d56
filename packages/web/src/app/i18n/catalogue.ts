// The shape every catalogue must have: the Vietnamese catalogue's keys, with any string as values.
import type { vi } from './vi';

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export type Catalogue = Widen<typeof vi>;

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}
