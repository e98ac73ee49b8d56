// Search perpetrators by name, phone or CCCD (accent-insensitive on the server, through keyed hashes).
// The term goes in a POST body, is kept only in this component's memory, and each search is audited.
// No <form> of its own: the box also sits inside the intake form, so Enter is handled here.
import { PerpetratorSearch, type PerpetratorSearchResult } from '@binhan/domain';
import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/form-error';
import { issueText } from '../../../lib/form-errors';
import { caseIssueText } from '../../cases/draft-resolver';
import { searchPerpetrators } from '../perpetrators-api';

type Field = 'name' | 'phone' | 'cccd';

interface Props {
  onResults: (result: PerpetratorSearchResult | null) => void;
  /** Shown above the box; the list page gives it a title, the intake chooser does not. */
  title?: string;
}

export function PerpetratorSearchBox({ onResults, title }: Props) {
  const { t } = useTranslation();
  const [field, setField] = useState<Field>('name');
  const [term, setTerm] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const search = useMutation({ mutationFn: searchPerpetrators, gcTime: 0, networkMode: 'always', onSuccess: (result) => onResults(result) });

  const submit = () => {
    const parsed = PerpetratorSearch.safeParse({ [field]: term });
    if (!parsed.success || term.trim() === '') {
      setProblem(issueText(caseIssueText(parsed.success ? 'perpetrator_search_term_required' : (parsed.error.issues[0]?.message ?? ''))));
      return;
    }
    setProblem(undefined);
    search.mutate(parsed.data);
  };

  return (
    <Stack gap="xs" role="search">
      {title && (
        <Text fw={600} size="sm">
          {title}
        </Text>
      )}
      <SegmentedControl
        size="xs"
        value={field}
        onChange={(value) => setField(value === 'phone' || value === 'cccd' ? value : 'name')}
        data={[
          { value: 'name', label: t('perpetrators.search.byName') },
          { value: 'phone', label: t('perpetrators.search.byPhone') },
          { value: 'cccd', label: t('perpetrators.search.byCccd') },
        ]}
      />
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          aria-label={t('perpetrators.search.term')}
          placeholder={t(`perpetrators.search.placeholder_${field}`)}
          inputMode={field === 'name' ? 'text' : 'numeric'}
          autoComplete="off"
          spellCheck={false}
          value={term}
          onChange={(event) => setTerm(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              submit();
            }
          }}
          error={problem}
          style={{ flex: 1 }}
        />
        <Button type="button" onClick={submit} loading={search.isPending}>
          {t('perpetrators.search.submit')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('perpetrators.search.logged')}
      </Text>
      <FormError error={search.error} withTitle={false} />
    </Stack>
  );
}
