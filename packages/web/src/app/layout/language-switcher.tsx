// Tiếng Việt / English. Compact menu in the header; a full segmented control on sign-in and account pages.
import { Button, Menu, SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { isLocale, LOCALES } from '../i18n/catalogue';
import { useChangeLocale } from '../session/use-change-locale';

export function LanguageSwitcher({ variant = 'segmented' }: { variant?: 'segmented' | 'menu' }) {
  const { t } = useTranslation();
  const changeLocale = useChangeLocale();
  const locale = currentLocale();

  if (variant === 'menu') {
    return (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="subtle" size="compact-sm" aria-label={`${t('language.label')}: ${t(`language.${locale}`)}`}>
            {locale.toUpperCase()}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {LOCALES.map((option) => (
            <Menu.Item key={option} onClick={() => void changeLocale(option)} aria-current={option === locale ? 'true' : undefined} lang={option}>
              {t(`language.${option}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    );
  }

  return (
    <SegmentedControl
      aria-label={t('language.label')}
      value={locale}
      onChange={(value) => {
        if (isLocale(value)) void changeLocale(value);
      }}
      data={LOCALES.map((option) => ({ value: option, label: t(`language.${option}`) }))}
      size="xs"
    />
  );
}
