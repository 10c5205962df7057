import { AlignmentType, BorderStyle, Header, LineRuleType, Paragraph, TextRun } from 'docx';
import type { WorkflowState } from '../../shared/workflow';
import { FINAL_STATE } from '../../shared/workflow';
import { font, halfPoints, pt } from './style';

/**
 * The 草稿 mark of a form printed from a record that is not archived yet (草稿, 已提交, 已审核): a grey box with 草稿
 * at the top right of every page, in the page header — above the text block, so it moves nothing of the form's
 * layout — with a short line saying why. Archived records print clean.
 *
 * Plain text in a header, not a VML watermark: Word, WPS and LibreOffice all print it, on every page, and it is
 * text in the PDF. The header is the same for every form, so the fast packer makes it once (packDocx).
 */

export const DRAFT_MARK = '草稿';
export const DRAFT_NOTE = '记录尚未归档，非正式文本';
export const DRAFT_GREY = '808080';

/** Whether a form printed from a record in `state` carries the mark (no record: a blank form, no mark). */
export const isDraftState = (state: WorkflowState | string | null | undefined): boolean => !!state && state !== FINAL_STATE;

/** The page header carrying the mark. A new object per document (docx numbers headers per document). */
export function draftHeader(): Header {
  const grey = { color: DRAFT_GREY };
  const line = { style: BorderStyle.SINGLE, size: 12, color: DRAFT_GREY, space: 1 };
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { before: 0, after: 0, line: pt(22), lineRule: LineRuleType.EXACT },
        children: [
          new TextRun({ ...grey, text: `${DRAFT_NOTE}　`, font: font('仿宋'), size: halfPoints('小五') }),
          new TextRun({ ...grey, text: `\u00a0${DRAFT_MARK}\u00a0`, font: font('黑体'), size: halfPoints('三号'), bold: true, border: line, characterSpacing: pt(3) }),
        ],
      }),
    ],
  });
}
