// Type-checked translation keys: t('nav.home') compiles, t('nav.hom') does not.
import 'i18next';
import type { vi } from './vi';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}
