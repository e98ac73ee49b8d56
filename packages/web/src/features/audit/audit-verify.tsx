// Check the hash chain of the whole log and say plainly whether it is intact, and if not which entries
// were edited, deleted before or reordered.
import { Alert, Button, List, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error';
import { formatNumber } from '../../lib/format';
import { verifyAudit } from './audit-api';

export function AuditVerifyPanel() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: verifyAudit });
  const result = verify.data;
  return (
    <Stack gap="sm" mb="md">
      <div>
        <Button onClick={() => verify.mutate()} loading={verify.isPending} variant="light">
          {t('audit.verify')}
        </Button>
      </div>
      {verify.isError && <QueryError error={verify.error} onRetry={() => verify.mutate()} />}
      {result && result.ok && (
        <Alert color="teal" title={t('audit.verifyOkTitle')} role="status">
          {t('audit.verifyOk', { entries: formatNumber(result.checked) })}
        </Alert>
      )}
      {result && !result.ok && (
        <Alert color="red" title={t('audit.verifyBrokenTitle')} role="alert">
          {t('audit.verifyBroken', { problems: formatNumber(result.problems.length), checked: formatNumber(result.checked) })}
          <List size="sm" mt="xs">
            {result.problems.slice(0, 100).map((problem) => (
              <List.Item key={`${problem.seq}-${problem.problem}`}>
                {t('audit.problemLine', { seq: problem.seq, problem: t(`audit.problems.${problem.problem}`) })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
