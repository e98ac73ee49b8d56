// Date entry as officers write dates, dd/mm/yyyy, whatever the browser's language (an English browser
// would otherwise show mm/dd/yyyy). Digits typed without slashes are formatted as they come, and the
// calendar button opens the browser's own date picker. The value exchanged with forms is yyyy-mm-dd;
// an unfinished entry is passed on as typed so validation can say what is wrong.
import { ActionIcon, Box, TextInput, type TextInputProps } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../lib/format';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue' | 'type'> & {
  value: string | null | undefined;
  onChange: (value: string) => void;
};

const DISPLAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function toDisplay(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

function toValue(text: string): string {
  if (text.trim() === '') return '';
  const match = DISPLAY.exec(text.trim());
  if (!match) return text;
  return `${match[3]}-${(match[2] ?? '').padStart(2, '0')}-${(match[1] ?? '').padStart(2, '0')}`;
}

/** "24052017" → "24/05/2017"; "24.05.2017" and "24-05-2017" → "24/05/2017". */
function formatTyping(raw: string): string {
  const text = raw.replace(/[.\-\s]/g, '/');
  if (/^\d+$/.test(text) && text.length > 2) {
    const digits = text.slice(0, 8);
    return [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)].filter((part) => part !== '').join('/');
  }
  return text.slice(0, 10);
}

export function DateField({ value, onChange, onBlur, ...props }: Props) {
  const { t } = useTranslation();
  const pickerRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => toDisplay(value));
  const [lastValue, setLastValue] = useState(value);
  // Follow a value set from outside (a preset button, a form reset) unless it is what was just typed.
  if (value !== lastValue) {
    setLastValue(value);
    if (toValue(text) !== (value ?? '')) setText(toDisplay(value));
  }

  const openPicker = () => {
    const picker = pickerRef.current;
    if (!picker) return;
    try {
      picker.showPicker();
    } catch {
      // Older browsers without showPicker: typing the date still works.
    }
  };

  return (
    <Box pos="relative" w={props.w} maw={props.maw}>
      <TextInput
        {...props}
        value={text}
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('common.datePlaceholder')}
        maxLength={10}
        onChange={(event) => {
          const next = formatTyping(event.currentTarget.value);
          setText(next);
          onChange(toValue(next));
        }}
        onBlur={(event) => {
          const normalised = toValue(text);
          if (isIsoDate(normalised)) setText(toDisplay(normalised));
          onBlur?.(event);
        }}
        rightSection={
          <ActionIcon variant="subtle" color="gray" onClick={openPicker} aria-label={t('common.pickDate')}>
            <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
              <rect x="3" y="5" width="18" height="16" rx="2" />
              <path d="M16 3v4M8 3v4M3 10h18" />
            </svg>
          </ActionIcon>
        }
      />
      <input
        ref={pickerRef}
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        // Kept rendered (not display:none) and anchored under the field so the picker opens beside it.
        style={{ position: 'absolute', right: 0, bottom: 0, width: 1, height: 1, opacity: 0, pointerEvents: 'none', border: 0, padding: 0 }}
        value={isIsoDate(value ?? '') ? (value ?? '') : ''}
        onChange={(event) => {
          const picked = event.currentTarget.value;
          setText(toDisplay(picked));
          onChange(picked);
        }}
      />
    </Box>
  );
}

/**
 * A date filter that reports only complete dates (or empty), so a half-typed year does not trigger a
 * request on every key press.
 */
export function CommittedDateField({ value, onCommit, ...props }: Omit<Props, 'onChange'> & { value: string; onCommit: (value: string) => void }) {
  return (
    <DateField
      {...props}
      value={value}
      onChange={(next) => {
        if (next === '' || isIsoDate(next)) onCommit(next);
      }}
    />
  );
}
