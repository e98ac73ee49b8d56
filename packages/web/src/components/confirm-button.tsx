// A button that asks before doing something that cannot be undone easily (disable an account, reset a
// password). The action's error stays in the dialog so the user sees why it failed.
import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from './form-error';

interface Props extends Omit<ButtonProps, 'children'> {
  label: string;
  title?: string;
  message: ReactNode;
  confirmLabel?: string;
  onConfirm: () => Promise<unknown>;
}

export function ConfirmButton({ label, title, message, confirmLabel, onConfirm, ...buttonProps }: Props) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    setIsOpen(false);
    setError(null);
  };
  const run = async () => {
    setIsBusy(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (caught) {
      setError(caught);
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <>
      <Button {...buttonProps} onClick={() => setIsOpen(true)}>
        {label}
      </Button>
      <Modal opened={isOpen} onClose={close} title={title ?? label} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="md">
          <Text size="sm">{message}</Text>
          <FormError error={error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={isBusy}>
              {t('common.cancel')}
            </Button>
            <Button color={buttonProps.color ?? 'red'} loading={isBusy} onClick={() => void run()} data-autofocus>
              {confirmLabel ?? label}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
