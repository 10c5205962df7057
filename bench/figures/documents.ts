import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { CadreInputSchema, type Cadre } from '../../shared/cadre';
import { demoCadres, makeIdNumber } from '../../electron/demo/demoCadres';
import { renmianForm } from '../../electron/documents/renmianForm';
import { renmianViewModelOf, type RenmianViewModel } from '../../electron/documents/viewModels/renmianViewModel';
import { AppServices } from '../../electron/services/AppServices';
import { portraitJpeg } from '../../tests/helpers/makeJpeg';
import { median, p95, timeRuns, type Figure, type FigureLine } from '../Figure';

const BLOCKS = 15;
const PER_BLOCK = 5;
const BATCH = 500;
const TODAY = new Date(2025, 5, 30);

/**
 * The baseline: the same 干部任免审批表 as a docxtemplater template. The template is made by our own form
 * function with {placeholders} for values, so both sides write the same layout, fonts and photo; docxtemplater
 * then only fills text in (simple loops for the family rows, line breaks for 简历).
 */
async function makeTemplate(photo: Buffer): Promise<Buffer> {
  const ph: RenmianViewModel = {
    name: '{name}',
    gender: '{gender}',
    birth: '{birth}',
    nation: '{nation}',
    nativePlace: '{nativePlace}',
    birthPlace: '{birthPlace}',
    partyJoin: '{partyJoin}',
    workStart: '{workStart}',
    health: '{health}',
    techTitle: '{techTitle}',
    expertise: '{expertise}',
    fullTime: { credentials: ['{ftEducation}', '{ftDegree}'], schools: ['{ftSchools}'] },
    partTime: { credentials: ['{ptEducation}', '{ptDegree}'], schools: ['{ptSchools}'] },
    currentPosition: '{currentPosition}',
    proposedPosition: '{proposedPosition}',
    proposedRemoval: '{proposedRemoval}',
    resumeLines: ['{resume}'],
    rewards: '{rewards}',
    annualAssessment: '{annualAssessment}',
    appointmentReason: '{appointmentReason}',
    family: [{ relation: '{#family}{relation}', name: '{name}', age: '{age}', politicalStatus: '{politicalStatus}', workUnitAndPost: '{workUnitAndPost}{/family}' }],
    reportingUnit: '{reportingUnit}',
    fillDate: '{fillDate}',
    formFiller: '{formFiller}',
    photo,
  };
  return renmianForm(ph);
}

function templateData(vm: RenmianViewModel): Record<string, unknown> {
  return {
    ...vm,
    ftEducation: vm.fullTime.credentials[0] ?? '',
    ftDegree: vm.fullTime.credentials[1] ?? '',
    ftSchools: vm.fullTime.schools.join('\n'),
    ptEducation: vm.partTime.credentials[0] ?? '',
    ptDegree: vm.partTime.credentials[1] ?? '',
    ptSchools: vm.partTime.schools.join('\n'),
    resume: vm.resumeLines.join('\n'),
    photo: undefined,
  };
}

function fill(template: Buffer, data: Record<string, unknown>): Buffer {
  const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true });
  doc.render(data);
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Full files (简历, family, photo) for the batch: the demo people under new names and ID numbers. */
async function seed(s: AppServices, n: number, photo: Buffer): Promise<number[]> {
  const demos = demoCadres();
  const ids: number[] = [];
  await s.db.write(async (m) => {
    for (let i = 0; i < n; i++) {
      const d = demos[i % demos.length];
      const birth = `${d.birthDate!.replace('.', '')}${String((i % 28) + 1).padStart(2, '0')}`;
      const data = CadreInputSchema.parse({
        ...d,
        name: `${d.name}${i}`,
        idNumber: makeIdNumber(`61${String(900 + (i % 90)).padStart(4, '0')}`, birth, i % 997, d.gender),
      });
      const saved = await s.cadres.saveWith(m, { actor: 'bench' }, data);
      await s.cadres.setPhotoWith(m, { actor: 'bench' }, saved.id, photo);
      ids.push(saved.id);
    }
  });
  return ids;
}

export const documentsFigure: Figure = {
  name: 'Word 表格生成（干部任免审批表）',
  async run() {
    const photo = portraitJpeg();
    const data = CadreInputSchema.parse(demoCadres()[0]);
    const cadre: Cadre = { ...data, id: 1, hasPhoto: true, createdAt: '', updatedAt: '', deletedAt: null };
    const vm = renmianViewModelOf(cadre, photo, TODAY);
    const template = await makeTemplate(photo);
    const lines: FigureLine[] = [];

    // One form from its view model. Both sides are warmed, then run in alternating blocks; each block's CPU time
    // (process.cpuUsage, which other processes on a busy machine do not inflate) gives the per-form figure,
    // the wall times go with it.
    for (let i = 0; i < 10; i++) {
      await renmianForm(vm);
      fill(template, templateData(vm));
    }
    const ours = { cpu: [] as number[], wall: [] as number[] };
    const theirs = { cpu: [] as number[], wall: [] as number[] };
    const block = async (into: typeof ours, fn: () => Promise<unknown>) => {
      const c0 = process.cpuUsage();
      for (let i = 0; i < PER_BLOCK; i++) into.wall.push(...(await timeRuns(1, fn)));
      const c = process.cpuUsage(c0);
      into.cpu.push((c.user + c.system) / 1000 / PER_BLOCK);
    };
    for (let b = 0; b < BLOCKS; b++) {
      await block(ours, () => renmianForm(vm));
      await block(theirs, async () => fill(template, templateData(vm)));
    }
    for (const x of [ours, theirs]) {
      x.cpu.sort((a, b) => a - b);
      x.wall.sort((a, b) => a - b);
    }
    lines.push({
      label: '一份干部任免审批表（视图模型 → docx，CPU 时间）',
      value: median(ours.cpu),
      baseline: median(theirs.cpu),
      unit: 'ms',
      target: '< 100 ms，且不慢于 docxtemplater 填充同样的模板',
      pass: p95(ours.wall) < 100 && median(ours.cpu) <= median(theirs.cpu),
      detail: `墙钟中位数 ${median(ours.wall).toFixed(1)} ms / p95 ${p95(ours.wall).toFixed(1)} ms（docxtemplater ${median(theirs.wall).toFixed(1)} / ${p95(theirs.wall).toFixed(1)} ms）`,
    });

    // 500 forms straight from the database (file + photo read, view model, docx), with peak memory.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-docs-'));
    const s = await AppServices.open(path.join(dir, 'cadre.db'));
    try {
      const ids = await seed(s, BATCH, photo);
      global.gc?.();
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      let bytes = 0;
      const t0 = performance.now();
      for (const id of ids) {
        const doc = await s.documents.exportRenmian(id, TODAY);
        bytes += doc.buffer.length;
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      const batchMs = performance.now() - t0;
      const t1 = performance.now();
      for (const id of ids) {
        const c = await s.cadres.get(id);
        const p = await s.cadres.getPhoto(id);
        fill(template, templateData(renmianViewModelOf(c, p, TODAY)));
      }
      const baseMs = performance.now() - t1;
      const peakMb = peak / 1024 / 1024;
      lines.push({
        label: `${BATCH} 份干部任免审批表（读库 + 生成）`,
        value: batchMs,
        baseline: baseMs,
        unit: 'ms',
        target: `< 30 s，峰值内存 < 500 MB`,
        pass: batchMs < 30_000 && peakMb < 500,
        detail: `峰值 RSS ${peakMb.toFixed(0)} MB（开始时 ${(rss0 / 1024 / 1024).toFixed(0)} MB），平均每份 ${(bytes / BATCH / 1024).toFixed(0)} KB`,
      });
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return lines;
  },
};
