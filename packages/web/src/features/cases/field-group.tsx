// A labelled group of fields (questions, a list of people): a heading, a hint and an error, without
// wrapping other inputs in one input's label machinery.
import { Stack, Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';

interface Props {
  label: string;
  description?: string;
  error?: string;
  required?: boolean;
  children: ReactNode;
}

export function FieldGroup({ label, description, error, required, children }: Props) {
  const id = useId();
  return (
    <Stack gap={4} role="group" aria-labelledby={`${id}-label`}>
      <Text size="sm" fw={600} id={`${id}-label`}>
        {label}
        {required && (
          <Text span c="red.7" aria-hidden="true">
            {' *'}
          </Text>
        )}
      </Text>
      {description && (
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      )}
      {children}
      {error && (
        <Text size="xs" c="red.7" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
