import type { Batch } from '../../../shared/batch';
import type { Cadre } from '../../../shared/cadre';
import { conflict } from '../../../shared/errors';
import { GROWTH_STAGES, type GrowthStage } from '../../../shared/growth';
import type { PostingDetail } from '../../../shared/posting';
import { checkIdNumber } from '../../../shared/validators/idNumber';
import { dayOf } from '../../../shared/validators/yearMonth';
import type { AppServices } from '../../services/AppServices';
import { isDraftState } from '../draftMark';
import { chineseDate, formatScore, scoreText, unitAndPost } from '../formatting';
import { paragraphsOf } from './appraisalViewModel';
import { readPrintedEvaluations, type PrintedEvaluation } from './growthReportData';
import { originalPostOf, printedPosting, type PostingRef } from './printedPosting';

/** One line of the stage-score table. */
export interface GrowthPeriodRowVm {
  period: string;
  /** The four stage scores, `68.5` ('' when not scored): formatScore, as everywhere a score is printed. */
  scores: string[];
  total: string;
  /** 达到阶段, with ＊ when some rater was missing (weights renormalised). */
  reached: string;
}

export interface GrowthStageVm {
  stage: GrowthStage;
  /** `（一）学习者阶段` */
  heading: string;
  /** What the stage means (the template's description). */
  description: string;
  /** When it was first reached and the latest score, or how far it is from the pass mark. */
  achievement: string;
  /** The evaluator's text (阶段评语) from the latest evaluation that has one. */
  narrative: string[];
  /** 佐证材料, numbered. */
  evidence: string[];
}

/** Everything the 成长评价报告 prints, already worded. */
export interface GrowthReportViewModel {
  name: string;
  title: string;
  subtitle: string;
  intro: string;
  basicInfo: string;
  scoreIntro: string;
  periods: GrowthPeriodRowVm[];
  /** Notes under the table (＊, evaluations not yet reviewed). */
  scoreNotes: string[];
  chart: { periods: string[]; series: (number | null)[][]; threshold: number | null };
  chartIntro: string;
  stages: GrowthStageVm[];
  conclusion: string[];
  /** 署名: the organisation department ('' leaves room for the seal only). */
  issuer: string;
  /** 成文日期 `2026年11月30日` */
  date: string;
  /** The evaluation the report concludes on (the latest scored one) is not archived yet: the 草稿 mark. */
  draft?: boolean;
}

export interface GrowthReportSources {
  cadre: Cadre;
  posting: PostingDetail;
  batch: Batch | null;
  /** The posting's evaluations in period order, with narratives and evidence. */
  evaluations: readonly PrintedEvaluation[];
}

const NUMERALS = ['一', '二', '三', '四'];
const evaluationName = (period: string) => `${period}评价`;

function chineseMonth(ym: string): string {
  const m = /^(\d{4})\.(\d{2})/.exec(ym);
  return m ? `${m[1]}年${Number(m[2])}月` : '';
}

function basicInfo(c: Cadre, p: PostingDetail): string {
  const id = c.birthDate ? null : checkIdNumber(c.idNumber);
  const birth = c.birthDate || (id?.ok ? id.info.birthYearMonth : '');
  const education = c.ftEducation || c.ptEducation;
  const first = [c.name, c.gender, c.nation, birth && `${chineseMonth(birth)}出生`, c.politicalStatus, education && `${education}学历`].filter(Boolean).join('，');
  const original = originalPostOf(p, c);
  const host = unitAndPost(p.hostUnit, p.hostPost);
  const end = p.actualEndDate || p.plannedEndDate;
  const span = p.startDate ? `${chineseMonth(p.startDate)}至${end ? chineseMonth(end) : '今'}` : '';
  const batch = p.batchName ? `作为${p.batchName}` : '';
  const posting = [span, batch, host && `挂任${host}`].filter(Boolean).join('，');
  return `${first}。${original ? `挂职前任${original}。` : ''}${posting ? `${posting}。` : ''}`;
}

/** The organisation writing the report: the sending side's for a posting sent out, the receiving side's else. */
function issuerOf(c: Cadre, p: PostingDetail, batch: Batch | null): string {
  const org = batch ? (p.direction === '接收' ? batch.receivingOrg : batch.dispatchingOrg) : '';
  return org || c.reportingUnit;
}

export function growthReportViewModelOf(src: GrowthReportSources, today: Date = new Date()): GrowthReportViewModel {
  const { cadre: c, posting: p } = src;
  const scored = src.evaluations.filter((e) => e.result.scored);
  if (scored.length === 0) throw conflict('该干部的成长评价还没有完成评分，无法生成成长评价报告');
  const latest = scored[scored.length - 1];
  const first = scored[0];
  const threshold = latest.result.threshold;
  const thresholds = new Set(scored.map((e) => e.result.threshold));

  const periods: GrowthPeriodRowVm[] = scored.map((e) => ({
    period: e.period,
    scores: e.result.stageScores.map((s) => formatScore(s.score)),
    total: formatScore(e.result.total),
    reached: `${e.result.reachedLabel}${e.result.partial ? '＊' : ''}`,
  }));
  const notes: string[] = [];
  const partial = scored.filter((e) => e.result.partial);
  if (partial.length)
    notes.push(`＊${partial.map((e) => `${e.period}（${e.result.missingRaters.join('、')}未评分）`).join('；')}：按已评分主体的权重折算。`);
  const unreviewed = scored.filter((e) => e.state === '草稿' || e.state === '已提交');
  if (unreviewed.length) notes.push(`${unreviewed.map((e) => `${e.period}评价${e.state === '草稿' ? '尚为草稿' : '尚未审核'}`).join('；')}，其得分以审核结果为准。`);
  if (thresholds.size > 1) notes.push(`各次评价所用模板的达标分数线不同（${[...thresholds].map(scoreText).join('、')}），以各次评价的分数线判定。`);

  const template = latest.template;
  const stages: GrowthStageVm[] = GROWTH_STAGES.map((stage, k) => {
    const reachedAt = scored.find((e) => e.result.reachedLevel >= k + 1);
    const now = latest.result.stageScores[k]?.score ?? null;
    let achievement: string;
    if (latest.result.reachedLevel >= k + 1 && reachedAt) {
      const then = reachedAt.result.stageScores[k]?.score ?? null;
      achievement =
        reachedAt.id === latest.id
          ? `${evaluationName(latest.period)}达到本阶段标准，得分${scoreText(now)}。`
          : `${evaluationName(reachedAt.period)}首次达到本阶段标准（得分${scoreText(then)}），${evaluationName(latest.period)}得分${scoreText(now)}。`;
    } else if (now !== null && now >= threshold) {
      achievement = `${evaluationName(latest.period)}本阶段得分${scoreText(now)}，但前一阶段尚未达标，按逐级达到的规则暂不计入。`;
    } else {
      achievement = `${evaluationName(latest.period)}本阶段得分${scoreText(now ?? 0)}，距${scoreText(threshold)}的达标线尚差${scoreText(threshold - (now ?? 0))}。`;
    }
    const withNarrative = [...scored].reverse().find((e) => e.narratives[stage]?.trim());
    const seen = new Set<string>();
    const evidence: string[] = [];
    for (const e of scored) {
      for (const l of e.evidence) {
        if (!l.indicatorCode.startsWith(`${k + 1}.`)) continue;
        const key = `${l.refKind}:${l.refId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const note = l.note ? `，${l.note}` : '';
        evidence.push(`${evidence.length + 1}．${l.label}（${l.indicatorName}${note}）${l.exists ? '' : '（原记录已删除）'}`);
      }
    }
    return {
      stage,
      heading: `（${NUMERALS[k]}）${stage}阶段`,
      description: template.stages[k]?.stageDescription ?? '',
      achievement,
      narrative: withNarrative ? paragraphsOf(withNarrative.narratives[stage]) : [],
      evidence,
    };
  });

  const level = latest.result.reachedLevel;
  const conclusion: string[] = [];
  const reachedText = level === 0 ? '尚未达到“学习者”阶段标准' : `已达到“${latest.result.reachedLabel}”阶段${level === 4 ? '，完成了从学习者到传递者的转变' : ''}`;
  conclusion.push(
    `综合挂职期间${scored.length}次成长评价，${c.name}同志在${evaluationName(latest.period)}中综合得分${scoreText(latest.result.total)}，${reachedText}。` +
      (scored.length > 1
        ? `从${evaluationName(first.period)}的“${first.result.reachedLabel}”到${evaluationName(latest.period)}的“${latest.result.reachedLabel}”，` +
          (latest.result.stageScores.every((s, k) => (s.score ?? 0) >= (first.result.stageScores[k]?.score ?? 0)) ? '四个阶段得分均有提高。' : '各阶段得分有升有降。')
        : ''),
  );
  for (const r of latest.ratings) if (r.rater !== '本人' && r.comment.trim()) conclusion.push(`${r.rater}评价：${r.comment.trim()}`);

  const end = p.actualEndDate || p.plannedEndDate;
  return {
    name: c.name,
    title: `${c.name}同志挂职锻炼成长评价报告`,
    subtitle: '——从学习者到传递者',
    intro:
      `按照“学习者、参与者、践行者、传递者”四个阶段的成长评价办法（评价模板第${template.version}版），` +
      `对${c.name}同志${p.hostUnit ? `在${p.hostUnit}` : ''}挂职期间（${p.startDate ? chineseDate(p.startDate) : ''}至${end ? chineseDate(end) : '今'}）的成长情况评价如下。`,
    basicInfo: basicInfo(c, p),
    scoreIntro: `挂职期间共完成${scored.length}次成长评价，各阶段得分如下（满分${scoreText(100)}，达标分数线${scoreText(threshold)}；逐级达到，即本阶段及之前各阶段均达标方为达到本阶段）。`,
    periods,
    scoreNotes: notes,
    chart: { periods: scored.map((e) => e.period), series: GROWTH_STAGES.map((_, k) => scored.map((e) => e.result.stageScores[k]?.score ?? null)), threshold },
    chartIntro: `各阶段得分随评价时段的变化见图1（虚线为${scoreText(threshold)}达标线）。`,
    stages,
    conclusion,
    issuer: issuerOf(c, p, src.batch),
    date: chineseDate(dayOf(today)),
    draft: isDraftState(latest.state),
  };
}

/** Reads the posting (the cadre's latest, or the one given), its batch and its evaluations: a constant number of queries. */
export async function readGrowthReportSources(s: AppServices, ref: PostingRef): Promise<GrowthReportSources> {
  const { cadre, posting } = await printedPosting(s, ref, '成长评价报告');
  const [evaluations, batch] = await Promise.all([
    readPrintedEvaluations(s, posting.id),
    posting.batchId === null ? Promise.resolve(null) : s.batches.resolve(posting.batchId),
  ]);
  if (evaluations.length === 0) throw conflict('该干部的这段挂职还没有成长评价，无法生成成长评价报告');
  return { cadre, posting, batch, evaluations };
}

export async function buildGrowthReportViewModel(s: AppServices, ref: PostingRef, today: Date = new Date()): Promise<GrowthReportViewModel> {
  return growthReportViewModelOf(await readGrowthReportSources(s, ref), today);
}
