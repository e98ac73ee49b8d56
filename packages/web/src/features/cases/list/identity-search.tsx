// Search by name, phone or CCCD for users allowed to identify survivors. The term goes in a POST body
// (never the address), is kept only in this component's memory, and each search is logged by the server.
import { CaseIdentitySearch, type CaseListItem } from '@binhan/domain';
import { Button, Card, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/form-error';
import { IdentityTermFields, type IdentityField } from '../../../components/identity-term-fields';
import { issueText } from '../../../lib/form-errors';
import { searchCasesByIdentity } from '../cases-api';
import { caseIssueText } from '../draft-resolver';

interface Props {
  onResults: (items: CaseListItem[] | null) => void;
}

export function IdentitySearch({ onResults }: Props) {
  const { t } = useTranslation();
  const [field, setField] = useState<IdentityField>('name');
  const [term, setTerm] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const search = useMutation({ mutationFn: searchCasesByIdentity, gcTime: 0, networkMode: 'always', onSuccess: (result) => onResults(result.items) });

  const submit = () => {
    const parsed = CaseIdentitySearch.safeParse({ [field]: term });
    if (!parsed.success) {
      setProblem(issueText(caseIssueText(parsed.error.issues[0]?.message ?? '')));
      return;
    }
    setProblem(undefined);
    search.mutate(parsed.data);
  };
  const clear = () => {
    setTerm('');
    setProblem(undefined);
    search.reset();
    onResults(null);
  };

  return (
    <Card withBorder padding="sm" mb="md">
      <form
        noValidate
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('cases.search.title')}
          </Text>
          <IdentityTermFields
            field={field}
            onFieldChange={setField}
            term={term}
            onTermChange={setTerm}
            problem={problem}
            isPending={search.isPending}
            onSubmit={submit}
            labels={{
              byName: t('cases.search.byName'), byPhone: t('cases.search.byPhone'), byCccd: t('cases.search.byCccd'), term: t('cases.search.term'),
              placeholder: t(`cases.search.placeholder_${field}`), submit: t('cases.search.submit'), logged: t('cases.search.logged'),
            }}
          />
          <FormError error={search.error} withTitle={false} />
          {search.isSuccess && (
            <Button variant="subtle" size="compact-sm" onClick={clear} style={{ alignSelf: 'flex-start' }}>
              {t('cases.search.clear')}
            </Button>
          )}
        </Stack>
      </form>
    </Card>
  );
}
