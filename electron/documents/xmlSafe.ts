import JSZip from 'jszip';
import { hasXmlIllegal, xmlSafeText } from '../../shared/text';

/**
 * The last line before a document is written: no character XML 1.0 forbids (C0 controls but tab/line feed/carriage
 * return, U+FFFE, U+FFFF, unpaired surrogates) reaches a .docx part — one of them and Word and LibreOffice refuse
 * the whole file. Imports and the API already take them out; this is for text stored before they did.
 */
export { hasXmlIllegal, xmlSafeText };

const XML_PART = /\.(xml|rels)$/i;

/**
 * The .docx with every XML part cleaned; the same buffer when no part needed it. For documents docx's own Packer
 * writes (its escaping drops C0 controls but not U+FFFE/U+FFFF); the fast path cleans as it escapes.
 */
export async function xmlSafeDocx(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  let dirty = false;
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name];
    if (f.dir || !XML_PART.test(name)) continue;
    const xml = await f.async('string');
    if (!hasXmlIllegal(xml)) continue;
    zip.file(name, xmlSafeText(xml));
    dirty = true;
  }
  return dirty ? zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } }) : docx;
}
