import type { AppServices } from '../services/AppServices';
import { renmianForm } from './renmianForm';
import { rosterForm } from './rosterForm';
import { buildRenmianViewModel } from './viewModels/renmianViewModel';
import { buildRosterViewModel } from './viewModels/rosterViewModel';

/** A generated Word document and the name to offer when saving it. */
export interface GeneratedDocument {
  fileName: string;
  buffer: Buffer;
}

/** Characters Windows does not allow in file names. */
function safeFileName(s: string): string {
  return s.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').trim() || '未命名';
}

/**
 * The printable forms: reads the services into a view model and renders it. The form functions themselves are
 * pure (view model → docx), so the UI, the CLI and the tests all print the same document.
 */
export class DocumentService {
  constructor(private readonly s: AppServices) {}

  /** 干部任免审批表 of one file, by id or 身份证号. */
  async exportRenmian(cadreRef: string | number, today: Date = new Date()): Promise<GeneratedDocument> {
    const vm = await buildRenmianViewModel(this.s, cadreRef, today);
    return { fileName: safeFileName(`干部任免审批表-${vm.name}.docx`), buffer: await renmianForm(vm) };
  }

  /** 挂职干部花名册 of one batch, by id or name. */
  async exportRoster(batchRef: string | number, today: Date = new Date()): Promise<GeneratedDocument> {
    const vm = await buildRosterViewModel(this.s, batchRef, today);
    return { fileName: safeFileName(`${vm.title}.docx`), buffer: await rosterForm(vm) };
  }
}
