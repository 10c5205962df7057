import {
  AlignmentType,
  Document,
  Footer,
  PageNumber,
  LineRuleType,
  Packer,
  PageOrientation,
  Paragraph,
  Tab,
  TextRun,
  type IParagraphOptions,
  type IParagraphStyleOptions,
  type ISectionOptions,
} from 'docx';

/**
 * The house style of every printed form: A4 pages, GB/T 9704 margins, the official font names (East Asian and
 * Latin set separately, since Word and WPS pick the font per script) and sizes in 号.
 * Lengths are twips (1/20 pt, what Word calls DXA) unless the name says otherwise.
 */

/** Millimetres to twips (DXA). */
export const mm = (v: number): number => Math.round((v * 1440) / 25.4);
/** Points to twips. */
export const pt = (v: number): number => Math.round(v * 20);

export const A4 = { width: 11906, height: 16838 } as const;

/** GB/T 9704-2012: top 37 mm, bottom 35 mm, left (binding) 28 mm, right 26 mm → a 156 × 225 mm text block. */
export const MARGINS_GBT9704 = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
/** Landscape pages (rosters): the same margins turned with the paper, binding edge on top. */
export const MARGINS_LANDSCAPE = { top: mm(28), bottom: mm(26), left: mm(37), right: mm(35) } as const;

export type Margins = { top: number; bottom: number; left: number; right: number };

/** Width of the text block of an A4 page with these margins. */
export function textWidth(margins: Margins = MARGINS_GBT9704, orientation: 'portrait' | 'landscape' = 'portrait'): number {
  const w = orientation === 'portrait' ? A4.width : A4.height;
  return w - margins.left - margins.right;
}

/** Height of the text block of an A4 page with these margins. */
export function textHeight(margins: Margins = MARGINS_GBT9704, orientation: 'portrait' | 'landscape' = 'portrait'): number {
  const h = orientation === 'portrait' ? A4.height : A4.width;
  return h - margins.top - margins.bottom;
}

/** Font sizes in 号, in points. */
export const HAO = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
} as const;
export type Hao = keyof typeof HAO;

/** docx sizes are half-points. Accepts a 号 name or points. */
export function halfPoints(size: Hao | number): number {
  return Math.round((typeof size === 'number' ? size : HAO[size]) * 2);
}

export function points(size: Hao | number): number {
  return typeof size === 'number' ? size : HAO[size];
}

/**
 * The official typefaces. `eastAsia` is the name an office PC has (and WPS/Word look for); ascii/hAnsi get a
 * Latin face so digits and letters look as on paper. A PC without the official face falls back to the
 * `altName` the font table gives it (FONT_TABLE: 方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋 → FangSong …).
 */
export const FONTS = {
  小标宋: { eastAsia: '方正小标宋简体', latin: 'Times New Roman' },
  仿宋: { eastAsia: '仿宋_GB2312', latin: 'Times New Roman' },
  楷体: { eastAsia: '楷体_GB2312', latin: 'Times New Roman' },
  黑体: { eastAsia: '黑体', latin: 'Arial' },
  宋体: { eastAsia: '宋体', latin: 'Times New Roman' },
} as const;
export type FontName = keyof typeof FONTS;

/** One entry of word/fontTable.xml: the face, the face Word and WPS use where it is missing, and its class. */
interface FontTableEntry {
  name: string;
  altName?: string;
  panose: string;
  /** 86 = GB2312, 00 = ANSI. */
  charset: '86' | '00';
  family: 'roman' | 'swiss' | 'modern' | 'auto';
  pitch: 'fixed' | 'variable';
}

/**
 * The font table every form carries. Each official face names the face a PC without it should use (`w:altName`),
 * and the fallback faces are listed too, with their English names: 仿宋_GB2312 → 仿宋 → FangSong,
 * 方正小标宋简体 → 宋体 (小标宋 is rarely installed under another name) → SimSun, 楷体_GB2312 → 楷体 → KaiTi,
 * 黑体 → SimHei. PANOSE and charset let Word pick a similar Chinese face when even the fallback is missing.
 */
export const FONT_TABLE: readonly FontTableEntry[] = [
  { name: '仿宋_GB2312', altName: '仿宋', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '仿宋', altName: 'FangSong', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '方正小标宋简体', altName: '宋体', panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' },
  { name: '楷体_GB2312', altName: '楷体', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '楷体', altName: 'KaiTi', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' },
  { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: 'Times New Roman', panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' },
  { name: 'Arial', panose: '020B0604020202020204', charset: '00', family: 'swiss', pitch: 'variable' },
];

const FONTS_NS =
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** word/fontTable.xml with FONT_TABLE (docx writes an empty one). */
export function fontTableXml(): string {
  const entries = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${f.name}">${f.altName ? `<w:altName w:val="${f.altName}"/>` : ''}<w:panose1 w:val="${f.panose}"/>` +
      `<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts ${FONTS_NS}>${entries}</w:fonts>`;
}

export interface RunFonts {
  ascii: string;
  hAnsi: string;
  eastAsia: string;
  cs: string;
}

export function font(name: FontName): RunFonts {
  const f = FONTS[name];
  return { ascii: f.latin, hAnsi: f.latin, eastAsia: f.eastAsia, cs: f.latin };
}

export interface TextStyle {
  font?: FontName;
  size?: Hao | number;
  bold?: boolean;
}

/** A run of text in the house style (仿宋 小四 unless told otherwise). */
export function run(text: string, style: TextStyle = {}): TextRun {
  return new TextRun({
    text,
    font: font(style.font ?? '仿宋'),
    size: halfPoints(style.size ?? '小四'),
    bold: style.bold,
  });
}

export type Align = 'left' | 'center' | 'right' | 'justify' | 'distribute';
const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.BOTH,
  distribute: AlignmentType.DISTRIBUTE,
} as const;

export interface ParaStyle extends TextStyle {
  align?: Align;
  /** Exact line pitch in points: predictable in Word, WPS and LibreOffice alike (auto spacing depends on the font's metrics). */
  line?: number;
  /** Space before / after the paragraph, points. */
  before?: number;
  after?: number;
  /** Indents in twips; with `hanging`, lines after the first start at `left`; `firstLine` indents the first line only. */
  indent?: { left?: number; right?: number; hanging?: number; firstLine?: number };
  /** One left tab stop, twips from the text's left edge. */
  tab?: number;
  /** Keep on the same page as the next paragraph (headings). */
  keepNext?: boolean;
  /** Widow/orphan control: never one line of the paragraph alone at the foot or head of a page (GB/T 9704 text). */
  widowControl?: boolean;
}

function paragraphProperties(style: ParaStyle) {
  return {
    alignment: ALIGN[style.align ?? 'left'],
    spacing: {
      before: pt(style.before ?? 0),
      after: pt(style.after ?? 0),
      ...(style.line ? { line: pt(style.line), lineRule: LineRuleType.EXACT } : {}),
    },
    ...(style.indent ? { indent: style.indent } : {}),
    ...(style.keepNext ? { keepNext: true } : {}),
    ...(style.widowControl ? { widowControl: true } : {}),
  };
}

function runProperties(style: TextStyle) {
  return { font: font(style.font ?? '仿宋'), size: halfPoints(style.size ?? '小四'), bold: style.bold };
}

/** Runs for text with `\n` as line breaks and `\t` as tabs. */
function textRuns(text: string, props?: ReturnType<typeof runProperties>): TextRun[] {
  // An empty paragraph needs no run (blank cells are most of a form's cells).
  if (text === '') return [];
  return text.split('\n').map((line, i) => {
    const parts = line.split('\t');
    const children = parts.flatMap((part, j) => (j === 0 ? [part] : [new Tab(), part])).filter((c) => c !== '');
    return new TextRun({ children, break: i > 0 ? 1 : undefined, ...props });
  });
}

/** One paragraph of plain text with direct formatting. `\n` breaks the line, `\t` tabs. */
export function para(text: string, style: ParaStyle = {}): Paragraph {
  return new Paragraph({
    children: textRuns(text, runProperties(style)),
    ...paraProps(style),
  });
}

/** Paragraph properties (alignment, exact line pitch, spacing, indent, tab) for paragraphs built from runs. */
export function paraProps(style: ParaStyle): Omit<IParagraphOptions, 'children'> {
  return {
    ...paragraphProperties(style),
    ...(style.tab ? { tabStops: [{ type: 'left' as const, position: style.tab }] } : {}),
  };
}

const FONT_CODE: Record<FontName, string> = { 小标宋: 'Xbs', 仿宋: 'Fs', 楷体: 'Kt', 黑体: 'Ht', 宋体: 'St' };
const ALIGN_NAME: Record<Align, string> = { left: '左', center: '中', right: '右', justify: '齐', distribute: '散' };

/**
 * Named paragraph styles, made on first use: one per combination of font, size, line pitch, alignment, spacing,
 * indent and tab. A form's paragraphs then carry only a style reference instead of full run and paragraph
 * properties — a much smaller document that is quicker to write, and styles a clerk can adjust in Word or WPS.
 */
export class StyleBook {
  private readonly byKey = new Map<string, IParagraphStyleOptions>();

  /** The id of the style for these properties. */
  styleId(style: ParaStyle = {}): string {
    const f = style.font ?? '仿宋';
    const size = halfPoints(style.size ?? '小四');
    const key = JSON.stringify([f, size, style.bold ?? false, style.align ?? 'left', style.line ?? 0, style.before ?? 0, style.after ?? 0, style.indent ?? null, style.tab ?? 0, style.keepNext ?? false, ...(style.widowControl ? ['widow'] : [])]);
    let def = this.byKey.get(key);
    if (!def) {
      const n = this.byKey.size + 1;
      const id = `Cd${FONT_CODE[f]}${size}${n}`;
      const name = `表格 ${f} ${size / 2}磅 ${ALIGN_NAME[style.align ?? 'left']} ${n}`;
      const paragraph = { ...paragraphProperties(style), ...(style.tab ? { leftTabStop: style.tab } : {}) };
      def = { id, name, basedOn: 'Normal', paragraph, run: runProperties(style) };
      this.byKey.set(key, def);
    }
    return def.id;
  }

  /** A paragraph of text in the style for these properties (`\n` breaks the line, `\t` tabs). */
  para(text: string, style: ParaStyle = {}): Paragraph {
    return new Paragraph({ style: this.styleId(style), children: textRuns(text) });
  }

  get paragraphStyles(): IParagraphStyleOptions[] {
    return [...this.byKey.values()];
  }
}

export interface PageSetup {
  orientation?: 'portrait' | 'landscape';
  margins?: Margins;
  /** Distance from the paper's bottom edge to the footer, twips (15 mm unless told). */
  footerDistance?: number;
}

/** A section's page properties: A4, orientation, margins. */
export function a4Page({ orientation = 'portrait', margins = MARGINS_GBT9704, footerDistance = mm(15) }: PageSetup = {}): ISectionOptions['properties'] {
  return {
    page: {
      // docx swaps width and height for landscape itself: always give the portrait dimensions.
      size: { width: A4.width, height: A4.height, orientation: orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
      margin: { ...margins, header: mm(15), footer: footerDistance, gutter: 0 },
    },
  };
}

/** `第 1 页　共 3 页`, centred at the foot of every page (rosters and other forms that run over several pages). */
export function pageNumberFooter(style: TextStyle = { size: '五号' }): Footer {
  const props = runProperties(style);
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ ...props, children: ['第 ', PageNumber.CURRENT, ' 页　共 ', PageNumber.TOTAL_PAGES, ' 页'] })],
      }),
    ],
  });
}

/**
 * GB/T 9704 page numbers: `— 1 —` in 4号 宋体, odd pages at the right and even pages at the left, one character in
 * from the edge of the text block. Two footers (the document must turn on different odd and even footers).
 */
export function officialPageNumberFooters(): { default: Footer; even: Footer } {
  const size = halfPoints('四号');
  const inset = pt(HAO.四号);
  const footer = (alignment: 'right' | 'left') =>
    new Footer({
      children: [
        new Paragraph({
          alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: alignment === 'right' ? { right: inset } : { left: inset },
          children: [new TextRun({ font: font('宋体'), size, children: ['— ', PageNumber.CURRENT, ' —'] })],
        }),
      ],
    });
  return { default: footer('right'), even: footer('left') };
}

export interface DocumentSetup {
  title: string;
  sections: ISectionOptions[];
  /** The named styles the sections' paragraphs use. */
  book?: StyleBook;
  /** Different footers on odd and even pages (GB/T 9704 page numbers). */
  evenAndOddFooters?: boolean;
}

/** A Document with the house defaults: 仿宋 小四, Chinese language tags, no spacing after paragraphs. */
export function houseDocument({ title, sections, book, evenAndOddFooters }: DocumentSetup): Document {
  return new Document({
    title,
    creator: '挂职干部管理系统',
    ...(evenAndOddFooters ? { evenAndOddHeaderAndFooters: true } : {}),
    styles: {
      default: {
        document: {
          run: { font: font('仿宋'), size: halfPoints('小四'), language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
      paragraphStyles: book?.paragraphStyles,
    },
    sections,
  });
}

export function toBuffer(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc);
}
