// Changing the language applies at once on this device and, when signed in, is saved to the account
// so the next sign-in on another computer opens in the same language.
import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { updateLocale } from '../../features/auth/auth-api';
import { errorText } from '../../lib/api';
import { applyLocale } from '../i18n';
import type { Locale } from '../i18n/catalogue';
import { useSession } from './session-context';

export function useChangeLocale(): (locale: Locale) => Promise<void> {
  const { me, setMe } = useSession();
  return useCallback(
    async (locale: Locale) => {
      await applyLocale(locale);
      if (me?.stage !== 'active' || me.locale === locale) return;
      try {
        setMe(await updateLocale(locale));
      } catch (error) {
        notifications.show({ color: 'red', message: errorText(error) });
      }
    },
    [me, setMe],
  );
}
