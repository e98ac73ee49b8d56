// i18next setup. Vietnamese is the default; the choice is remembered on this device and, once signed
// in, the account's own preference wins (PATCH /api/me keeps it across devices).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { vi } from './vi';
import { isLocale, type Locale } from './catalogue';

const STORAGE_KEY = 'binhan.locale';

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : 'vi';
  } catch {
    // Private browsing can refuse storage; Vietnamese is the safe default.
    return 'vi';
  }
}

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'vi';
}

/** Switch the interface language and remember it on this device. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered on this device; the account preference still applies after sign-in.
  }
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

export async function initI18n(): Promise<void> {
  const locale = storedLocale();
  document.documentElement.lang = locale;
  await i18n.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: locale,
    fallbackLng: 'vi',
    supportedLngs: ['vi', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}
