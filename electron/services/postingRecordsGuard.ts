import type { EntityManager } from 'typeorm';
import { conflict } from '../../shared/errors';

/**
 * Refuses to delete a posting that has 考核记录, 请销假, 工作实绩 or 成长评价: they would go with it (archived ones too).
 * Erasing the whole cadre file for good (彻底删除) still takes them along, by the foreign keys' cascade.
 */
export async function refuseIfPostingHasRecords(m: EntityManager, postingId: number): Promise<void> {
  const [r]: { records: number; leave: number; results: number; growth: number }[] = await m.query(
    `SELECT (SELECT COUNT(*) FROM assessment_record WHERE posting_id = ?) AS records,
            (SELECT COUNT(*) FROM leave_entry WHERE posting_id = ?) AS leave,
            (SELECT COUNT(*) FROM work_result WHERE posting_id = ?) AS results,
            (SELECT COUNT(*) FROM growth_evaluation WHERE posting_id = ?) AS growth`,
    [postingId, postingId, postingId, postingId],
  );
  const parts = [
    Number(r.records) ? `考核记录 ${r.records} 条` : '',
    Number(r.leave) ? `请销假 ${r.leave} 条` : '',
    Number(r.results) ? `工作实绩 ${r.results} 条` : '',
    Number(r.growth) ? `成长评价 ${r.growth} 份` : '',
  ].filter(Boolean);
  if (parts.length) throw conflict(`这段挂职已有${parts.join('、')}，不能删除（结束挂职请用“变更状态”）`);
}
