import { describe, expect, it } from 'vitest';
import { availableActions, editRefusal, targetState, workflowRefusal, WORKFLOW_STATES } from '../../shared/workflow';

describe('the submit-and-lock workflow', () => {
  it('goes 草稿 → 已提交 → 已审核 → 已归档, and back to 草稿 from 已提交 or 已审核 with a reason', () => {
    expect(workflowRefusal('草稿', 'submit')).toBeNull();
    expect(workflowRefusal('已提交', 'review')).toBeNull();
    expect(workflowRefusal('已审核', 'archive')).toBeNull();
    expect(workflowRefusal('已提交', 'reopen', '等次填错')).toBeNull();
    expect(workflowRefusal('已审核', 'reopen', '等次填错')).toBeNull();
    expect(targetState('reopen')).toBe('草稿');
    expect(availableActions('草稿')).toEqual(['submit']);
    expect(availableActions('已提交')).toEqual(['review', 'reopen']);
    expect(availableActions('已审核')).toEqual(['archive', 'reopen']);
    expect(availableActions('已归档')).toEqual([]);
  });

  it('refuses every other step naming both states', () => {
    expect(workflowRefusal('草稿', 'review')).toBe('不能从“草稿”改为“已审核”：“草稿”的记录只能提交（改为“已提交”）');
    expect(workflowRefusal('草稿', 'archive')).toContain('不能从“草稿”改为“已归档”');
    expect(workflowRefusal('已提交', 'archive')).toContain('不能从“已提交”改为“已归档”');
    expect(workflowRefusal('已提交', 'submit')).toBe('不能从“已提交”改为“已提交”：状态已是“已提交”');
    expect(workflowRefusal('草稿', 'reopen', 'x')).toContain('不能从“草稿”改为“草稿”');
    expect(workflowRefusal('已归档', 'reopen', '需要更正')).toBe('不能从“已归档”改为“草稿”：已归档的记录不能再改变');
    for (const action of ['submit', 'review', 'archive'] as const) expect(workflowRefusal('已归档', action)).toContain('已归档的记录不能再改变');
  });

  it('needs a reason to reopen', () => {
    expect(workflowRefusal('已提交', 'reopen')).toBe('原因：从“已提交”退回为“草稿”须填写原因');
    expect(workflowRefusal('已审核', 'reopen', '   ')).toContain('须填写原因');
  });

  it('lets only drafts be edited', () => {
    expect(editRefusal('草稿')).toBeNull();
    expect(editRefusal('已提交')).toBe('已提交的记录不能修改：请先退回为草稿（需填写原因）');
    expect(editRefusal('已审核')).toBe('已审核的记录不能修改：请先退回为草稿（需填写原因）');
    expect(editRefusal('已归档')).toBe('已归档的记录不能修改');
    expect(WORKFLOW_STATES).toEqual(['草稿', '已提交', '已审核', '已归档']);
  });
});
