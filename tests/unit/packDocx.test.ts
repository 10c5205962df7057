import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { CadreInputSchema, type Cadre } from '../../shared/cadre';
import { demoCadres } from '../../electron/demo/demoCadres';
import { packDocx, packDocxPlain, xmlOf } from '../../electron/documents/packDocx';
import { renmianPackage } from '../../electron/documents/renmianForm';
import { renmianViewModelOf } from '../../electron/documents/viewModels/renmianViewModel';
import { portraitJpeg } from '../helpers/makeJpeg';

const vm = () => {
  const data = CadreInputSchema.parse(demoCadres()[0]);
  const cadre: Cadre = { ...data, id: 1, hasPhoto: true, createdAt: '', updatedAt: '', deletedAt: null };
  return renmianViewModelOf(cadre, portraitJpeg(), new Date(2025, 5, 30));
};

/** Every part as text, with what legitimately differs between two packings set aside. */
async function parts(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buffer, { checkCRC32: true });
  const out = new Map<string, string>();
  for (const [path, f] of Object.entries(zip.files)) if (!f.dir) out.set(path, await f.async('string'));
  const rels = out.get('word/_rels/document.xml.rels') ?? '';
  const targets = new Map([...rels.matchAll(/Id="(rId\d+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const byTarget = (xml: string) => xml.replace(/r:embed="(rId\d+)"/g, (_, id) => `r:embed="${targets.get(id)}"`);
  out.set('word/document.xml', byTarget(out.get('word/document.xml')!).replace(/<wp:docPr id="\d+"/g, '<wp:docPr'));
  out.set('word/_rels/document.xml.rels', [...targets.values()].sort().join('\n'));
  out.set('docProps/core.xml', out.get('docProps/core.xml')!.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T'));
  return out;
}

describe('packDocx', () => {
  it('writes the same package as docx’s own Packer, part for part', async () => {
    const fast = await parts(await packDocx(renmianPackage(vm())));
    const plain = await parts(await packDocxPlain(renmianPackage(vm())));
    expect([...fast.keys()].sort()).toEqual([...plain.keys()].sort());
    for (const [path, text] of plain) expect(fast.get(path), path).toBe(text);
    expect(fast.get('word/_rels/document.xml.rels')).toContain('media/image1.jpg');
    expect(fast.get('docProps/core.xml')).toContain('<dc:title>干部任免审批表（李明远）</dc:title>');
  });

  it('writes XML elements as the xml package does', () => {
    expect(xmlOf({ 'w:b': {} })).toBe('<w:b/>');
    expect(xmlOf({ 'w:sz': { _attr: { 'w:val': 24 } } })).toBe('<w:sz w:val="24"/>');
    expect(xmlOf({ 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, 'a<b & "c"'] })).toBe('<w:t xml:space="preserve">a&lt;b &amp; &quot;c&quot;</w:t>');
    expect(xmlOf({ 'w:p': [{ 'w:r': [] }] })).toBe('<w:p><w:r></w:r></w:p>');
    expect(xmlOf({ 'w:t': 'x\u0001y' })).toBe('<w:t>xy</w:t>');
  });
});
