import type { Cadre } from '../../../shared/cadre';
import { conflict } from '../../../shared/errors';
import type { PostingDetail } from '../../../shared/posting';
import type { AppServices } from '../../services/AppServices';
import { unitAndPost } from '../formatting';

/** Whose form: a cadre file (id or 身份证号: their latest posting is printed) or one posting. */
export interface PostingRef {
  cadre?: string | number;
  postingId?: number;
}

/**
 * The posting a per-posting form (考核鉴定表, 成长评价报告) prints, and its cadre. A cadre's latest posting is the
 * one that started last; a planned one (拟派) has nothing to print yet and is passed over. `what` names the form in
 * the refusals (考核鉴定表 …).
 */
export async function printedPosting(s: AppServices, ref: PostingRef, what: string): Promise<{ cadre: Cadre; posting: PostingDetail }> {
  let cadre: Cadre;
  let posting: PostingDetail | undefined;
  if (ref.postingId !== undefined) {
    posting = await s.postings.get(ref.postingId);
    cadre = await s.cadres.get(posting.cadreId);
  } else {
    if (ref.cadre === undefined || String(ref.cadre).trim() === '') throw conflict(`请指定要打印${what}的干部或挂职记录`);
    cadre = await s.cadres.resolve(ref.cadre);
    const postings = await s.postings.listByCadre(cadre.id);
    if (postings.length === 0) throw conflict(`该干部没有挂职记录，无法生成${what}`);
    // listByCadre is oldest first.
    posting = [...postings].reverse().find((p) => p.status !== '拟派');
    if (!posting) throw conflict(`该干部的挂职尚未开始（状态“拟派”），无法生成${what}`);
  }
  if (cadre.deletedAt) throw conflict(`“${cadre.name}”的档案在回收站中，恢复后才能打印`);
  if (posting.status === '拟派') throw conflict(`“${cadre.name}”的这段挂职尚未开始（状态“拟派”），无法生成${what}`);
  return { cadre, posting };
}

/**
 * 原单位及职务 as the forms print it: the posting's own (the post held when it began); when the posting has none,
 * the cadre file's current unit and post (工作单位, 现任职务) — better than a blank line on a form to be signed.
 */
export function originalPostOf(
  posting: Pick<PostingDetail, 'originalUnit' | 'originalPost'>,
  cadre: Pick<Cadre, 'workUnit' | 'currentPosition'> | null | undefined,
): string {
  const own = unitAndPost(posting.originalUnit.trim(), posting.originalPost.trim());
  if (own || !cadre) return own;
  return unitAndPost(cadre.workUnit.trim(), cadre.currentPosition.trim());
}
