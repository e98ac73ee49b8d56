// Demo periodic reports, made through the API as the demo commune officer and district focal point would:
// Trần Phú's report for the last ended six-month period approved, and its report for the period before
// returned with a comment, so the demo shows the whole review cycle. Synthetic narratives, labelled "(mẫu)".
import type { FastifyInstance } from 'fastify';
import type { ReportPeriodsView } from '@binhan/domain';
import type { DemoAccount } from './seed-demo.js';

const NARRATIVE = {
  situation: 'Tình hình bạo lực gia đình trên địa bàn xã trong kỳ cơ bản ổn định; các vụ việc được phát hiện qua tin báo của người dân và tổ hòa giải (mẫu).',
  results: 'Các vụ việc đều được tiếp nhận, đánh giá nguy cơ và hỗ trợ; tổ chức các buổi truyền thông tại thôn bằng tiếng Việt và tiếng Tày (mẫu).',
  difficulties: 'Một số thôn vùng cao sóng điện thoại yếu, việc báo tin còn chậm (mẫu).',
  proposals: 'Đề nghị huyện tập huấn bổ sung cho cán bộ kiêm nhiệm mới (mẫu).',
};

export async function seedDemoReports(app: FastifyInstance, accounts: readonly DemoAccount[]): Promise<number> {
  const officer = accounts.find((a) => a.role === 'commune_officer');
  const focal = accounts.find((a) => a.role === 'district_focal_point');
  if (!officer || !focal) return 0;
  const signIn = async (account: DemoAccount) => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'http://localhost' }, payload: { username: account.username, password: account.password } });
    const token = login.cookies.find((c) => c.name.endsWith('binhan_session'))?.value;
    if (login.statusCode !== 200 || !token) throw new Error(`demo sign-in failed: ${login.statusCode}`);
    return { origin: 'http://localhost', host: 'localhost', cookie: `__Host-binhan_session=${token}` };
  };
  const asOfficer = await signIn(officer);
  const asFocal = await signIn(focal);
  const call = async (headers: Record<string, string>, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 400) throw new Error(`demo reports: ${method} ${url} answered ${response.statusCode}: ${response.body}`);
    return response.json<Record<string, unknown>>();
  };
  const me = await call(asOfficer, 'GET', '/api/me');
  const unitId = (me.unit as { id: string } | undefined)?.id;
  if (!unitId) return 0;
  const { periods } = (await call(asOfficer, 'GET', '/api/reports/periods')) as unknown as ReportPeriodsView;
  const ended = periods.filter((p) => p.ended && p.kind !== 'Y').sort((a, b) => b.to.localeCompare(a.to)).slice(0, 2);
  let made = 0;
  for (const [index, period] of ended.entries()) {
    const { id } = (await call(asOfficer, 'POST', '/api/reports', { unitId, period: period.code })) as { id: string };
    let report = await call(asOfficer, 'PUT', `/api/reports/${id}`, { narrative: NARRATIVE, version: 1 });
    report = await call(asOfficer, 'POST', `/api/reports/${id}/submit`, { version: report.version as number });
    const decision = index === 0
      ? { decision: 'approve', version: report.version as number }
      : { decision: 'return', comment: 'Đề nghị bổ sung số liệu về các buổi truyền thông tại thôn vùng cao (mẫu).', version: report.version as number };
    await call(asFocal, 'POST', `/api/reports/${id}/decide`, decision);
    made += 1;
  }
  return made;
}
