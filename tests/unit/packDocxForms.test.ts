import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { appraisalPackage } from '../../electron/documents/appraisalForm';
import { packDocx, packDocxPlain } from '../../electron/documents/packDocx';
import type { AppraisalViewModel } from '../../electron/documents/viewModels/appraisalViewModel';
import { portraitJpeg } from '../helpers/makeJpeg';

/** The fast packer reuses one document shell per page setup: every form it packs must still equal docx's own packing. */

const vm = (name: string, photo: Buffer | null): AppraisalViewModel => ({
  name,
  gender: '男',
  birth: '1985.03',
  nation: '汉族',
  politicalStatus: '中共党员',
  education: '大学',
  photo,
  originalPost: '安康市发展和改革委员会副主任',
  hostPost: '常州市发展和改革委员会区域协作处副处长（挂职）',
  term: '2025.12.01—2026.11.30',
  batchName: '安康市第7批赴常州挂职干部',
  annual: '2026年度优秀',
  onPost: '在岗358天，占98.1%',
  selfSummary: ['挂职一年来，我坚持把学习作为第一要务。', '今后，我将把挂职期间学到的好经验好做法带回安康。'],
  results: ['招商引资2项，签约资金5500万元：促成常州某智能装备有限公司在安康设立生产基地。'],
  votes: ['优秀', '称职', '基本称职', '不称职', '弃权', '有效票'].map((label, i) => ({ label, value: String(i) })),
  excellentRate: '70.3%',
  competentRate: '94.6%',
  assessmentDate: '2026.11.20',
  finalGrade: '优秀',
  hostOpinion: ['同意鉴定为优秀。'],
  dispatchOpinion: ['同意挂职单位鉴定意见。'],
  orgOpinion: ['经研究，期满考核确定为优秀等次。'],
});

async function parts(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buffer, { checkCRC32: true });
  const out = new Map<string, string>();
  for (const [path, f] of Object.entries(zip.files)) if (!f.dir) out.set(path, await f.async('string'));
  const rels = out.get('word/_rels/document.xml.rels') ?? '';
  const targets = new Map([...rels.matchAll(/Id="(rId\d+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  out.set('word/document.xml', out.get('word/document.xml')!.replace(/r:embed="(rId\d+)"/g, (_, id) => `r:embed="${targets.get(id)}"`).replace(/<wp:docPr id="\d+"/g, '<wp:docPr'));
  out.set('word/_rels/document.xml.rels', [...targets.values()].sort().join('\n'));
  out.set('docProps/core.xml', out.get('docProps/core.xml')!.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T'));
  return out;
}

describe('packDocx over a shared page shell', () => {
  it('packs one form after another exactly as docx’s Packer does, each with only its own photo', async () => {
    for (const [name, photo] of [['李明远', portraitJpeg()], ['刘思源', null], ['卢佳宁', portraitJpeg()]] as const) {
      const fast = await parts(await packDocx(appraisalPackage(vm(name, photo))));
      const plain = await parts(await packDocxPlain(appraisalPackage(vm(name, photo))));
      expect([...fast.keys()].sort()).toEqual([...plain.keys()].sort());
      for (const [path, text] of plain) expect(fast.get(path), `${name} ${path}`).toBe(text);
      expect(fast.get('word/document.xml')).toContain(name);
      expect([...fast.keys()].filter((k) => k.startsWith('word/media/'))).toHaveLength(photo ? 1 : 0);
    }
  });
});
