/** 批次类型 — how the department files its secondment batches (工作组). */
export const BATCH_TYPES = ['东西部协作/对口支援', '一线挂职', '跟班学习', '异地教学/进修', '其他'] as const;
export type BatchType = (typeof BATCH_TYPES)[number];

/** 派出: our cadres sent elsewhere; 接收: cadres from elsewhere serving here. */
export const POSTING_DIRECTIONS = ['派出', '接收'] as const;
export type PostingDirection = (typeof POSTING_DIRECTIONS)[number];

/** 岗位类型 of a posting (挂任岗位). */
export const POST_TYPES = ['第一书记', '招商', '信访', '园区', '机关', '企业', '其他'] as const;
export type PostType = (typeof POST_TYPES)[number];

/**
 * 挂职状态. The lifecycle (which change is allowed) lives in shared/posting.ts.
 * 提前结束（召回） covers both recall (召回) and any other early end; the reason says which.
 */
export const POSTING_STATUSES = ['拟派', '在岗', '延期', '期满', '提前结束（召回）'] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];

/** Statuses of a posting that is running (the cadre is at the host unit). */
export const ACTIVE_POSTING_STATUSES: readonly PostingStatus[] = ['在岗', '延期'];
/** Statuses after which nothing changes any more. */
export const FINAL_POSTING_STATUSES: readonly PostingStatus[] = ['期满', '提前结束（召回）'];

/** 会议类型 in a work group's meetings log (the sources count these). */
export const MEETING_TYPES = ['全体成员会议', '日常工作会议', '主题党日', '警示教育', '其他'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** Sub-groups (工作小组) a work group usually sets up; offered as suggestions, any name is allowed. */
export const SUB_GROUP_SUGGESTIONS = ['内部管理', '调研组织', '项目招引', '宣传报道'] as const;

/** 一季一主题: the quarterly themes the sources use, offered as a starting point (editable). */
export const DEFAULT_QUARTER_THEMES: readonly { period: string; theme: string }[] = [
  { period: '第一季度', theme: '融入' },
  { period: '第二季度', theme: '务实' },
  { period: '第三季度', theme: '见效' },
  { period: '第四季度', theme: '赓续' },
];
