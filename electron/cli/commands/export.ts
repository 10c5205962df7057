import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { validationError } from '../../../shared/errors';
import type { GeneratedDocument } from '../../documents/DocumentService';
import type { AppServices } from '../../services/AppServices';
import { UsageError } from '../CliContext';
import type { CliCommand } from './CliCommand';

interface FormEntry {
  title: string;
  /** Whose form it is: one cadre file (by id or 身份证号) or one batch. */
  by: 'cadre' | 'batch';
  /** Absent while the form is still being built. */
  make?: (s: AppServices, ref: string) => Promise<GeneratedDocument>;
  /** The form of one posting (`--posting 编号`), for the forms printed per posting. */
  makeForPosting?: (s: AppServices, postingId: number) => Promise<GeneratedDocument>;
}

/** The printable forms by their command-line name. Add a form here once DocumentService can make it. */
const FORMS: Record<string, FormEntry> = {
  renmian: { title: '干部任免审批表', by: 'cadre', make: (s, ref) => s.documents.exportRenmian(ref) },
  appraisal: {
    title: '挂职干部考核鉴定表',
    by: 'cadre',
    make: (s, ref) => s.documents.exportAppraisal({ cadre: ref }),
    makeForPosting: (s, postingId) => s.documents.exportAppraisal({ postingId }),
  },
  growth: {
    title: '挂职干部成长评价报告',
    by: 'cadre',
    make: (s, ref) => s.documents.exportGrowth({ cadre: ref }),
    makeForPosting: (s, postingId) => s.documents.exportGrowth({ postingId }),
  },
  roster: { title: '挂职干部花名册', by: 'batch', make: (s, ref) => s.documents.exportRoster(ref) },
  summary: { title: '工作实绩及考核汇总表', by: 'batch', make: (s, ref) => s.documents.exportSummary(ref) },
};

const NAMES = Object.keys(FORMS).join('|');

export const exportCommand: CliCommand = {
  name: 'export',
  summary:
    'export renmian|appraisal|growth --cadre 编号|身份证号 --out 文件.docx（appraisal、growth 取最近一段挂职，或用 --posting 挂职记录编号）；export roster|summary --batch 编号|名称 --out 文件.docx — 导出 Word 表格',
  async run(cli, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { cadre: { type: 'string' }, batch: { type: 'string' }, posting: { type: 'string' }, out: { type: 'string' } },
    });
    const name = positionals[0] ?? '';
    const form = FORMS[name];
    if (!form) throw new UsageError(`export 后应为表格名称（${NAMES}），收到“${name}”`);
    if (positionals.length > 1) throw new UsageError(`多余的参数“${positionals[1]}”`);
    let postingId: number | null = null;
    if (values.posting !== undefined) {
      if (!form.makeForPosting) throw new UsageError(`${form.title}：不接受 --posting`);
      if (values.cadre !== undefined) throw new UsageError(`${form.title}：--cadre 与 --posting 只能用一个`);
      if (!/^\d{1,9}$/.test(values.posting.trim())) throw new UsageError(`--posting 后应为挂职记录编号，收到“${values.posting}”`);
      postingId = Number(values.posting.trim());
    }
    const ref = form.by === 'cadre' ? values.cadre : values.batch;
    const flag = form.by === 'cadre' ? '--cadre 干部档案编号或身份证号' : '--batch 批次编号或名称';
    if (postingId === null && !ref?.trim()) throw new UsageError(`${form.title}：请用 ${flag} 指定要打印的${form.by === 'cadre' ? '干部' : '批次'}`);
    const wrong = form.by === 'cadre' ? values.batch : values.cadre;
    if (wrong !== undefined) throw new UsageError(`${form.title}：不接受 ${form.by === 'cadre' ? '--batch' : '--cadre'}，请用 ${flag}`);
    if (!values.out?.trim()) throw new UsageError('请用 --out 指定输出文件（.docx）');
    if (!form.make) throw validationError(`${form.title}暂不能导出：该表格尚在开发中，完成后即可使用`);

    const out = path.resolve(values.out);
    if (!fs.existsSync(path.dirname(out))) throw validationError(`输出文件：目录不存在（${path.dirname(out)}）`);
    if (fs.existsSync(out) && fs.statSync(out).isDirectory()) throw validationError(`输出文件：${out} 是一个目录，请给出文件名`);
    const s = await cli.open();
    const doc = postingId !== null ? await form.makeForPosting!(s, postingId) : await form.make(s, ref!.trim());
    fs.writeFileSync(out, doc.buffer);
    const warnings = doc.warnings ?? [];
    cli.result({ form: name, title: form.title, out, fileName: doc.fileName, bytes: doc.buffer.length, ...(warnings.length ? { warnings } : {}) }, () =>
      [`已导出${form.title}：${out}（${Math.max(1, Math.round(doc.buffer.length / 1024))} KB）`, ...warnings.map((w) => `注意：${w}`)].join('\n'),
    );
  },
};
