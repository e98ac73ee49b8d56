// What to do now for a high or critical risk (journey 1): call the commune police, ask the commune
// chairman for a no-contact order (decided within the legal deadline), arrange a trusted address;
// for a child, also the child-protection hotline 111.
import { DEFAULT_MEASURE_LIMITS, type RiskLevel } from '@binhan/domain';
import { Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const NO_CONTACT_HOURS = DEFAULT_MEASURE_LIMITS.find((l) => l.type === 'no_contact' && l.issuer === 'commune_chairman')?.decideWithinHours ?? 12;

export function needsUrgentActions(level: RiskLevel | null): boolean {
  return level === 'high' || level === 'critical';
}

export function RecommendedActions({ isChild }: { isChild: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" fw={600}>
        {t('cases.actionsNow.title')}
      </Text>
      <List size="sm" spacing={4} type="ordered">
        <List.Item>{t('cases.actionsNow.police')}</List.Item>
        <List.Item>{t('cases.actionsNow.noContact', { hours: NO_CONTACT_HOURS })}</List.Item>
        <List.Item>{t('cases.actionsNow.trustedAddress')}</List.Item>
        {isChild && (
          <List.Item>
            {t('cases.actionsNow.child')}{' '}
            <Anchor href="tel:111" fw={700}>
              111
            </Anchor>
          </List.Item>
        )}
      </List>
    </>
  );
}
