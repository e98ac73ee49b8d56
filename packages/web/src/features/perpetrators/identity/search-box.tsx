// Search perpetrators by name, phone or CCCD (accent-insensitive on the server, through keyed hashes).
// The term goes in a POST body, is kept only in this component's memory, and each search is audited.
// No <form> of its own: the box also sits inside the intake form, so Enter is handled here.
import { PerpetratorSearch, type PerpetratorSearchResult } from '@binhan/domain';
import { Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/form-error';
import { IdentityTermFields, type IdentityField } from '../../../components/identity-term-fields';
import { issueText } from '../../../lib/form-errors';
import { caseIssueText } from '../../cases/draft-resolver';
import { searchPerpetrators } from '../perpetrators-api';

interface Props {
  onResults: (result: PerpetratorSearchResult | null) => void;
  /** Shown above the box; the list page gives it a title, the intake chooser does not. */
  title?: string;
}

export function PerpetratorSearchBox({ onResults, title }: Props) {
  const { t } = useTranslation();
  const [field, setField] = useState<IdentityField>('name');
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
      <IdentityTermFields
        field={field}
        onFieldChange={setField}
        term={term}
        onTermChange={setTerm}
        problem={problem}
        isPending={search.isPending}
        onSubmit={submit}
        labels={{
          byName: t('perpetrators.search.byName'), byPhone: t('perpetrators.search.byPhone'), byCccd: t('perpetrators.search.byCccd'), term: t('perpetrators.search.term'),
          placeholder: t(`perpetrators.search.placeholder_${field}`), submit: t('perpetrators.search.submit'), logged: t('perpetrators.search.logged'),
        }}
      />
      <FormError error={search.error} withTitle={false} />
    </Stack>
  );
}
