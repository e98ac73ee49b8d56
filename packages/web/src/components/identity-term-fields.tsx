// The identity search box shared by cases and perpetrators: what to search by (name, phone, CCCD), the
// term, the search button and the reminder that searches are logged. The term stays in the caller's
// memory and goes in a POST body. Enter searches even where the box sits inside another form.
import { Button, Group, SegmentedControl, Text, TextInput } from '@mantine/core';

export type IdentityField = 'name' | 'phone' | 'cccd';

export interface IdentityTermLabels {
  byName: string;
  byPhone: string;
  byCccd: string;
  term: string;
  placeholder: string;
  submit: string;
  logged: string;
}

interface Props {
  field: IdentityField;
  onFieldChange: (field: IdentityField) => void;
  term: string;
  onTermChange: (term: string) => void;
  problem: string | undefined;
  isPending: boolean;
  onSubmit: () => void;
  labels: IdentityTermLabels;
}

export function IdentityTermFields({ field, onFieldChange, term, onTermChange, problem, isPending, onSubmit, labels }: Props) {
  return (
    <>
      <SegmentedControl
        size="xs"
        value={field}
        onChange={(value) => onFieldChange(value === 'phone' || value === 'cccd' ? value : 'name')}
        data={[
          { value: 'name', label: labels.byName },
          { value: 'phone', label: labels.byPhone },
          { value: 'cccd', label: labels.byCccd },
        ]}
      />
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          aria-label={labels.term}
          placeholder={labels.placeholder}
          inputMode={field === 'name' ? 'text' : 'numeric'}
          autoComplete="off"
          spellCheck={false}
          value={term}
          onChange={(event) => onTermChange(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onSubmit();
            }
          }}
          error={problem}
          style={{ flex: 1 }}
        />
        <Button type="button" onClick={onSubmit} loading={isPending}>
          {labels.submit}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {labels.logged}
      </Text>
    </>
  );
}
