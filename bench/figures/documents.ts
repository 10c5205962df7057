import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { RECORD_INPUT_SCHEMAS } from '../../shared/assessment';
import { BatchInputSchema } from '../../shared/batch';
import { CadreInputSchema, type Cadre } from '../../shared/cadre';
import { LeaveInputSchema } from '../../shared/leave';
import { WorkResultInputSchema } from '../../shared/ledger';
import { appraisalForm } from '../../electron/documents/appraisalForm';
import { appraisalViewModelOf, readAppraisalSources, type AppraisalViewModel } from '../../electron/documents/viewModels/appraisalViewModel';
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

/**
 * One form from its view model against docxtemplater filling the same template. Both sides are warmed, then run in
 * alternating blocks; each block's CPU time (process.cpuUsage, which other processes on a busy machine do not inflate)
 * gives the per-form figure, the wall times go with it.
 */
async function singleFormLine(label: string, ours: () => Promise<unknown>, theirs: () => unknown): Promise<FigureLine> {
  for (let i = 0; i < 10; i++) {
    await ours();
    theirs();
  }
  const mine = { cpu: [] as number[], wall: [] as number[] };
  const base = { cpu: [] as number[], wall: [] as number[] };
  const block = async (into: typeof mine, fn: () => Promise<unknown>) => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < PER_BLOCK; i++) into.wall.push(...(await timeRuns(1, fn)));
    const c = process.cpuUsage(c0);
    into.cpu.push((c.user + c.system) / 1000 / PER_BLOCK);
  };
  for (let b = 0; b < BLOCKS; b++) {
    await block(mine, ours);
    await block(base, async () => theirs());
  }
  for (const x of [mine, base]) {
    x.cpu.sort((a, b) => a - b);
    x.wall.sort((a, b) => a - b);
  }
  return {
    label,
    value: median(mine.cpu),
    baseline: median(base.cpu),
    unit: 'ms',
    target: '< 100 ms，且不慢于 docxtemplater 填充同样的模板',
    pass: p95(mine.wall) < 100 && median(mine.cpu) <= median(base.cpu),
    detail: `墙钟中位数 ${median(mine.wall).toFixed(1)} ms / p95 ${p95(mine.wall).toFixed(1)} ms（docxtemplater ${median(base.wall).toFixed(1)} / ${p95(base.wall).toFixed(1)} ms）`,
  };
}

/**
 * `count` forms exported one by one, with peak memory, against `baseline` (the same reads filled in by docxtemplater).
 * `perFormMs` adds the time per form to the detail.
 */
async function batchExportLine<T>(
  label: string,
  count: number,
  items: readonly T[],
  exportOne: (item: T) => Promise<{ buffer: Buffer }>,
  baseline: () => Promise<void>,
  perFormMs = false,
): Promise<FigureLine> {
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  let bytes = 0;
  const t0 = performance.now();
  for (const item of items) {
    const doc = await exportOne(item);
    bytes += doc.buffer.length;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const batchMs = performance.now() - t0;
  const t1 = performance.now();
  await baseline();
  const baseMs = performance.now() - t1;
  const peakMb = peak / 1024 / 1024;
  return {
    label,
    value: batchMs,
    baseline: baseMs,
    unit: 'ms',
    target: '< 30 s，峰值内存 < 500 MB',
    pass: batchMs < 30_000 && peakMb < 500,
    detail:
      `峰值 RSS ${peakMb.toFixed(0)} MB（开始时 ${(rss0 / 1024 / 1024).toFixed(0)} MB），平均每份 ${(bytes / count / 1024).toFixed(0)} KB` +
      (perFormMs ? `，每份 ${(batchMs / count).toFixed(1)} ms` : ''),
  };
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

    // One form from its view model.
    lines.push(await singleFormLine('一份干部任免审批表（视图模型 → docx，CPU 时间）', () => renmianForm(vm), () => fill(template, templateData(vm))));

    // 500 forms straight from the database (file + photo read, view model, docx), with peak memory.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-docs-'));
    const s = await AppServices.open(path.join(dir, 'cadre.db'));
    try {
      const ids = await seed(s, BATCH, photo);
      lines.push(
        await batchExportLine(
          `${BATCH} 份干部任免审批表（读库 + 生成）`,
          BATCH,
          ids,
          (id) => s.documents.exportRenmian(id, TODAY),
          async () => {
            for (const id of ids) {
              const c = await s.cadres.get(id);
              const p = await s.cadres.getPhoto(id);
              fill(template, templateData(renmianViewModelOf(c, p, TODAY)));
            }
          },
        ),
      );
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return lines;
  },
};

// ---- 挂职干部考核鉴定表 ------------------------------------------------------------------------------------------

const APPRAISAL_BATCH = 500;
const TODAY_APPRAISAL = new Date(2026, 10, 30);

/** The same 考核鉴定表 as a docxtemplater template, made by our own form with {placeholders} (loops for paragraphs). */
function appraisalTemplate(photo: Buffer): Promise<Buffer> {
  const loop = (name: string) => [`{#${name}}{.}{/${name}}`];
  const ph: AppraisalViewModel = {
    name: '{name}',
    gender: '{gender}',
    birth: '{birth}',
    nation: '{nation}',
    politicalStatus: '{politicalStatus}',
    education: '{education}',
    photo,
    originalPost: '{originalPost}',
    hostPost: '{hostPost}',
    term: '{term}',
    batchName: '{batchName}',
    annual: '{annual}',
    onPost: '{onPost}',
    selfSummary: loop('selfSummary'),
    results: loop('results'),
    votes: ['优秀', '称职', '基本称职', '不称职', '弃权', '有效票'].map((label, i) => ({ label, value: `{v${i}}` })),
    excellentRate: '{excellentRate}',
    competentRate: '{competentRate}',
    assessmentDate: '{assessmentDate}',
    finalGrade: '{finalGrade}',
    hostOpinion: loop('hostOpinion'),
    dispatchOpinion: loop('dispatchOpinion'),
    orgOpinion: loop('orgOpinion'),
  };
  return appraisalForm(ph);
}

function appraisalData(vm: AppraisalViewModel): Record<string, unknown> {
  return { ...vm, ...Object.fromEntries(vm.votes.map((v, i) => [`v${i}`, v.value])), photo: undefined };
}

/** A posting as the form sees it: a year-long term, its 期满考核, two results, a leave entry. */
async function seedAppraisals(s: AppServices, n: number, photo: Buffer): Promise<{ batchId: number; cadreIds: number[]; postingIds: number[] }> {
  const demos = demoCadres();
  const ctx = { actor: 'bench' };
  return s.db.write(async (m) => {
    const batch = await s.batches.saveWith(
      m,
      ctx,
      BatchInputSchema.parse({ name: '基准测试批次', type: '东西部协作/对口支援', direction: '派出', dispatchingOrg: '中共安康市委组织部', startDate: '2025.12.01', endDate: '2026.11.30' }),
    );
    const cadreIds: number[] = [];
    for (let i = 0; i < n; i++) {
      const d = demos[i % demos.length];
      const birth = `${d.birthDate!.replace('.', '')}${String((i % 28) + 1).padStart(2, '0')}`;
      const data = CadreInputSchema.parse({ ...d, name: `${d.name}${i}`, idNumber: makeIdNumber(`61${String(900 + (i % 90)).padStart(4, '0')}`, birth, i % 997, d.gender) });
      const saved = await s.cadres.saveWith(m, ctx, data);
      await s.cadres.setPhotoWith(m, ctx, saved.id, photo);
      cadreIds.push(saved.id);
    }
    const added = await s.batches.addMembersWith(
      m,
      ctx,
      batch.id,
      cadreIds.map((cadreId, i) => ({ cadreId, hostUnit: `常州市第${(i % 7) + 1}区商务局`, hostPost: '副局长（挂职）', status: '在岗' as const })),
    );
    const postingIds = cadreIds.map((id) => added.added.find((a) => a.cadreId === id)!.postingId);
    for (const postingId of postingIds) {
      await s.assessments.saveWith(m, ctx, 'term', RECORD_INPUT_SCHEMAS.term.parse({
        postingId,
        assessmentDate: '2026.11.20',
        selfSummary: SELF_SUMMARY,
        votes: { excellent: 26, competent: 9, basic: 1, incompetent: 0, abstain: 1 },
        hostOpinion: '该同志政治立场坚定，工作认真负责，挂职期间表现优秀，同意鉴定为优秀。',
        dispatchOpinion: '同意挂职单位鉴定意见。',
        orgOpinion: '经研究，期满考核确定为优秀等次。',
        finalGrade: '优秀',
      }));
      await s.assessments.saveWith(m, ctx, 'annual', RECORD_INPUT_SCHEMAS.annual.parse({ postingId, year: 2026, grade: '优秀' }));
      await s.ledger.saveWith(m, ctx, WorkResultInputSchema.parse({ postingId, category: '招商引资', title: '促成智能装备生产基地落地', date: '2026.06.18', amount: 4000 }));
      await s.ledger.saveWith(m, ctx, WorkResultInputSchema.parse({ postingId, category: '活动组织', title: '产业合作对接会', date: '2026.05.22', quantity: 3, quantityUnit: '场' }));
      await s.leave.saveWith(m, ctx, LeaveInputSchema.parse({ postingId, leaveType: '事假', startDate: '2026.04.03', endDate: '2026.04.05', approvedBy: '工作组组长' }));
    }
    return { batchId: batch.id, cadreIds, postingIds };
  });
}

const SELF_SUMMARY = [
  '挂职一年来，我坚持把学习作为第一要务，认真学习挂职单位在招商引资、营商环境建设、产业协作等方面的先进理念和做法，主动融入挂职单位，积极参与重点工作，圆满完成了挂职任务。',
  '一是加强学习，转变角色。到岗后第一时间熟悉分管工作和单位规章制度，走访处室和重点企业二十余家，制定挂职期间个人工作计划。',
  '二是主动作为，推动合作。围绕区域协作项目对接，牵头推进共建产业园纳入年度协作计划，协调两地部门完成项目前期对接，撰写调研报告一篇。',
  '三是严守纪律，树好形象。严格遵守工作组各项管理制度，按时参加临时党支部组织生活。',
].join('\n');

export const appraisalDocumentsFigure: Figure = {
  name: 'Word 表格生成（挂职干部考核鉴定表）',
  async run() {
    const photo = portraitJpeg();
    const lines: FigureLine[] = [];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-appraisal-'));
    const s = await AppServices.open(path.join(dir, 'cadre.db'));
    try {
      const { batchId, cadreIds, postingIds } = await seedAppraisals(s, APPRAISAL_BATCH, photo);
      const template = await appraisalTemplate(photo);
      const sources = await readAppraisalSources(s, { postingId: postingIds[0] }, TODAY_APPRAISAL);
      const vm = appraisalViewModelOf(sources);

      // One form from its view model, CPU time per block as for the 任免审批表 (alternating, both sides warmed).
      lines.push(await singleFormLine('一份挂职干部考核鉴定表（视图模型 → docx，CPU 时间）', () => appraisalForm(vm), () => fill(template, appraisalData(vm))));

      // A batch export of 500 members, the way the UI asks for it: member by member through the batch-member path
      // (posting lookup, records, on-post days, results, photo, view model, docx), with peak memory.
      lines.push(
        await batchExportLine(
          `${APPRAISAL_BATCH} 份挂职干部考核鉴定表（批量导出，逐人读库 + 生成）`,
          APPRAISAL_BATCH,
          cadreIds,
          (cadreId) => s.documents.exportMemberForm(batchId, cadreId, 'appraisal', TODAY_APPRAISAL),
          // Baseline: the same reads, filled into the template by docxtemplater.
          async () => {
            for (const postingId of postingIds) fill(template, appraisalData(appraisalViewModelOf(await readAppraisalSources(s, { postingId }, TODAY_APPRAISAL))));
          },
          true,
        ),
      );
    } finally {
      await s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return lines;
  },
};

