import { z } from 'zod';

/**
 * The submit-and-lock workflow (草稿 → 已提交 → 已审核 → 已归档) shared by every record that is assessed and then
 * locked: 季度考核, 年度考核 and 期满考核 here, the 期满 growth evaluation later. Pure: the services persist the state
 * on their own row and each step in `workflow_step` (electron/services/WorkflowLog.ts).
 *
 * - Only a 草稿 may be edited or deleted.
 * - 退回 (reopen) takes an 已提交 or 已审核 record back to 草稿 and needs a reason; it is audited.
 * - 已归档 is final: nothing changes it any more, not even a reopen.
 */
export const WORKFLOW_STATES = ['草稿', '已提交', '已审核', '已归档'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export const WORKFLOW_ACTIONS = ['submit', 'review', 'archive', 'reopen'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** The verb shown on buttons and in the history. */
export const WORKFLOW_ACTION_LABELS: Readonly<Record<WorkflowAction, string>> = {
  submit: '提交',
  review: '审核',
  archive: '归档',
  reopen: '退回为草稿',
};

/** Each action: the states it starts from and the state it leads to. */
export const WORKFLOW_TRANSITIONS: Readonly<Record<WorkflowAction, { from: readonly WorkflowState[]; to: WorkflowState }>> = {
  submit: { from: ['草稿'], to: '已提交' },
  review: { from: ['已提交'], to: '已审核' },
  archive: { from: ['已审核'], to: '已归档' },
  reopen: { from: ['已提交', '已审核'], to: '草稿' },
};

export const INITIAL_STATE: WorkflowState = '草稿';
export const FINAL_STATE: WorkflowState = '已归档';

/** The actions offered on a record in `state` (for the buttons). */
export function availableActions(state: WorkflowState): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((a) => WORKFLOW_TRANSITIONS[a].from.includes(state));
}

/** The state `action` leads to, whatever the current state (the refusal is a separate question). */
export function targetState(action: WorkflowAction): WorkflowState {
  return WORKFLOW_TRANSITIONS[action].to;
}

/** Why `action` is refused on a record in `from` (Chinese, names both states), or null when it is allowed. */
export function workflowRefusal(from: WorkflowState, action: WorkflowAction, reason = ''): string | null {
  const to = targetState(action);
  if (WORKFLOW_TRANSITIONS[action].from.includes(from)) {
    if (action === 'reopen' && !reason.trim()) return `原因：从“${from}”退回为“草稿”须填写原因`;
    return null;
  }
  if (from === FINAL_STATE) return `不能从“${from}”改为“${to}”：已归档的记录不能再改变`;
  if (from === to) return `不能从“${from}”改为“${to}”：状态已是“${from}”`;
  const next = availableActions(from).map((a) => `${WORKFLOW_ACTION_LABELS[a]}（改为“${targetState(a)}”）`);
  return `不能从“${from}”改为“${to}”：“${from}”的记录只能${next.join('或')}`;
}

/** With accounts (a signed-in reviewer): 审核 needs an opinion, and not on one's own submission. */
export const REVIEW_OPINION_REQUIRED = '意见：审核须填写审核意见';
export const OWN_SUBMISSION_REFUSAL = '不能审核自己提交的记录：请由另一位审核人审核';

/** Why a record in `state` may not be edited or deleted, or null for a draft. */
export function editRefusal(state: WorkflowState): string | null {
  if (state === INITIAL_STATE) return null;
  if (state === FINAL_STATE) return '已归档的记录不能修改';
  return `${state}的记录不能修改：请先退回为草稿（需填写原因）`;
}

export const isEditable = (state: WorkflowState): boolean => editRefusal(state) === null;

/** `{ id, action, reason }` of a transition request; the reason is checked against the state by `workflowRefusal`. */
export const TransitionInputSchema = z.object({
  id: z.number({ error: '应为记录编号' }).int().positive(),
  action: z.enum(WORKFLOW_ACTIONS, { error: `应为${WORKFLOW_ACTIONS.join('、')}之一` }),
  reason: z.string().trim().max(500, '不能超过500个字').default(''),
});
export type TransitionInput = z.input<typeof TransitionInputSchema>;

/** One line of a record's state history. `from` is null for the line written when the record was created. */
export interface WorkflowStep {
  id: number;
  action: WorkflowAction | 'create';
  from: WorkflowState | null;
  to: WorkflowState;
  reason: string;
  actor: string;
  at: string;
}

/** What a workflow record shows next to its fields: its state, the offered actions and the state history. */
export interface WorkflowInfo {
  state: WorkflowState;
  editable: boolean;
  actions: WorkflowAction[];
  steps: WorkflowStep[];
}

export function workflowInfo(state: WorkflowState, steps: WorkflowStep[]): WorkflowInfo {
  return { state, editable: isEditable(state), actions: availableActions(state), steps };
}
