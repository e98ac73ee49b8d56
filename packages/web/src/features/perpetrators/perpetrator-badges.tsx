// How a perpetrator record is named without an identity (its code, sex, age, commune) and the badges
// shared by the list, the case panel, the intake chooser and the perpetrator page.
import { PERSON_SEX_LABELS, type PersonSex } from '@binhan/domain';
import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../cases/case-labels';

/** "Nam · 38 tuổi": sex and age, or "age not known". */
export function usePersonLine(): (person: { sex: PersonSex; ageYears: number | null }) => string {
  const { t } = useTranslation();
  const locale = useLocale();
  return (person) =>
    [PERSON_SEX_LABELS[person.sex][locale], person.ageYears === null ? t('perpetrators.ageUnknown') : t('perpetrators.ageValue', { age: person.ageYears })].join(' · ');
}

export function RepeatBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="light" {...props}>
      {t('perpetrators.badges.repeat')}
    </Badge>
  );
}

export function HandledBadge({ handled, ...props }: { handled: boolean } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={handled ? 'teal' : 'gray'} variant={handled ? 'light' : 'outline'} {...props}>
      {handled ? t('perpetrators.badges.handled') : t('perpetrators.badges.notHandled')}
    </Badge>
  );
}

export function CriticismBadge(props: BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color="orange" variant="light" {...props}>
      {t('perpetrators.badges.criticism')}
    </Badge>
  );
}
