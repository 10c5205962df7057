import { safeFileNamePart } from './documentFileName';

/**
 * What the desktop shell offers the page besides the API contract: opening a generated Word file with the system's
 * default program (WPS or Word, the printer of record on office PCs). The preload exposes it as `window.cadreDeskShell`;
 * the browser host has none, and the page downloads the file instead.
 */
export interface CadreDeskShell {
  /** Saves the file to a temporary folder and opens it; a refusal or failure comes back as a Chinese message. */
  openDocument(fileName: string, base64: string): Promise<OpenDocumentResult>;
}

export type OpenDocumentResult = { ok: true } | { ok: false; message: string };

/** The IPC channel behind `openDocument`, handled in electron/shell (not a contract channel: no service is involved). */
export const OPEN_DOCUMENT_CHANNEL = 'cadre-desk:open-document';

/** Largest file `openDocument` accepts, bytes (a batch's 花名册 is well under 1 MB). */
export const OPEN_DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * The name the temporary copy gets: the document's own name made safe for every file system, always ending in
 * `.docx` (only Word documents are opened this way, so no other kind of file can be launched through it).
 */
export function openDocumentFileName(fileName: string): string {
  const base = safeFileNamePart(String(fileName).replace(/^.*[\\/]/, '').replace(/\.docx$/i, ''));
  return `${base || '文档'}.docx`;
}
