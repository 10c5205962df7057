import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { appraisalPackage } from '../../electron/documents/appraisalForm';
import { DRAFT_MARK, DRAFT_NOTE, isDraftState } from '../../electron/documents/draftMark';
import { packDocx, packDocxPlain } from '../../electron/documents/packDocx';
import type { AppraisalViewModel } from '../../electron/documents/viewModels/appraisalViewModel';
import { portraitJpeg } from '../helpers/makeJpeg';

/** The 草稿 mark: a header on every page, written by the fast packer exactly as by docx's own Packer. */

const vm = (draft: boolean): AppraisalViewModel => ({
  name: '王某某',
  gender: '男',
  birth: '1985.03',
  nation: '汉族',
  politicalStatus: '中共党员',
  education: '大学',
  photo: portraitJpeg(),
  originalPost: '某市发展和改革委员会副主任',
  hostPost: '某区商务局副局长（挂职）',
  term: '2025.12.01—2026.11.30',
  batchName: '某市第1批挂职干部',
  annual: '',
  onPost: '',
  selfSummary: ['挂职一年来，我坚持把学习作为第一要务。'],
  results: [],
  votes: ['优秀', '称职', '基本称职', '不称职', '弃权', '有效票'].map((label) => ({ label, value: '' })),
  excellentRate: '',
  competentRate: '',
  assessmentDate: '',
  finalGrade: '',
  hostOpinion: [],
  dispatchOpinion: [],
  orgOpinion: [],
  draft,
});

async function parts(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buffer, { checkCRC32: true });
  const out = new Map<string, string>();
  for (const [path, f] of Object.entries(zip.files)) if (!f.dir) out.set(path, await f.async('string'));
  const rels = out.get('word/_rels/document.xml.rels') ?? '';
  const targets = new Map([...rels.matchAll(/Id="(rId\d+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const byTarget = (xml: string) => xml.replace(/r:(embed|id)="(rId\d+)"/g, (_, a, id) => `r:${a}="${targets.get(id)}"`).replace(/<wp:docPr id="\d+"/g, '<wp:docPr');
  out.set('word/document.xml', byTarget(out.get('word/document.xml')!));
  out.set('word/_rels/document.xml.rels', [...targets.values()].sort().join('\n'));
  out.set('docProps/core.xml', out.get('docProps/core.xml')!.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T'));
  return out;
}

describe('the 草稿 mark', () => {
  it('marks records not archived yet, and neither archived records nor blank forms', () => {
    expect(['草稿', '已提交', '已审核'].map(isDraftState)).toEqual([true, true, true]);
    expect([isDraftState('已归档'), isDraftState(null), isDraftState('')]).toEqual([false, false, false]);
  });

  it('is a header part on every page, packed the fast way as docx’s Packer packs it; a clean form has none', async () => {
    // Draft, clean and draft again: the two shells do not leak into each other.
    for (const draft of [true, false, true]) {
      const fast = await parts(await packDocx(appraisalPackage(vm(draft))));
      const plain = await parts(await packDocxPlain(appraisalPackage(vm(draft))));
      expect([...fast.keys()].sort()).toEqual([...plain.keys()].sort());
      for (const [path, text] of plain) expect(fast.get(path), `${draft} ${path}`).toBe(text);
      const headers = [...fast.keys()].filter((k) => /^word\/header\d+\.xml$/.test(k));
      expect(headers).toHaveLength(draft ? 1 : 0);
      const doc = fast.get('word/document.xml')!;
      expect(doc.includes('<w:headerReference w:type="default"')).toBe(draft);
      if (draft) {
        const header = fast.get(headers[0])!;
        expect(header).toContain(DRAFT_MARK);
        expect(header).toContain(DRAFT_NOTE);
        expect(header).toContain('w:color w:val="808080"');
        expect(fast.get('[Content_Types].xml')).toContain('/word/header1.xml');
      }
      expect(doc).not.toContain(DRAFT_MARK);
    }
  });
});
