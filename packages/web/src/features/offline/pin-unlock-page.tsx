// Offline, after a reload or the idle lock: the PIN opens the device's encrypted store. Five wrong PINs in
// a row wipe it; the count survives reloads (it is kept with the store, not in this screen).
import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PIN_FAILURES, unlockWithPin } from './vault';

/**
 * `wiped`: the store has just been wiped (the parent keeps this screen up, since the store it guarded is
 * gone); `onWipe` tells the parent at once, `onSignIn` when the person chooses to sign in again.
 */
export function PinUnlockPage({ wiped = false, onUnlocked, onWipe, onSignIn }: { wiped?: boolean; onUnlocked: () => void; onWipe: () => void; onSignIn: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const isWiped = wiped;
  const message = isWiped ? t('offline.unlock.wiped', { max: MAX_PIN_FAILURES }) : error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pin === '' || isBusy) return;
    setIsBusy(true);
    const result = await unlockWithPin(pin);
    setIsBusy(false);
    setPin('');
    if (result.ok) {
      onUnlocked();
      return;
    }
    if ('wiped' in result) {
      onWipe();
      return;
    }
    setError(t('offline.unlock.wrong', { left: result.left, max: MAX_PIN_FAILURES }));
  };

  return (
    <Stack align="center" justify="center" mih="100vh" p="md" bg="gray.0">
      <Card withBorder shadow="sm" radius="md" p="lg" w="100%" maw={420} component="main">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="md">
            <Title order={1} size="h3">
              {t('offline.unlock.title')}
            </Title>
            <Text size="sm">{t('offline.unlock.intro')}</Text>
            {message && (
              <Alert color={isWiped ? 'red' : 'orange'} role="alert">
                {message}
              </Alert>
            )}
            {isWiped ? (
              <Button onClick={onSignIn}>{t('offline.unlock.signInInstead')}</Button>
            ) : (
              <>
                <PasswordInput
                  label={t('offline.unlock.pin')}
                  value={pin}
                  onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, ''))}
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={12}
                  autoFocus
                  data-autofocus
                />
                <Button type="submit" loading={isBusy}>
                  {t('offline.unlock.submit')}
                </Button>
              </>
            )}
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
