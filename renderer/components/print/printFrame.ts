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

/** The smallest scale a page that is one sheet by design is printed at to fit its sheet (beyond, it flows on). */
const MIN_FIT_ZOOM = 0.8;

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
      let layout: SectionPrint[] = [];
      let html = buildPrintHtml(source, hints, title, layout);
      let measured = await measure(await loadFrame(frame, html), source);
      // Scale a one-sheet page that runs over until it fits (scaling changes line breaks a little: measure again).
      for (let pass = 0; pass < 3; pass++) {
        const next = fitting(measured, source, layout);
        if (next.every((f, i) => f.zoom === layout[i]?.zoom)) break;
        layout = next;
        html = buildPrintHtml(source, hints, title, layout);
        measured = await measure(await loadFrame(frame, html), source);
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
 * Sections that end at an explicit page break are one sheet each by design (the 任免审批表's two pages and its
 * continuation sheet). When such a page runs over its sheet by a little (the browser's fonts and line heights are not
 * Word's), it is scaled to fit rather than spilling a few lines onto an extra sheet; a page far too long flows on.
 */
function fitting(measured: SectionSheets[], source: PrintSource, previous: SectionPrint[]): SectionPrint[] {
  const explicitPages = source.sections.length > 1;
  return measured.map((m, i) => {
    const zoom = previous[i]?.zoom ?? 1;
    if (!explicitPages || m.height <= m.sheetHeight + 0.5) return previous[i] ?? {};
    const next = Math.floor(zoom * ((m.sheetHeight - 2) / m.height) * 1000) / 1000;
    return next >= MIN_FIT_ZOOM ? { zoom: next } : (previous[i] ?? {});
  });
}

function layoutOf(sections: SectionSheets[], flowing: boolean): PrintLayout {
  return { sections, pageCount: sections.reduce((n, s) => n + s.starts.length, 0), flowing };
}

/** The document prints page numbers in its footers (a `PAGE` field). */
export function numbersPages(hints: DocxPrintHints): boolean {
  return Object.values(hints.footers).some((f) => f?.parts.some((p) => 'field' in p));
}

