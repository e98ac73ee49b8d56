// A moment as officers give it: date dd/mm/yyyy and time HH:mm (24 h, Vietnam time), with a "now"
// button for the common case of a report being taken as it arrives. The value is an ISO instant with
// +07:00; unfinished input is passed on as typed so validation can say what is missing.
import { Button, Group, Input, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/date-field';
import { isTime, joinVietnam, nowInstant, splitVietnam } from './case-time';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string;
  description?: string;
  required?: boolean;
  withNow?: boolean;
}

/** "2140" → "21:40", "21.40" → "21:40", "9:05" stays until blur pads it. */
function formatTimeTyping(raw: string): string {
  const text = raw.replace(/[.h\s-]/g, ':');
  if (/^\d{3,4}$/.test(text)) return `${text.slice(0, text.length - 2)}:${text.slice(-2)}`;
  return text.slice(0, 5);
}

function padTime(text: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  return match ? `${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? ''}` : text;
}

export function DateTimeField({ label, value, onChange, onBlur, error, description, required, withNow = true }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const initial = splitVietnam(value);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [lastValue, setLastValue] = useState(value);
  // Follow a value set from outside ("now", a reset) unless it is what was just typed.
  if (value !== lastValue) {
    setLastValue(value);
    if (joinVietnam(date, time) !== value) {
      const next = splitVietnam(value);
      setDate(next.date);
      setTime(next.time);
    }
  }
  const emit = (nextDate: string, nextTime: string) => {
    const joined = joinVietnam(nextDate, nextTime);
    setLastValue(joined);
    onChange(joined);
  };

  return (
    <Input.Wrapper label={label} description={description} error={error} required={required} id={id}>
      <Group gap="xs" wrap="nowrap" align="flex-start" mt={4}>
        <div style={{ flex: '1 1 0', minWidth: 0 }}>
          <DateField
          aria-label={t('cases.time.date', { label })}
          value={date}
          onChange={(next) => {
            setDate(next);
            emit(next, time);
          }}
          onBlur={onBlur}
          error={Boolean(error)}
          />
        </div>
        <TextInput
          aria-label={t('cases.time.time', { label })}
          placeholder={t('cases.time.placeholder')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={5}
          w={84}
          value={time}
          error={Boolean(error)}
          onChange={(event) => {
            const next = formatTimeTyping(event.currentTarget.value);
            setTime(next);
            emit(date, next);
          }}
          onBlur={() => {
            const padded = padTime(time);
            if (padded !== time && isTime(padded)) {
              setTime(padded);
              emit(date, padded);
            }
            onBlur?.();
          }}
        />
        {withNow && (
          <Button variant="light" px="xs" onClick={() => onChange(nowInstant())} style={{ flexShrink: 0 }}>
            {t('cases.time.now')}
          </Button>
        )}
      </Group>
    </Input.Wrapper>
  );
}
