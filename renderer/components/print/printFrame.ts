import type { DocxPrintHints } from './docxHints';
import { buildPrintHtml, collectPrintSource, sheetsOf, type PrintSource, type SectionPrint, type SectionSheets } from './printDocument';

/** The print document's sheets: per docx-preview section, where each sheet starts. */
export interface PrintLayout {
  sections: SectionSheets[];
  /** Sheets in all. */
  pageCount: number;
  /**
   * A document that runs to as many pages as its content needs (it numbers its pages: 花名册, 汇总表, 成长评价报告),
   * paginated here by the browser: Word and WPS may break its pages a little differently.
   */
  flowing: boolean;
}

/** A page that is one sheet by design may run over by this much before it is scaled down to fit (beyond, it flows on). */
const MAX_FIT_OVERRUN = 0.15;

function loadFrame(frame: HTMLIFrameElement, html: string): Promise<Document> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('打印文档未能载入')), 20_000);
    frame.onload = () => {
      clearTimeout(timer);
      const doc = frame.contentDocument;
      if (doc) resolve(doc);
      else reject(new Error('打印文档未能载入'));
    };
    frame.srcdoc = html;
  });
}

/**
 * A hidden frame holding just the print document. 打印 prints this frame, never the app page, so what reaches the
 * paper is the document's sheets alone, each once, in order, at the document's page size.
 */
export class PrintFrame {
  private constructor(
    readonly frame: HTMLIFrameElement,
    readonly html: string,
    readonly layout: PrintLayout,
  ) {}

  /** Builds the print document from the rendered preview in `container`, lays it out and measures its sheets. */
  static async create(container: HTMLElement, hints: DocxPrintHints, title: string): Promise<PrintFrame> {
    const source = collectPrintSource(container, hints);
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = title;
    frame.dataset.testid = 'print-frame';
    // Out of sight but laid out (a frame that is not displayed has no layout to measure).
    Object.assign(frame.style, { position: 'fixed', left: '0', bottom: '0', width: '0', height: '0', border: '0', opacity: '0', pointerEvents: 'none' });
    document.body.appendChild(frame);
    try {
      let html = buildPrintHtml(source, hints, title);
      let doc = await loadFrame(frame, html);
      let measured = await measure(doc, source);
      const fit = fitting(measured, source);
      if (fit.some((f) => f.zoom)) {
        html = buildPrintHtml(source, hints, title, fit);
        doc = await loadFrame(frame, html);
        measured = await measure(doc, source);
      }
      frame.dataset.ready = 'true';
      return new PrintFrame(frame, html, layoutOf(measured, numbersPages(hints)));
    } catch (e) {
      frame.remove();
      throw e;
    }
  }

  /** Opens the print dialog for the print document. */
  print(): void {
    const win = this.frame.contentWindow;
    if (!win) throw new Error('打印文档已关闭');
    win.print();
  }

  dispose(): void {
    this.frame.remove();
  }
}

async function measure(doc: Document, source: PrintSource): Promise<SectionSheets[]> {
  await doc.fonts?.ready;
  await Promise.all(
    Array.from(doc.images).map((img) => (img.complete ? undefined : new Promise((r) => ((img.onload = r), (img.onerror = r))))),
  );
  const sections = Array.from(doc.querySelectorAll<HTMLElement>('section.docx'));
  return sections.map((s, i) => sheetsOf(s, source.sections[i].box));
}

/**
 * Sections that end at an explicit page break are one sheet each by design (the 任免审批表's two pages). When such a
 * page runs over its sheet by a little (the browser's fonts and line heights are not Word's), it is scaled to fit
 * rather than spilling a few lines onto an extra sheet.
 */
function fitting(measured: SectionSheets[], source: PrintSource): SectionPrint[] {
  const explicitPages = source.sections.length > 1;
  return measured.map((m) => {
    if (!explicitPages || m.height <= m.sheetHeight + 0.5) return {};
    if (m.height > m.sheetHeight * (1 + MAX_FIT_OVERRUN)) return {};
    return { zoom: Math.floor(((m.sheetHeight - 2) / m.height) * 1000) / 1000 };
  });
}

function layoutOf(sections: SectionSheets[], flowing: boolean): PrintLayout {
  return { sections, pageCount: sections.reduce((n, s) => n + s.starts.length, 0), flowing };
}

/** The document prints page numbers in its footers (a `PAGE` field). */
export function numbersPages(hints: DocxPrintHints): boolean {
  return Object.values(hints.footers).some((f) => f?.parts.some((p) => 'field' in p));
}

