import { z } from 'zod';

/**
 * 示例数据: invented people, batches and records for trying the system out. Offered on an empty database only;
 * every row the demo writes is registered, so that 清除示例数据 removes exactly those.
 */

/** What the home page needs to offer loading or clearing the demo. */
export interface DemoStatus {
  /** The database holds no file (recycle bin included) and no batch: the demo may be loaded. */
  offer: boolean;
  /** Demo files and batches still present (0 and 0: nothing to clear). */
  cadres: number;
  batches: number;
}

export interface DemoLoadResult {
  cadres: number;
  batches: number;
  postings: number;
}

export const DemoClearInputSchema = z
  .object({
    /** Only say what would be removed and kept; change nothing. */
    preview: z.boolean().default(false),
  })
  .default({ preview: false });

/** One thing 清除示例数据 leaves in place, and why. */
export interface DemoKept {
  /** 刘思源的档案及在常州市武进区商务局的挂职（2025.12.01—2026.11.30） */
  what: string;
  /** 有已归档的年度考核（2026年），已归档的记录须永久保存，不能删除 */
  reason: string;
}

export interface DemoClearReport {
  /** false for a preview. */
  done: boolean;
  removed: {
    cadres: number;
    batches: number;
    postings: number;
    /** 考核记录 (monthly reports, quarterly reviews, talks, annual and term assessments …). */
    records: number;
    evaluations: number;
    leave: number;
    results: number;
    meetings: number;
  };
  /** Names of the demo files removed, in the files' order. */
  removedNames: string[];
  kept: DemoKept[];
}

/** `新增干部档案 15 份…` — how the CLI and the home page report a clearing. */
export function describeDemoClear(r: DemoClearReport): string {
  const n = r.removed;
  const parts = [
    `干部档案 ${n.cadres} 份`,
    `批次 ${n.batches} 个`,
    `挂职记录 ${n.postings} 条`,
    n.records && `考核记录 ${n.records} 条`,
    n.evaluations && `成长评价 ${n.evaluations} 份`,
    n.leave && `请销假 ${n.leave} 条`,
    n.results && `工作实绩 ${n.results} 条`,
    n.meetings && `会议记录 ${n.meetings} 条`,
  ].filter(Boolean);
  return `${r.done ? '已清除' : '将清除'}示例数据：${parts.join('、')}`;
}
