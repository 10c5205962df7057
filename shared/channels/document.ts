import { z } from 'zod';
import { channel } from './channel';

/** A Word document for the UI to preview (docx-preview) and save or print. */
export interface DocumentFile {
  fileName: string;
  /** The .docx bytes, base64. */
  base64: string;
}

const cadreId = z.number({ error: '应为干部档案编号' }).int().positive();
const batchId = z.number({ error: '应为批次编号' }).int().positive();

/** 打印表格: each printable form is one channel returning the finished document. */
export const documentChannels = {
  /** 干部任免审批表 of one cadre file. */
  'document:renmian': channel<DocumentFile>()(z.object({ cadreId })),
  /** 挂职干部花名册 of one batch (A4 landscape). */
  'document:roster': channel<DocumentFile>()(z.object({ batchId })),
};
