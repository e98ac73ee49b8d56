// Mantine inputs bound to the surrounding case form by field path, each showing its own validation or
// server issue underneath. Draft forms keep text as typed; the resolver turns it into the API's input.
import { Checkbox, Input, NativeSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Switch, Textarea, TextInput, type SelectProps, type TextareaProps, type TextInputProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useController, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/date-field';
import { fieldError } from '../../lib/form-errors';
import { DateTimeField } from './datetime-field';

/** The field's props without its ref, and the ref apart (the React compiler treats `field` as a ref holder otherwise). */
function useField(name: string) {
  const { control } = useFormContext();
  const { field: { ref, ...field }, fieldState } = useController({ name, control });
  return { field, fieldRef: ref, fieldState };
}

export function TextField({ name, ...props }: { name: string } & Omit<TextInputProps, 'value' | 'onChange' | 'error'>) {
  const { field, fieldRef, fieldState } = useField(name);
  return <TextInput {...props} {...field} ref={fieldRef} value={field.value ?? ''} error={fieldError(fieldState.error)} />;
}

export function TextAreaField({ name, ...props }: { name: string } & Omit<TextareaProps, 'value' | 'onChange' | 'error'>) {
  const { field, fieldRef, fieldState } = useField(name);
  return <Textarea autosize minRows={2} {...props} {...field} ref={fieldRef} value={field.value ?? ''} error={fieldError(fieldState.error)} />;
}

export function NumberField({ name, ...props }: { name: string; label: string; min?: number; max?: number; w?: number | string; description?: string }) {
  const { field, fieldRef, fieldState } = useField(name);
  return (
    <NumberInput
      {...props}
      allowDecimal={false}
      allowNegative={false}
      name={field.name}
      ref={fieldRef}
      onBlur={field.onBlur}
      value={field.value ?? ''}
      onChange={(value) => field.onChange(String(value))}
      error={fieldError(fieldState.error)}
    />
  );
}

interface SelectFieldProps extends Omit<SelectProps, 'value' | 'onChange' | 'data'> {
  name: string;
  data: Array<{ value: string; label: string; disabled?: boolean }>;
}

/**
 * A choice from a list. On a phone it is the system's own picker (large, familiar, and it does not
 * fight the page's scrolling); on a desk a searchable Mantine select.
 */
export function SelectField({ name, error, data, ...props }: SelectFieldProps) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const { field, fieldRef, fieldState } = useField(name);
  const shownError = error ?? fieldError(fieldState.error);
  if (isPhone) {
    return (
      <NativeSelect
        label={props.label}
        description={props.description}
        required={props.required}
        disabled={props.disabled}
        name={field.name}
        ref={fieldRef}
        onBlur={field.onBlur}
        value={field.value ?? ''}
        onChange={(event) => field.onChange(event.currentTarget.value)}
        error={shownError}
        data={[{ value: '', label: t('cases.select.choose'), disabled: props.required === true && !props.clearable }, ...data]}
      />
    );
  }
  return (
    <Select
      comboboxProps={{ withinPortal: true }}
      {...props}
      data={data}
      name={field.name}
      ref={fieldRef}
      onBlur={field.onBlur}
      value={field.value === '' ? null : (field.value ?? null)}
      onChange={(value) => field.onChange(value ?? '')}
      error={shownError}
    />
  );
}

export function DateFieldBound({ name, label, description, required }: { name: string; label: string; description?: string; required?: boolean }) {
  const { field, fieldRef, fieldState } = useField(name);
  return (
    <DateField
      label={label}
      description={description}
      required={required}
      name={field.name}
      ref={fieldRef}
      value={field.value ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      error={fieldError(fieldState.error)}
    />
  );
}

export function DateTimeFieldBound({ name, label, description, required = true }: { name: string; label: string; description?: string; required?: boolean }) {
  const { field, fieldState } = useField(name);
  return (
    <DateTimeField
      label={label}
      description={description}
      required={required}
      value={field.value ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      error={fieldError(fieldState.error)}
    />
  );
}

export function CheckboxField({ name, label, description }: { name: string; label: string; description?: string }) {
  const { field, fieldRef, fieldState } = useField(name);
  return (
    <Checkbox
      label={label}
      description={description}
      name={field.name}
      ref={fieldRef}
      checked={field.value === true}
      onChange={(event) => field.onChange(event.currentTarget.checked)}
      error={fieldError(fieldState.error)}
    />
  );
}

/** Several codes ticked from a list (service types, contact channels), one column on a phone. */
export function CheckboxGroupField({ name, label, description, data, required }: { name: string; label: string; description?: string; required?: boolean; data: Array<{ value: string; label: string }> }) {
  const { field, fieldRef, fieldState } = useField(name);
  const value: string[] = Array.isArray(field.value) ? field.value : [];
  return (
    <Checkbox.Group
      label={label}
      description={description}
      required={required}
      value={value}
      onChange={(next) => {
        field.onChange(next);
        field.onBlur();
      }}
      error={fieldError(fieldState.error)}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={8} verticalSpacing={10} mt={8}>
        {data.map((option, index) => (
          <Checkbox key={option.value} value={option.value} label={option.label} ref={index === 0 ? fieldRef : undefined} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}

export function SwitchField({ name, label }: { name: string; label: string }) {
  const { field, fieldRef } = useField(name);
  return <Switch label={label} name={field.name} ref={fieldRef} checked={field.value === true} onChange={(event) => field.onChange(event.currentTarget.checked)} />;
}

/** A choice among a few options as one row of buttons; choosing counts as leaving the field, so its error updates at once. */
export function SegmentedField({ name, label, data, required, stackOnPhone = false }: { name: string; label: string; data: Array<{ value: string; label: string }>; required?: boolean; stackOnPhone?: boolean }) {
  const { field, fieldState } = useField(name);
  const isPhone = useMediaQuery('(max-width: 30em)');
  return (
    <Input.Wrapper label={label} required={required} error={fieldError(fieldState.error)}>
      <SegmentedControl
        fullWidth
        mt={4}
        orientation={stackOnPhone && isPhone ? 'vertical' : 'horizontal'}
        value={field.value ?? ''}
        onChange={(value) => {
          field.onChange(value);
          field.onBlur();
        }}
        data={data}
      />
    </Input.Wrapper>
  );
}
