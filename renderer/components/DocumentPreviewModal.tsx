import { DownloadOutlined, ExportOutlined, LeftOutlined, PrinterOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, InputNumber, Modal, Space, Spin, Typography } from 'antd';
import { renderAsync } from 'docx-preview';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client';
import { base64ToBytes, openWithOfficeApp, saveBase64File } from '../lib/files';
import { readDocxPrintHints } from './print/docxHints';
import { alignParagraphStruts } from './print/paragraphStruts';
import { numbersPages, PrintFrame, type PrintLayout } from './print/printFrame';

export interface PrintableDocument {
  fileName: string;
  base64: string;
  /** What the clerk should know before printing (e.g. part of a long 任免审批表 went on a continuation sheet). */
  warnings?: string[];
}

/** Inherited text settings the app would otherwise pass into the pages; the print document uses the same. */
const PAGE_TEXT = { lineHeight: 'normal', fontSize: 16, fontFamily: 'serif', color: '#000' } as const;

/** Top of each sheet in the preview's scroll area, px; the preview marks where a sheet starts inside a long page. */
function sheetTops(container: HTMLElement, layout: PrintLayout): number[] {
  const sections = Array.from(container.querySelectorAll<HTMLElement>('section.docx'));
  const tops: number[] = [];
  layout.sections.forEach((s, i) => {
    const section = sections[i];
    if (!section) return;
    const article = section.querySelector<HTMLElement>(':scope > article');
    s.starts.forEach((start, j) => tops.push(j === 0 || !article ? section.offsetTop : section.offsetTop + article.offsetTop + start));
  });
  return tops;
}

/** Dashed lines where the printed sheets of a long page begin, labelled with the sheet number. */
function drawGuides(container: HTMLElement, layout: PrintLayout): void {
  container.querySelectorAll('.print-page-guide').forEach((g) => g.remove());
  const sections = Array.from(container.querySelectorAll<HTMLElement>('section.docx'));
  let sheet = 0;
  layout.sections.forEach((s, i) => {
    const section = sections[i];
    const article = section?.querySelector<HTMLElement>(':scope > article');
    s.starts.forEach((start, j) => {
      sheet++;
      if (j === 0 || !section || !article) return;
      const guide = document.createElement('div');
      guide.className = 'print-page-guide';
      guide.setAttribute('aria-hidden', 'true');
      guide.textContent = `第 ${sheet} 页`;
      Object.assign(guide.style, {
        position: 'absolute',
        left: '0',
        right: '0',
        top: `${article.offsetTop + start}px`,
        borderTop: '1px dashed #1677ff',
        color: '#1677ff',
        font: '12px/16px sans-serif',
        textAlign: 'right',
        paddingRight: '6px',
        pointerEvents: 'none',
        zIndex: '2',
      });
      section.appendChild(guide);
    });
  });
}

/**
 * Shows a generated .docx the way it will print (docx-preview renders the same file Word and WPS open), with the page
 * count and page-by-page navigation, 打印 (the pages alone, from a hidden frame, at the form's page size), 用 WPS/Word
 * 打开 and 另存为 Word. `load` is called each time the dialog opens.
 */
export function DocumentPreviewModal({ title, load, open, onClose }: { title: string; load: () => Promise<PrintableDocument>; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const container = useRef<HTMLDivElement>(null);
  const printFrame = useRef<PrintFrame | null>(null);
  const [doc, setDoc] = useState<PrintableDocument | null>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [layout, setLayout] = useState<PrintLayout | null>(null);
  const [printError, setPrintError] = useState<string>();
  const [page, setPage] = useState(1);
  const [opening, setOpening] = useState(false);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setDoc(null);
    setError(undefined);
    setLayout(null);
    setPrintError(undefined);
    setPage(1);
    setLoading(true);
    load()
      .then(async (d) => {
        if (!live) return;
        setDoc(d);
        const el = container.current;
        if (!el) return;
        el.innerHTML = '';
        const bytes = base64ToBytes(d.base64);
        const [hints] = await Promise.all([
          readDocxPrintHints(bytes),
          renderAsync(new Blob([bytes]), el, undefined, { className: 'docx', inWrapper: true, breakPages: true, ignoreLastRenderedPageBreak: true, useBase64URL: true }),
        ]);
        if (!live) return;
        alignParagraphStruts(el);
        setLoading(false);
        try {
          const frame = await PrintFrame.create(el, hints, d.fileName.replace(/\.docx$/i, ''));
          if (!live) return frame.dispose();
          printFrame.current = frame;
          // docx-preview cannot fill in page numbers ("第  页　共  页"): the guides number the sheets instead.
          if (numbersPages(hints)) el.querySelectorAll('section.docx > footer').forEach((f) => f.remove());
          drawGuides(el, frame.layout);
          setLayout(frame.layout);
        } catch (e) {
          if (live) setPrintError(e instanceof Error ? e.message : String(e));
        }
      })
      .catch((e) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
      printFrame.current?.dispose();
      printFrame.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const goTo = useCallback(
    (n: number) => {
      const el = container.current;
      if (!el || !layout) return;
      const tops = sheetTops(el, layout);
      const target = Math.min(Math.max(1, Math.round(n)), tops.length);
      el.scrollTo({ top: Math.max(0, tops[target - 1] - 12) });
      setPage(target);
    },
    [layout],
  );

  const onScroll = useCallback(() => {
    const el = container.current;
    if (!el || !layout) return;
    const tops = sheetTops(el, layout);
    const mark = el.scrollTop + el.clientHeight / 3;
    let current = 1;
    tops.forEach((t, i) => t <= mark && (current = i + 1));
    // Scrolled to the end: the last sheet (it may be too short to reach the mark).
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2 && tops.length) current = Math.max(current, tops.length);
    setPage(current);
  }, [layout]);

  const print = useCallback(() => {
    try {
      printFrame.current?.print();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '无法打印');
    }
  }, [message]);

  // Ctrl+P while the preview is open prints the document, not the app page.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        if (printFrame.current) print();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open, print]);

  const openInOffice = async () => {
    if (!doc) return;
    setOpening(true);
    try {
      const how = await openWithOfficeApp(doc.fileName, doc.base64);
      if (how === 'opened') message.success(`已用 WPS/Word 打开“${doc.fileName}”`);
      else message.info(`已下载“${doc.fileName}”：请用 WPS 或 Word 打开后打印`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '无法打开');
    } finally {
      setOpening(false);
    }
  };

  const pageCount = layout?.pageCount ?? 0;
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      width="min(1240px, calc(100vw - 32px))"
      style={{ top: 16, paddingBottom: 0 }}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button icon={<ExportOutlined />} disabled={!doc} loading={opening} onClick={openInOffice}>
            用 WPS/Word 打开
          </Button>
          <Button icon={<PrinterOutlined />} disabled={!layout} onClick={print}>
            打印
          </Button>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            disabled={!doc}
            onClick={() => {
              saveBase64File(doc!.fileName, doc!.base64);
              message.success(`已生成“${doc!.fileName}”`);
            }}
          >
            另存为 Word
          </Button>
          <Button onClick={onClose}>关闭</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message="无法生成文档" description={error} />}
      {!!doc?.warnings?.length && (
        <Alert type="warning" showIcon data-testid="document-warnings" message={doc.warnings.length === 1 ? doc.warnings[0] : <ul style={{ margin: 0, paddingLeft: 18 }}>{doc.warnings.map((w) => <li key={w}>{w}</li>)}</ul>} style={{ marginBottom: 8 }} />
      )}
      {printError && <Alert type="warning" showIcon message={`无法准备打印：${printError}`} description="请用“用 WPS/Word 打开”打印。" style={{ marginBottom: 8 }} />}
      {!error && (
        <Flex align="center" justify="space-between" gap={12} wrap style={{ marginBottom: 8 }}>
          <Space size={6} data-testid="page-navigation">
            <Button size="small" icon={<LeftOutlined />} disabled={!layout || page <= 1} onClick={() => goTo(page - 1)}>
              上一页
            </Button>
            <span>第</span>
            <InputNumber size="small" aria-label="页码" min={1} max={Math.max(1, pageCount)} value={page} disabled={!layout} style={{ width: 64 }} onChange={(v) => v && goTo(v)} />
            <span data-testid="page-count">{layout ? `页 / 共 ${pageCount} 页` : '页 / 共 … 页'}</span>
            <Button size="small" disabled={!layout || page >= pageCount} onClick={() => goTo(page + 1)}>
              下一页 <RightOutlined />
            </Button>
          </Space>
          {layout?.flowing && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="pagination-note">
              本表按内容自动分页（虚线为分页处），与 Word/WPS 的分页可能略有不同；以 Word/WPS 为准请点“用 WPS/Word 打开”。
            </Typography.Text>
          )}
        </Flex>
      )}
      <Spin spinning={loading}>
        <div
          ref={container}
          onScroll={onScroll}
          className="print-area"
          data-testid="document-preview"
          style={{ ...PAGE_TEXT, position: 'relative', height: 'max(240px, calc(100vh - 236px))', overflow: 'auto', background: '#e8e8e8' }}
        />
      </Spin>
    </Modal>
  );
}
