// "Tập huấn": the T3 card, the roster of gender-equality focal points and the training courses of the
// user's area (or of one unit in it).
import { Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { CoursesSection } from './courses-section';
import { RosterSection } from './roster-section';
import { UnitFilter } from './shared';
import { T3Card } from './t3-card';

export function TrainingPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'courses' ? 'courses' : 'roster';
  const [unitId, setUnitId] = useState<string | null>(null);
  const canManage = can('training.manage');
  return (
    <Stack gap="md" maw={1200}>
      <PageHeader title={t('training.title')} intro={t('training.intro')} />
      <div style={{ maxWidth: 420 }}>
        <UnitFilter label={t('training.unitFilter')} placeholder={t('training.allUnits')} value={unitId} onChange={setUnitId} />
      </div>
      {can('indicators.read') && <T3Card unitId={unitId} />}
      <Tabs value={tab} onChange={(next) => setParams(next === 'courses' ? { tab: 'courses' } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="roster">{t('training.tabs.roster')}</Tabs.Tab>
          <Tabs.Tab value="courses">{t('training.tabs.courses')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="roster" pt="md">
          <RosterSection unitId={unitId} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="courses" pt="md">
          <CoursesSection unitId={unitId} canManage={canManage} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
