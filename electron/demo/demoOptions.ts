import type { WorkflowState } from '../../shared/workflow';

export interface DemoOptions {
  /**
   * Archive the records the demo plans as 已归档 (default). The home page loads the demo with `false`: archived
   * records can never be deleted, so 清除示例数据 could not take them (nor the files they belong to) away.
   */
  archive?: boolean;
}

/** The state a demo record is taken to: 已归档 stops at 已审核 when the demo is not to archive. */
export function demoState(state: WorkflowState, options: DemoOptions): WorkflowState {
  return state === '已归档' && options.archive === false ? '已审核' : state;
}
