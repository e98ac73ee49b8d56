// Check the hash chain of the whole log and compare it with the signed checkpoints kept outside the
// database; say plainly whether it is intact, and if not which entries were edited, deleted (also the
// newest ones, after a checkpoint) or reordered.
import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyResult } from '@binhan/domain';
import { QueryError } from '../../components/query-error';
import { formatDateTime, formatNumber } from '../../lib/format';
import { verifyAudit } from './audit-api';

type AnchorProblem = AuditVerifyResult['anchors']['problems'][number];

function anchorProblemText(t: TFunction, problem: AnchorProblem): string {
  switch (problem.kind) {
    case 'no_checkpoints': return t('audit.anchorProblems.no_checkpoints');
    case 'bad_signature': return t('audit.anchorProblems.bad_signature', { line: problem.line });
    case 'missing': return t('audit.anchorProblems.missing', { from: problem.from, to: problem.to, checkpointAt: formatDateTime(problem.checkpointAt) });
    case 'differs': return t('audit.anchorProblems.differs', { seq: problem.seq, checkpointAt: formatDateTime(problem.checkpointAt) });
  }
}

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
          {t('audit.verifyBroken', { problems: formatNumber(result.problems.length + result.anchors.problems.length), checked: formatNumber(result.checked) })}
          <List size="sm" mt="xs">
            {result.problems.slice(0, 100).map((problem) => (
              <List.Item key={`${problem.seq}-${problem.problem}`}>
                {t('audit.problemLine', { seq: problem.seq, problem: t(`audit.problems.${problem.problem}`) })}
              </List.Item>
            ))}
            {result.anchors.problems.map((problem, index) => (
              <List.Item key={`anchor-${index}`}>{anchorProblemText(t, problem)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {result && (
        <Text size="sm" c="dimmed">
          {result.anchors.lastSeq === null
            ? t('audit.anchorsNone', { key: result.anchors.keyFingerprint })
            : t('audit.anchorsLine', { count: result.anchors.checkpoints, seq: result.anchors.lastSeq, at: formatDateTime(result.anchors.lastAt ?? ''), since: result.anchors.unanchored, key: result.anchors.keyFingerprint })}
        </Text>
      )}
    </Stack>
  );
}
