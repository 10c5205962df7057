import type { EntityManager } from 'typeorm';
import { conflict } from '../../shared/errors';
import { AssessmentRecordEntity, GrowthEvaluationEntity, LeaveEntryEntity, WorkResultEntity } from '../db/entities';

/**
 * Refuses to delete a posting that has 考核记录, 请销假, 工作实绩 or 成长评价: they would go with it (archived ones too).
 * Erasing the whole cadre file for good (彻底删除) still takes them along, by the foreign keys' cascade.
 */
export async function refuseIfPostingHasRecords(m: EntityManager, postingId: number): Promise<void> {
  const [records, leave, results, growth] = await Promise.all([
    m.countBy(AssessmentRecordEntity, { postingId }),
    m.countBy(LeaveEntryEntity, { postingId }),
    m.countBy(WorkResultEntity, { postingId }),
    m.countBy(GrowthEvaluationEntity, { postingId }),
  ]);
  const parts = [
    records ? `考核记录 ${records} 条` : '',
    leave ? `请销假 ${leave} 条` : '',
    results ? `工作实绩 ${results} 条` : '',
    growth ? `成长评价 ${growth} 份` : '',
  ].filter(Boolean);
  if (parts.length) throw conflict(`这段挂职已有${parts.join('、')}，不能删除（结束挂职请用“变更状态”）`);
}
