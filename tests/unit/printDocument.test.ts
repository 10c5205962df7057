import { describe, expect, it } from 'vitest';
import type { DocxPrintHints } from '../../renderer/components/print/docxHints';
import { buildPrintHtml, type PrintSource } from '../../renderer/components/print/printDocument';

// The print document 打印 sends to the printer (renderer/components/print): its page rules, as HTML text.
const PORTRAIT = { widthPt: 595.3, heightPt: 841.9, margins: { top: 104.9, right: 73.7, bottom: 99.2, left: 79.35 } };
const LANDSCAPE = { widthPt: 841.9, heightPt: 595.3, margins: { top: 79.35, right: 99.2, bottom: 73.7, left: 104.9 } };
const NO_HINTS: DocxPrintHints = { tables: [], keepNext: [], footers: {} };

const source = (...boxes: (typeof PORTRAIT)[]): PrintSource => ({
  styles: '.docx p { margin: 0 }',
  sections: boxes.map((box, i) => ({ html: `<section class="docx"><article><p>第${i + 1}节</p></article></section>`, box })),
});

describe('the print document', () => {
  it('is a page of its own: the document styles and pages, no script, no app', () => {
    const html = buildPrintHtml(source(PORTRAIT, PORTRAIT), NO_HINTS, '干部任免审批表-<李明远>');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<title>干部任免审批表-&lt;李明远&gt;</title>');
    expect(html).toContain('.docx p { margin: 0 }');
    expect(html).not.toMatch(/<script|position:\s*fixed|overflow:\s*(auto|scroll)/i);
    expect(html.match(/<section /g)).toHaveLength(2);
    // Each docx page starts a sheet; sections print in their order.
    expect(html).toContain('section.docx + section.docx { break-before: page; }');
    expect(html.indexOf('第1节')).toBeLessThan(html.indexOf('第2节'));
  });

  it('prints each page size on its own named page, with the docx margins as page margins', () => {
    const html = buildPrintHtml(source(PORTRAIT, LANDSCAPE), NO_HINTS, '表');
    expect(html).toContain('@page sheet1 { size: 595.3pt 841.9pt; margin: 104.9pt 73.7pt 99.2pt 79.35pt; }');
    expect(html).toContain('@page sheet2 { size: 841.9pt 595.3pt; margin: 79.35pt 99.2pt 73.7pt 104.9pt; }');
    expect(html).toMatch(/section\.docx\[data-sheet="sheet2"\] \{ page: sheet2; width: 637\.8pt; \}/);
    expect(html).toContain('<section data-sheet="sheet1" class="docx">');
    expect(html).toContain('<section data-sheet="sheet2" class="docx">');
    // One named page per distinct size: a roster's pages share one.
    const roster = buildPrintHtml(source(LANDSCAPE, LANDSCAPE, LANDSCAPE), NO_HINTS, '花名册');
    expect(roster.match(/@page sheet\d/g)).toEqual(['@page sheet1']);
  });

  it('keeps rows whole, repeats header rows and keeps headings with the next paragraph, as the docx asks', () => {
    const html = buildPrintHtml(source(PORTRAIT), NO_HINTS, '表');
    expect(html).toContain('tr[data-cant-split] { break-inside: avoid; }');
    expect(html).toContain('p[data-keep-next] { break-after: avoid; }');
    expect(html).toContain('thead { display: table-header-group; }');
  });

  it('prints page numbers from the footers in the page margin: odd pages right, even pages left (GB/T 9704)', () => {
    const footer = (align: 'left' | 'right') => ({ align, indentLeftPt: align === 'left' ? 14 : 0, indentRightPt: align === 'right' ? 14 : 0, fontSizePt: 14, fontFamilies: ['Times New Roman', '宋体'], parts: [{ text: '— ' }, { field: 'page' as const }, { text: ' —' }] });
    const html = buildPrintHtml(source(PORTRAIT), { ...NO_HINTS, footers: { default: footer('right'), even: footer('left') }, footerDistancePt: 59.55 }, '成长评价报告');
    expect(html).toMatch(/@page :right \{ @bottom-right \{ content: "— " counter\(page\) " —"; font-family: "Times New Roman", "宋体", serif; font-size: 14pt;.*padding-bottom: 59\.55pt; padding-left: 0pt; padding-right: 14pt;/);
    expect(html).toMatch(/@page :left \{ @bottom-left \{ content: "— " counter\(page\) " —";/);
    const single = buildPrintHtml(source(LANDSCAPE), { ...NO_HINTS, footers: { default: { ...footer('right'), align: 'center', parts: [{ text: '第 ' }, { field: 'page' }, { text: ' 页　共 ' }, { field: 'pages' }, { text: ' 页' }] } } }, '花名册');
    expect(single).toMatch(/@page \{ @bottom-center \{ content: "第 " counter\(page\) " 页　共 " counter\(pages\) " 页";/);
  });

  it('scales a page that is one sheet by design when told to', () => {
    const html = buildPrintHtml(source(PORTRAIT, PORTRAIT), NO_HINTS, '表', [{}, { zoom: 0.95 }]);
    expect(html).toContain('<section data-sheet="sheet1" class="docx">');
    expect(html).toContain('<section data-sheet="sheet1" style="zoom: 0.95; margin: 0 auto !important;" class="docx">');
  });
});

describe('paragraph fonts', () => {
  it('gives a paragraph style the font its runs get, so lines are sized by the text, not the page font', async () => {
    const { paragraphFontRules } = await import('../../renderer/components/print/paragraphStruts');
    const css = `p.docx_cdfs157 { line-height: 8.5pt; }\np.docx_cdfs157 span {\n  font-family: 'Times New Roman', 仿宋_GB2312;\n  min-height: 7.50pt;\n  font-size: 7.50pt;\n}\np.docx_title span { color: red; }`;
    expect(paragraphFontRules(css)).toBe("p.docx_cdfs157 { font-family: 'Times New Roman', 仿宋_GB2312; font-size: 7.50pt; }");
  });
});
