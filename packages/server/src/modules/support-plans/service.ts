// Support plans: the case team drafts (needs, agreed actions with owners and due dates, the safety
// plan) and submits; the district focal point approves or returns it with a comment. Approval moves an
// assessed case into "support plan". Editing after approval starts a new version; old ones are kept.
import type { FastifyRequest } from 'fastify';
import {
  canTransition, roleCan,
  type CaseStatus, type Role, type SupportPlanDecision, type SupportPlanInput, type SupportPlanView, type SupportServiceType,
} from '@binhan/domain';
import type { CaseTable, SupportPlanTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { Conflict } from '../../http/errors.js';
import { nowIso, todayInVietnam } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { changeCase } from '../cases/actions.js';
import { addEvent } from '../cases/intake.js';

type Content = Pick<SupportPlanInput, 'actions' | 'safetyPlan'>;

async function latestPlan(deps: AppDeps, caseId: string): Promise<SupportPlanTable | undefined> {
  return deps.db.selectFrom('support_plans').selectAll().where('case_id', '=', caseId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function presentPlan(deps: AppDeps, caseId: string, role: Role): Promise<SupportPlanView | null> {
  const plan = await latestPlan(deps, caseId);
  if (!plan) return null;
  const content = JSON.parse(deps.cipher.decrypt(plan.content_enc)) as Content;
  const decider = plan.decided_by ? await deps.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', plan.decided_by).executeTakeFirst() : undefined;
  const canIdentify = roleCan(role, 'cases.identify');
  const today = todayInVietnam();
  return {
    id: plan.id,
    version: Number(plan.version),
    status: plan.status as SupportPlanView['status'],
    needs: JSON.parse(plan.needs) as SupportServiceType[],
    actions: canIdentify ? content.actions.map((a) => ({ ...a, done: a.done })) : null,
    safetyPlan: canIdentify ? content.safetyPlan ?? null : null,
    submittedAt: plan.submitted_at,
    decidedAt: plan.decided_at,
    decidedBy: decider ? { id: decider.id, displayName: decider.display_name } : null,
    decisionNote: canIdentify && plan.decision_note_enc ? deps.cipher.decrypt(plan.decision_note_enc) : null,
    overdueActions: content.actions.filter((a) => !a.done && a.dueOn < today).length,
  };
}

/** Save the draft: the latest plan if still a draft or returned, otherwise a new version. */
export async function saveDraft(deps: AppDeps, request: FastifyRequest, row: CaseTable, input: SupportPlanInput, userId: string): Promise<void> {
  const latest = await latestPlan(deps, row.id);
  const editable = latest && (latest.status === 'draft' || latest.status === 'returned');
  if (latest?.status === 'submitted') throw new Conflict('PLAN_STATUS_INVALID');
  const content = deps.cipher.encrypt(JSON.stringify({ actions: input.actions, safetyPlan: input.safetyPlan } satisfies Content));
  const nextDue = input.actions.filter((a) => !a.done).map((a) => a.dueOn).sort()[0] ?? null;
  await changeCase(deps, request, row, 'case.support_plan_draft', async (trx) => {
    const at = nowIso();
    if (editable) {
      await trx.updateTable('support_plans').set({ status: 'draft', needs: JSON.stringify(input.needs), content_enc: content, next_due_on: nextDue, updated_at: at })
        .where('id', '=', latest.id).execute();
    } else {
      await trx.insertInto('support_plans').values({
        id: newId(), case_id: row.id, version: (latest ? Number(latest.version) : 0) + 1, status: 'draft', needs: JSON.stringify(input.needs),
        content_enc: content, next_due_on: nextDue, submitted_at: null, submitted_by: null, decided_at: null, decided_by: null,
        decision_note_enc: null, created_by: userId, created_at: at, updated_at: at,
      }).execute();
    }
    await addEvent(trx, deps, row.id, userId, 'support_plan', { status: 'draft', needs: input.needs });
    return { needs: input.needs };
  });
}

export async function submitPlan(deps: AppDeps, request: FastifyRequest, row: CaseTable, userId: string): Promise<void> {
  const latest = await latestPlan(deps, row.id);
  if (!latest || latest.status !== 'draft') throw new Conflict('PLAN_STATUS_INVALID');
  await changeCase(deps, request, row, 'case.support_plan_submit', async (trx) => {
    await trx.updateTable('support_plans').set({ status: 'submitted', submitted_at: nowIso(), submitted_by: userId, updated_at: nowIso() }).where('id', '=', latest.id).execute();
    await addEvent(trx, deps, row.id, userId, 'support_plan', { status: 'submitted', version: Number(latest.version) });
    return { version: Number(latest.version) };
  });
}

export async function decidePlan(deps: AppDeps, request: FastifyRequest, row: CaseTable, input: SupportPlanDecision, userId: string): Promise<void> {
  const latest = await latestPlan(deps, row.id);
  if (!latest || latest.status !== 'submitted') throw new Conflict('PLAN_STATUS_INVALID');
  const approved = input.decision === 'approve';
  await changeCase(deps, request, row, approved ? 'case.support_plan_approve' : 'case.support_plan_return', async (trx) => {
    await trx.updateTable('support_plans').set({
      status: approved ? 'approved' : 'returned', decided_at: nowIso(), decided_by: userId,
      decision_note_enc: input.note ? deps.cipher.encrypt(input.note) : null, updated_at: nowIso(),
    }).where('id', '=', latest.id).execute();
    // An approved plan moves an assessed case on; a case further along keeps its status.
    if (approved && canTransition(row.status as CaseStatus, 'support_plan') && row.status === 'assessed') {
      await trx.updateTable('cases').set({ status: 'support_plan' }).where('id', '=', row.id).execute();
    }
    await addEvent(trx, deps, row.id, userId, 'support_plan', { status: approved ? 'approved' : 'returned', version: Number(latest.version) }, input.note ?? null);
    return { version: Number(latest.version) };
  });
}
