// What a route shows when its code failed to download (a dropped connection) or it threw.
import { Button, Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { MessagePage } from '../components/message-page';

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <Container size="sm" px="md">
      <MessagePage
        title={t('errors.pageFailedTitle')}
        message={t('errors.pageFailed')}
        action={<Button onClick={() => window.location.reload()}>{t('errors.reload')}</Button>}
      />
    </Container>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <MessagePage title={t('errors.notFoundTitle')} message={t('errors.notFound')} />;
}
