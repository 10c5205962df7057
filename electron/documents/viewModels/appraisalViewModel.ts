import type { AnnualAssessment, TermAssessment } from '../../../shared/assessment';
import type { Cadre } from '../../../shared/cadre';
import { VOTE_COLUMNS } from '../../../shared/democraticVote';
import type { PostingOnPost } from '../../../shared/leave';
import type { ResultLedger } from '../../../shared/ledger';
import { formatPercent } from '../../../shared/onPost';
import type { PostingDetail } from '../../../shared/posting';
import { checkIdNumber } from '../../../shared/validators/idNumber';
import { dayOf } from '../../../shared/validators/yearMonth';
import type { AppServices } from '../../services/AppServices';
import { isDraftState } from '../draftMark';
import { dayRange, gradeAsPrinted } from '../formatting';
import { originalPostOf, printedPosting, type PostingRef } from './printedPosting';
import { resultLines } from './resultLines';
import { unitAndPost } from '../formatting';

/** One cell pair of the 民主测评 rows: 优秀 / 26. */
export interface VoteCellVm {
  label: string;
  value: string;
}

/** Everything the 挂职干部考核鉴定表 prints, already formatted as on paper. */
export interface AppraisalViewModel {
  name: string;
  gender: string;
  /** `1985.03` */
  birth: string;
  nation: string;
  politicalStatus: string;
  education: string;
  photo: Buffer | null;
  /** 原单位及职务 (at the time of the posting; the file's current post when the posting has none) */
  originalPost: string;
  /** 挂职单位及职务 */
  hostPost: string;
  /** `2025.12.01—2026.11.30` */
  term: string;
  batchName: string;
  /** `2026年度优秀` lines joined with `；` ('' when none is confirmed) */
  annual: string;
  /** `在岗352天，占96.4%` ('' while the posting has no days) */
  onPost: string;
  /** 本人总结, one paragraph per line ([] leaves the cell blank for writing by hand). */
  selfSummary: string[];
  /** 工作实绩, one line per category. */
  results: string[];
  /** The VOTE_COLUMNS (优秀 … 弃权) in their order, then 有效票, with their counts ('' when no vote is recorded). */
  votes: VoteCellVm[];
  excellentRate: string;
  competentRate: string;
  /** 考核日期 `2026.11.20` */
  assessmentDate: string;
  /** 期满考核等次 */
  finalGrade: string;
  hostOpinion: string[];
  dispatchOpinion: string[];
  orgOpinion: string[];
  /** The 期满考核 is not archived yet: the form carries the 草稿 mark (a form without one is blank, unmarked). */
  draft?: boolean;
}

/** The parts the view model is made of (read by `buildAppraisalViewModel`; tests and the bench pass their own). */
export interface AppraisalSources {
  cadre: Cadre;
  photo: Buffer | null;
  posting: PostingDetail;
  annual: readonly AnnualAssessment[];
  term: TermAssessment | null;
  onPost: Pick<PostingOnPost, 'onPostDays' | 'postingDays' | 'ratio'>;
  ledger: ResultLedger;
}

const ym = (d: string) => d.slice(0, 7);
/** Text as paragraphs: one per non-empty line. */
export const paragraphsOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export function appraisalViewModelOf(src: AppraisalSources): AppraisalViewModel {
  const { cadre: c, posting: p, term } = src;
  const id = c.birthDate ? null : checkIdNumber(c.idNumber);
  const birth = c.birthDate || (id?.ok ? id.info.birthYearMonth : '');
  const annual = [...src.annual]
    .sort((a, b) => a.year - b.year)
    .map((a) => ({ year: a.year, grade: gradeAsPrinted(a.grade, a.workflow.state) }))
    .filter((a) => a.grade)
    .map((a) => `${a.year}年度${a.grade}`)
    .join('；');
  const hasVotes = !!term && term.rates.total > 0;
  const votes: VoteCellVm[] = [
    ...VOTE_COLUMNS.map((col) => ({ label: col.label, value: hasVotes ? String(term!.votes[col.key]) : '' })),
    { label: '有效票', value: hasVotes ? String(term!.rates.total) : '' },
  ];
  const onPost = src.onPost.ratio === null ? '' : `在岗${src.onPost.onPostDays}天，占${formatPercent(src.onPost.ratio)}`;
  return {
    name: c.name,
    gender: c.gender,
    birth: ym(birth),
    nation: c.nation,
    politicalStatus: c.politicalStatus,
    education: c.ftEducation || c.ptEducation,
    photo: src.photo,
    originalPost: originalPostOf(p, c),
    hostPost: unitAndPost(p.hostUnit, p.hostPost),
    term: dayRange(p.startDate, p.actualEndDate || p.plannedEndDate),
    batchName: p.batchName ?? '',
    annual,
    onPost,
    selfSummary: paragraphsOf(term?.selfSummary ?? ''),
    results: resultLines(src.ledger),
    votes,
    excellentRate: hasVotes ? formatPercent(term!.rates.excellentRate) : '',
    competentRate: hasVotes ? formatPercent(term!.rates.competentOrBetterRate) : '',
    assessmentDate: term?.assessmentDate ?? '',
    // The 期满考核 is printed as recorded, drafts too: this form is what the units sign and stamp.
    finalGrade: term?.finalGrade ?? '',
    hostOpinion: paragraphsOf(term?.hostOpinion ?? ''),
    dispatchOpinion: paragraphsOf(term?.dispatchOpinion ?? ''),
    orgOpinion: paragraphsOf(term?.orgOpinion ?? ''),
    draft: isDraftState(term?.workflow.state),
  };
}

/**
 * Reads a posting (the cadre's latest, or the one given) with its 期满考核, annual assessments, on-post days and
 * work results. `today` counts the days of a posting still running.
 */
export async function readAppraisalSources(s: AppServices, ref: PostingRef, today: Date = new Date()): Promise<AppraisalSources> {
  const { cadre, posting } = await printedPosting(s, ref, '考核鉴定表');
  const day = dayOf(today);
  const [records, onPost, ledger, photo] = await Promise.all([
    s.assessments.listByPosting(posting.id),
    s.leave.summary({ postingId: posting.id, today: day }),
    s.ledger.list({ scope: 'posting', id: posting.id }),
    cadre.hasPhoto ? s.cadres.getPhoto(cadre.id) : Promise.resolve(null),
  ]);
  return { cadre, photo, posting, annual: records.annual, term: records.term, onPost, ledger };
}

export async function buildAppraisalViewModel(s: AppServices, ref: PostingRef, today: Date = new Date()): Promise<AppraisalViewModel> {
  return appraisalViewModelOf(await readAppraisalSources(s, ref, today));
}
