// Demo community reports for the queue (one with someone in danger now, one about a child, some older,
// one closed) and a few public directory entries for the public page, all marked "(mẫu)". Reports go
// through the same submission code as the public form.
import { foldVietnamese, formatReportReference, type CommunityReportInput } from '@binhan/domain';
import type { AppDeps } from '../deps.js';
import { nowIso } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { submitReport } from '../modules/community-reports/submit.js';
import { DEMO_LABEL } from './seed-demo.js';

const HOUR = 3_600_000;

const REPORTS: Array<{ unitCode: string; hoursAgo: number; input: Omit<CommunityReportInput, 'unitId'>; closedAs?: string }> = [
  { unitCode: '02176', hoursAgo: 0.5, input: { concerns: ['beating', 'threats_or_insults'], description: `Nhà bên cạnh đang đánh nhau to, chị vợ kêu cứu ${DEMO_LABEL}.`, occurredWhen: 'happening_now', inDangerNow: 'yes', childInvolved: 'not_sure', reporterRelation: 'neighbour' } },
  { unitCode: '02176', hoursAgo: 3, input: { concerns: ['child_abuse_or_neglect'], description: `Cháu bé lớp 3 hay đến lớp với vết bầm trên tay ${DEMO_LABEL}.`, occurredWhen: 'repeatedly', inDangerNow: 'no', childInvolved: 'yes', reporterRelation: 'teacher', contact: { name: `Cô giáo Hà ${DEMO_LABEL}`, phone: '0912 000 111', ways: ['phone_call'], safeTime: 'Sau 16 giờ' } } },
  { unitCode: '02155', hoursAgo: 26, input: { concerns: ['money_or_property', 'confinement_or_isolation'], description: `Chồng giữ hết tiền bán ngô, không cho vợ về nhà ngoại ${DEMO_LABEL}.`, occurredWhen: 'this_month', inDangerNow: 'no', childInvolved: 'no' } },
  { unitCode: '02143', hoursAgo: 50, input: { concerns: ['forced_marriage'], description: `Gia đình định gả con gái 15 tuổi vào tháng tới ${DEMO_LABEL}.`, occurredWhen: 'this_week', inDangerNow: 'no', childInvolved: 'yes', reporterRelation: 'communicator' } },
  { unitCode: '02176', hoursAgo: 120, input: { concerns: ['other'], description: `Tin báo thử ${DEMO_LABEL}.`, occurredWhen: 'not_sure', inDangerNow: 'no', childInvolved: 'no' }, closedAs: 'not_genuine' },
];

const PROVIDERS: Array<{ unitCode: string; name: string; services: string[]; phone: string; hours: string }> = [
  { unitCode: '02176', name: 'Trạm y tế xã Trần Phú', services: ['health_care', 'psychosocial_counselling'], phone: '0209 3884 115', hours: 'Thứ Hai – Chủ nhật, trực 24/24' },
  { unitCode: '02176', name: 'Hội Liên hiệp Phụ nữ xã Trần Phú', services: ['psychosocial_counselling', 'essential_needs'], phone: '0209 3884 200', hours: 'Thứ Hai – Thứ Sáu, 7:30–17:00' },
  { unitCode: '02155', name: 'Công an xã Na Rì', services: ['police_protection'], phone: '0209 3884 113', hours: 'Trực 24/24' },
];

export async function seedDemoCommunityReports(deps: AppDeps): Promise<{ reports: number; providers: number }> {
  const unit = async (code: string) => (await deps.db.selectFrom('admin_units').select('id').where('code', '=', code).where('valid_to', 'is', null).executeTakeFirstOrThrow()).id;
  let providers = 0;
  const hasPublic = await deps.db.selectFrom('providers').select('id').where('is_public', '=', 1).executeTakeFirst();
  if (!hasPublic) {
    for (const p of PROVIDERS) {
      const unitId = await unit(p.unitCode);
      const name = `${p.name} ${DEMO_LABEL}`;
      await deps.db.insertInto('providers').values({
        id: newId(), name, name_folded: foldVietnamese(name), service_types: JSON.stringify(p.services),
        unit_id: unitId, units_served: JSON.stringify([unitId]), address: null, phone: p.phone, hours: p.hours, languages: JSON.stringify(['Tiếng Việt', 'Tày']),
        is_public: 1, is_active: 1, created_at: nowIso(), updated_at: nowIso(),
      }).execute();
      providers += 1;
    }
  }
  const closer = await deps.db.selectFrom('users').select('id').where('username', '=', 'demo.xa').executeTakeFirst();
  for (const r of REPORTS) {
    const row = await submitReport(deps, { ...r.input, unitId: await unit(r.unitCode) }, { channel: 'public', user: null, clientKey: null, ipAddress: null });
    const receivedAt = new Date(Date.now() - r.hoursAgo * HOUR).toISOString();
    await deps.db.updateTable('community_reports').set({ received_at: receivedAt }).where('id', '=', row.id).execute();
    if (r.closedAs && closer) {
      await deps.db.updateTable('community_reports').set({
        status: 'closed', triaged_at: nowIso(), triaged_by: closer.id, triage_minutes: Math.round(r.hoursAgo * 60), close_reason: r.closedAs,
        triage_note_enc: deps.cipher.encrypt(`Đã xác minh ${formatReportReference(row.reference)} ${DEMO_LABEL}`),
      }).where('id', '=', row.id).execute();
    }
  }
  return { reports: REPORTS.length, providers };
}
