// "Mạng lưới": communicators and collaborators, trusted addresses (for those who manage the network
// only) and coverage per commune.
import { Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session/session-context';
import { PageHeader } from '../../components/page-header';
import { UnitFilter } from '../training/shared';
import { CoverageSection } from './coverage-section';
import { MembersSection } from './members-section';
import { TrustedSection } from './trusted-section';

const TABS = ['members', 'trusted', 'coverage'] as const;

export function NetworkPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const canManage = can('network.manage');
  const [params, setParams] = useSearchParams();
  const requested = TABS.find((tab) => tab === params.get('tab')) ?? 'members';
  const tab = requested === 'trusted' && !canManage ? 'members' : requested;
  const [unitId, setUnitId] = useState<string | null>(null);
  return (
    <Stack gap="md" maw={1200}>
      <PageHeader title={t('network.title')} intro={t('network.intro')} />
      <div style={{ maxWidth: 420 }}>
        <UnitFilter label={t('network.unitFilter')} placeholder={t('network.allUnits')} value={unitId} onChange={setUnitId} />
      </div>
      <Tabs value={tab} onChange={(next) => setParams(next && next !== 'members' ? { tab: next } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="members">{t('network.tabs.members')}</Tabs.Tab>
          {canManage && <Tabs.Tab value="trusted">{t('network.tabs.trusted')}</Tabs.Tab>}
          <Tabs.Tab value="coverage">{t('network.tabs.coverage')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members" pt="md">
          <MembersSection unitId={unitId} canManage={canManage} />
        </Tabs.Panel>
        {canManage && (
          <Tabs.Panel value="trusted" pt="md">
            <TrustedSection unitId={unitId} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="coverage" pt="md">
          <CoverageSection unitId={unitId} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
