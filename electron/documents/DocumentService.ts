import { documentFileName, memberDocumentFileName, singleDocumentFileName, type MemberForm } from '../../shared/documentFileName';
import { notFound } from '../../shared/errors';
import type { AppServices } from '../services/AppServices';
import { appraisalForm } from './appraisalForm';
import { growthReport } from './growthReport';
import { renmianDocument } from './renmianForm';
import { rosterForm } from './rosterForm';
import { summaryForm } from './summaryForm';
import { buildAppraisalViewModel } from './viewModels/appraisalViewModel';
import { buildGrowthReportViewModel } from './viewModels/growthReportViewModel';
import type { PostingRef } from './viewModels/printedPosting';
import { buildRenmianViewModel } from './viewModels/renmianViewModel';
import { buildRosterViewModel } from './viewModels/rosterViewModel';
import { buildSummaryViewModel } from './viewModels/summaryViewModel';

/** A generated Word document and the name to offer when saving it. */
export interface GeneratedDocument {
  fileName: string;
  buffer: Buffer;
  /** What the clerk should be told before printing (the 任免审批表's continuation sheet); absent when nothing. */
  warnings?: string[];
}

export type { PostingRef };

/** A cadre (id or 身份证号: their latest posting) or `{ postingId }`. */
const postingRef = (ref: PostingRef | string | number): PostingRef => (typeof ref === 'object' ? ref : { cadre: ref });

/**
 * The printable forms: reads the services into a view model and renders it. The form functions themselves are
 * pure (view model → docx), so the UI, the CLI and the tests all print the same document.
 */
export class DocumentService {
  constructor(private readonly s: AppServices) {}

  /**
   * 干部任免审批表 of one file, by id or 身份证号: two pages, and a continuation sheet only for a record too long for
   * them even at the smallest size — then `warnings` says what went there.
   */
  async exportRenmian(cadreRef: string | number, today: Date = new Date()): Promise<GeneratedDocument> {
    const vm = await buildRenmianViewModel(this.s, cadreRef, today);
    const { buffer, warnings } = await renmianDocument(vm);
    return { fileName: singleDocumentFileName('renmian', vm.name), buffer, ...(warnings.length ? { warnings } : {}) };
  }

  /** 挂职干部考核鉴定表 of a cadre's latest posting (by id or 身份证号) or of one posting. */
  async exportAppraisal(ref: PostingRef | string | number, today: Date = new Date()): Promise<GeneratedDocument> {
    const vm = await buildAppraisalViewModel(this.s, postingRef(ref), today);
    return { fileName: singleDocumentFileName('appraisal', vm.name), buffer: await appraisalForm(vm) };
  }

  /** 成长评价报告 of a cadre's latest posting (by id or 身份证号) or of one posting. */
  async exportGrowth(ref: PostingRef | string | number, today: Date = new Date()): Promise<GeneratedDocument> {
    const vm = await buildGrowthReportViewModel(this.s, postingRef(ref), today);
    return { fileName: singleDocumentFileName('growth', vm.name), buffer: await growthReport(vm) };
  }

  /** 挂职干部花名册 of one batch, by id or name. */
  async exportRoster(batchRef: string | number, today: Date = new Date()): Promise<GeneratedDocument> {
    const vm = await buildRosterViewModel(this.s, batchRef, today);
    return { fileName: documentFileName(vm.title), buffer: await rosterForm(vm) };
  }

  /** 工作实绩及考核汇总表 of one batch, by id or name (A4 landscape). */
  async exportSummary(batchRef: string | number, today: Date = new Date()): Promise<GeneratedDocument> {
    const vm = await buildSummaryViewModel(this.s, batchRef, today);
    return { fileName: documentFileName(vm.title), buffer: await summaryForm(vm) };
  }

  /**
   * One member's form in a batch export, named `<批次>_<姓名>_<表名>.docx`: the 考核鉴定表 and 成长评价报告 of the
   * member's posting in this batch (not their latest elsewhere). The UI calls it member by member (progress, cancel).
   */
  async exportMemberForm(batchId: number, cadreId: number, form: MemberForm, today: Date = new Date()): Promise<GeneratedDocument> {
    // The batch row and the cadre's own postings: cheap, as the UI calls this once per member of a large batch.
    const batch = await this.s.batches.resolve(batchId);
    const member = (await this.s.postings.listByCadre(cadreId)).filter((p) => p.batchId === batch.id).pop();
    if (!member) throw notFound(`编号为 ${cadreId} 的干部不是批次“${batch.name}”的成员`);
    const doc =
      form === 'renmian'
        ? await this.exportRenmian(cadreId, today)
        : form === 'appraisal'
          ? await this.exportAppraisal({ postingId: member.id }, today)
          : await this.exportGrowth({ postingId: member.id }, today);
    return { fileName: memberDocumentFileName(batch.name, member.cadreName, form), buffer: doc.buffer, ...(doc.warnings ? { warnings: doc.warnings } : {}) };
  }
}
