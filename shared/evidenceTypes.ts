/**
 * The kinds of file that may be attached as evidence (佐证材料) of a work result: documents and pictures only.
 * The desktop app opens them with the system viewer, so this is an allow-list — a file of any other kind (a web
 * page, a shortcut, a help file, a disk image, a macro document …) is refused when uploaded and never opened.
 * The upload control's `accept`, the service's check and the desktop shell's check all read it from here.
 */

/** How the first bytes of a file of that kind look (null: plain text, nothing cheap to check). */
type Signature = 'pdf' | 'zip' | 'ole' | 'jpeg' | 'png' | null;

interface EvidenceType {
  /** What the user calls it. */
  label: string;
  signature: Signature;
}

/** Lower-case extension → its kind. */
export const EVIDENCE_TYPES: Readonly<Record<string, EvidenceType>> = {
  pdf: { label: 'PDF 文档', signature: 'pdf' },
  doc: { label: 'Word 97-2003 文档', signature: 'ole' },
  docx: { label: 'Word 文档', signature: 'zip' },
  xls: { label: 'Excel 97-2003 工作簿', signature: 'ole' },
  xlsx: { label: 'Excel 工作簿', signature: 'zip' },
  wps: { label: 'WPS 文字文档', signature: 'ole' },
  et: { label: 'WPS 表格', signature: 'ole' },
  ofd: { label: 'OFD 版式文档', signature: 'zip' },
  jpg: { label: 'JPEG 图片', signature: 'jpeg' },
  jpeg: { label: 'JPEG 图片', signature: 'jpeg' },
  png: { label: 'PNG 图片', signature: 'png' },
  txt: { label: '文本文件', signature: null },
};

/** The accepted extensions, without the dot. */
export const EVIDENCE_EXTENSIONS: readonly string[] = Object.keys(EVIDENCE_TYPES);

/** For `<input type="file" accept=…>` / antd `<Upload accept=…>`: `.pdf,.doc,…`. */
export const EVIDENCE_ACCEPT = EVIDENCE_EXTENSIONS.map((e) => `.${e}`).join(',');

/** What is accepted, in words (for messages and the hint beside the upload button). */
export const EVIDENCE_TYPES_TEXT = 'PDF、Word（.doc .docx）、Excel（.xls .xlsx）、WPS（.wps .et）、OFD、图片（.jpg .png）、文本（.txt）';

/** The lower-case extension of a file name or path, without the dot ('' when none). */
export function evidenceExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Whether a file of this name (or path) is of a kind evidence may be. */
export function isEvidenceFileName(fileName: string): boolean {
  return Object.hasOwn(EVIDENCE_TYPES, evidenceExtension(fileName));
}

/** Why a file may not be attached as evidence by its name, or null. */
export function evidenceTypeRefusal(fileName: string): string | null {
  if (isEvidenceFileName(fileName)) return null;
  const ext = evidenceExtension(fileName);
  return `证据文件：不能上传“${fileName}”（${ext ? `.${ext} 文件` : '没有扩展名'}）。只能上传 ${EVIDENCE_TYPES_TEXT}`;
}

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const SIGNATURES: Record<Exclude<Signature, null>, (bytes: Uint8Array) => boolean> = {
  // Readers accept the header anywhere in the first 1024 bytes.
  pdf: (b) => {
    const head = b.subarray(0, 1024);
    for (let i = 0; i + PDF.length <= head.length; i++) if (startsWith(head.subarray(i), PDF)) return true;
    return false;
  },
  zip: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]),
  ole: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  jpeg: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  png: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
};

/** Whether the first bytes look like a file of the kind `ext` names (false for a kind not on the list). */
export function evidenceContentMatches(ext: string, bytes: Uint8Array): boolean {
  if (!Object.hasOwn(EVIDENCE_TYPES, ext)) return false;
  const { signature } = EVIDENCE_TYPES[ext];
  return !signature || SIGNATURES[signature](bytes);
}

/**
 * Why the content does not fit the name (a web page renamed .pdf, a zip renamed .doc …), or null. Checks the first
 * bytes only; a file of an unknown kind is refused by name first (evidenceTypeRefusal).
 */
export function evidenceContentRefusal(fileName: string, bytes: Uint8Array): string | null {
  if (!isEvidenceFileName(fileName)) return evidenceTypeRefusal(fileName);
  const ext = evidenceExtension(fileName);
  if (evidenceContentMatches(ext, bytes)) return null;
  return `证据文件：“${fileName}”的内容不是${EVIDENCE_TYPES[ext].label}（文件已损坏，或改过扩展名），不能上传。请用原程序另存为 PDF 后再上传`;
}
