import { z } from 'zod';
import { MEMBER_FORMS } from '../documentFileName';
import { channel } from './channel';

/** A Word document for the UI to preview (docx-preview) and save or print. */
export interface DocumentFile {
  fileName: string;
  /** The .docx bytes, base64. */
  base64: string;
  /**
   * What the clerk should know before printing, in Chinese; absent when there is nothing to say. The 干部任免审批表
   * says here when a record is too long for its two pages even at the smallest size and part of it went on a
   * continuation sheet (干部任免审批表（续）) after page 2.
   */
  warnings?: string[];
}

const cadreId = z.number({ error: '应为干部档案编号' }).int().positive();
const batchId = z.number({ error: '应为批次编号' }).int().positive();
const postingId = z.number({ error: '应为挂职记录编号' }).int().positive();

/** A cadre (their latest posting is printed) or one posting: exactly one of the two. */
const cadreOrPosting = z
  .object({ cadreId: cadreId.optional(), postingId: postingId.optional() })
  .superRefine((v, ctx) => {
    if ((v.cadreId === undefined) === (v.postingId === undefined))
      ctx.addIssue({ code: 'custom', path: ['cadreId'], message: '请指定干部档案编号或挂职记录编号（二者选一）' });
  });

/** 打印表格: each printable form is one channel returning the finished document. */
export const documentChannels = {
  /** 干部任免审批表 of one cadre file (`warnings` when part of it goes on a continuation sheet). */
  'document:renmian': channel<DocumentFile>()(z.object({ cadreId })),
  /** 挂职干部花名册 of one batch (A4 landscape). */
  'document:roster': channel<DocumentFile>()(z.object({ batchId })),
  /** 挂职干部考核鉴定表 of a cadre's latest posting, or of the posting given. */
  'document:appraisal': channel<DocumentFile>()(cadreOrPosting),
  /** 成长评价报告 “从学习者到传递者” (GB/T 9704) of a cadre's latest posting, or of the posting given. */
  'document:growth': channel<DocumentFile>()(cadreOrPosting),
  /** 工作实绩及考核汇总表 of one batch (A4 landscape). */
  'document:summary': channel<DocumentFile>()(z.object({ batchId })),
  /**
   * Batch export, one member at a time (the UI shows progress and can stop between calls): the member's form for
   * their posting in this batch, named `<批次>_<姓名>_<表名>.docx`.
   */
  'document:batchMember': channel<DocumentFile>()(
    z.object({ batchId, cadreId, form: z.enum(MEMBER_FORMS, { error: `应为${MEMBER_FORMS.join('、')}之一` }) }),
  ),
};
