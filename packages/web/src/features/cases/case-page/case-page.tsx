// Hồ sơ vụ việc: header with the deadline running and any no-contact order in force, the identity on
// request, the actions the role and the case allow, consent, referrals, protection measures, the
// support plan and follow-ups, what is known, and the timeline. A newly created case opens with the risk assessment.
import { Anchor, Center, Divider, Loader, SimpleGrid, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useSession } from '../../../app/session/session-context';
import { MessagePage } from '../../../components/message-page';
import { QueryError } from '../../../components/query-error';
import { isApiError } from '../../../lib/api';
import { useCase, useCaseConfig } from '../cases-api';
import { AssignModal } from './assign-modal';
import { CaseActions, type CaseDialog } from './case-actions';
import { CaseHeader } from './case-header';
import { CaseSummary } from './case-summary';
import { CaseTimeline } from './case-timeline';
import { ConsentPanel } from './consent-panel';
import { FollowUpsPanel } from './follow-ups-panel';
import { ActiveMeasuresBanner, MeasuresPanel } from './measures-panel';
import { ReferralsPanel } from './referrals-panel';
import { IdentityPanel } from './identity-panel';
import { IncidentModal } from './incident-modal';
import { RiskAssessmentModal } from './risk-assessment-modal';
import { FirstInterventionModal, NoteModal, ServiceModal } from './simple-modals';
import { StatusModal } from './status-modal';
import { SupportPlanPanel } from './support-plan-panel';
import { CasePerpetratorsPanel } from '../../perpetrators/case-panel/case-perpetrators-panel';
import { ConflictList } from '../../sync/conflict-panel';
import { CaseDetailsCard } from './case-details-card';

export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const detail = useCase(id);
  const config = useCaseConfig();
  const wantsAssessment = (location.state as { assessRisk?: boolean } | null)?.assessRisk === true;
  const [dialog, setDialog] = useState<CaseDialog | null>(wantsAssessment ? 'risk' : null);

  // Opened once after intake; Back or a reload must not open it again.
  useEffect(() => {
    if (wantsAssessment) void navigate(location.pathname, { replace: true, state: null });
  }, [wantsAssessment, navigate, location.pathname]);

  if (detail.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (detail.isError) {
    if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 403)) {
      return <MessagePage title={t('cases.page.notFoundTitle')} message={detail.error.message} />;
    }
    return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const data = detail.data;
  const close = () => setDialog(null);

  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to="/cases" size="sm">
        {t('cases.page.back')}
      </Anchor>
      <CaseHeader detail={data} config={config.data} />
      <ActiveMeasuresBanner caseId={data.id} />
      {data.canIdentify && can('cases.identify') && <IdentityPanel key={data.id} caseId={data.id} />}
      <CaseActions detail={data} onOpen={setDialog} />
      {config.isError && <QueryError error={config.error} onRetry={() => void config.refetch()} />}
      {data.canEdit && can('offline.use') && <ConflictList caseId={data.id} />}
      <CaseDetailsCard detail={data} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ConsentPanel detail={data} />
        <ReferralsPanel detail={data} />
        <MeasuresPanel detail={data} />
        <CasePerpetratorsPanel detail={data} />
        <SupportPlanPanel detail={data} />
        <FollowUpsPanel detail={data} />
      </SimpleGrid>
      <Divider />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <CaseSummary detail={data} config={config.data} />
        <CaseTimeline caseId={data.id} />
      </SimpleGrid>
      {dialog === 'risk' && config.data && <RiskAssessmentModal detail={data} config={config.data} onClose={close} />}
      {dialog === 'firstIntervention' && <FirstInterventionModal detail={data} onClose={close} />}
      {dialog === 'service' && <ServiceModal detail={data} onClose={close} />}
      {dialog === 'incident' && <IncidentModal detail={data} onClose={close} />}
      {dialog === 'status' && <StatusModal detail={data} onClose={close} />}
      {dialog === 'assign' && <AssignModal detail={data} onClose={close} />}
      {dialog === 'note' && <NoteModal detail={data} onClose={close} />}
    </Stack>
  );
}
