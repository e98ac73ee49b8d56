// A date input backed by the browser's own date picker; the value is always yyyy-mm-dd. Elsewhere
// dates are displayed dd/mm/yyyy.
import { TextInput, type TextInputProps } from '@mantine/core';
import { forwardRef } from 'react';

export const DateField = forwardRef<HTMLInputElement, TextInputProps>(function DateField(props, ref) {
  return <TextInput ref={ref} type="date" min="1900-01-01" max="2100-12-31" {...props} />;
});
