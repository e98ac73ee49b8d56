// A child survivor (under 18) follows the child-protection path: the national hotline 111 is shown
// wherever the case is handled.
import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ChildAlert() {
  const { t } = useTranslation();
  return (
    <Alert color="grape" title={t('cases.childAlert.title')}>
      <Text size="sm">
        {t('cases.childAlert.text')}{' '}
        <Anchor href="tel:111" fw={700}>
          {t('cases.childAlert.hotline')}
        </Anchor>
      </Text>
    </Alert>
  );
}
