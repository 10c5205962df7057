import { Alert, Button, Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { quartersBegun, RECORD_INPUT_SCHEMAS, RECORD_KIND_LABELS, type AssessmentRecord, type PostingRecords, type RecordKind } from '../../../shared/assessment';
import { noVotes } from '../../../shared/democraticVote';
import { effectiveEnd } from '../../../shared/posting';
import { dayOf, yearMonthOf } from '../../../shared/validators/yearMonth';
import { editRefusal } from '../../../shared/workflow';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { formFieldNames, useFieldFormSubmit } from '../../lib/fieldErrors';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { useVersionConflict } from '../../lib/versionConflict';
import { rulesFor } from '../../lib/zodFormRule';
import { AnnualAssessmentFields } from './AnnualAssessmentFields';
import { MonthlyReportFields } from './MonthlyReportFields';
import { NoteFields } from './NoteFields';
import { QuarterlyReviewFields } from './QuarterlyReviewFields';
import { clampToPosting, postingYears, recordTitle, SAVE_CHANNELS } from './recordKinds';
import { TalkFields } from './TalkFields';
import { TermAssessmentFields } from './TermAssessmentFields';

/** What the dialog is for: a new record of `kind`, or an existing record (edited as a draft, else shown read-only). */
export interface RecordFormTarget {
  kind: RecordKind;
  record?: AssessmentRecord;
}

const WIDTHS: Record<RecordKind, number> = { monthly: 720, quarterly: 760, talk: 720, annual: 720, term: 860, note: 640 };

/** Values for a new record: dates within the posting, the next quarter or year not yet recorded. */
function defaults(kind: RecordKind, page: PostingRecords): Record<string, unknown> {
  const p = page.posting;
  const today = clampToPosting(dayOf(new Date()), p);
  switch (kind) {
    case 'monthly':
      return { month: clampToPosting(yearMonthOf(new Date()), { ...p, startDate: p.startDate.slice(0, 7), plannedEndDate: p.plannedEndDate.slice(0, 7), actualEndDate: p.actualEndDate.slice(0, 7) }) };
    case 'quarterly': {
      const done = new Set(page.quarterly.map((q) => q.quarter));
      const begun = Math.max(1, quartersBegun(p.startDate, today));
      const next = Array.from({ length: begun }, (_, i) => i + 1).find((q) => !done.has(q)) ?? begun;
      return { quarter: next };
    }
    case 'annual': {
      const done = new Set(page.annual.map((a) => a.year));
      const years = postingYears(p);
      const thisYear = Number(today.slice(0, 4));
      return { year: years.includes(thisYear) && !done.has(thisYear) ? thisYear : (years.find((y) => !done.has(y)) ?? thisYear) };
    }
    case 'term':
      return { votes: noVotes(), assessmentDate: p.actualEndDate || (effectiveEnd(p) <= dayOf(new Date()) ? effectiveEnd(p) : '') };
    default:
      return { date: today };
  }
}

/** Before saving: drop a reason left behind by a grade that no longer needs one; empty vote boxes count 0. */
function cleanValues(kind: RecordKind, v: Record<string, any>): Record<string, any> {
  if (kind === 'annual' && v.grade !== '不确定等次') return { ...v, gradeReason: '' };
  if (kind === 'term') return { ...v, votes: Object.fromEntries(Object.entries(v.votes ?? {}).map(([k, n]) => [k, n ?? 0])) };
  return v;
}

/** The form of a 考核记录 of any kind; a workflow record that is not a draft opens read-only and says why. */
export function RecordFormModal({ target, page, onClose, onSaved }: { target: RecordFormTarget | null; page: PostingRecords; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm();
  const kind = target?.kind ?? 'monthly';
  const rules = rulesFor(form, RECORD_INPUT_SCHEMAS[kind]);
  // The record as last loaded (刷新 after another clerk's save loads it again): its updatedAt goes with the save.
  const [current, setCurrent] = useState<AssessmentRecord>();
  const record = current ?? target?.record;
  const versionConflict = useVersionConflict();
  const { refusalOf } = useSession();
  // Read-only when the record is locked, or when the signed-in role may not save this kind (it says which role may).
  const roleRefusal = refusalOf(SAVE_CHANNELS[kind]);
  const refusal = (record && 'workflow' in record ? editRefusal(record.workflow.state) : null) ?? (record && roleRefusal ? `只读（${roleRefusal}）` : null);
  // 有未保存的修改: closing the dialog (取消, ×, Esc) or leaving the page asks first.
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(!!target && !refusal && dirty);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue({ ...(target.record ?? defaults(target.kind, page)), postingId: page.posting.id });
    setCurrent(target.record);
    versionConflict.clear();
    setDirty(false);
    clearFormError();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  // A refusal lands on the field it names (月份：…, 季度：…, 年度：…, 日期：…), the rest above the fields.
  const { saving, submit, formError, clearFormError } = useFieldFormSubmit(
    form,
    async (v) => {
      const data = { ...cleanValues(kind, { ...v, postingId: page.posting.id }), expectedVersion: record?.updatedAt };
      let saved: unknown;
      try {
        // The data is checked by the channel's schema of this kind (the same schema the fields were checked with).
        saved = await api(SAVE_CHANNELS[kind], { id: record?.id, data } as never);
      } catch (e) {
        if (versionConflict.take(e, record, v)) return;
        throw e;
      }
      setDirty(false);
      unsaved.release();
      onSaved();
      return `${recordTitle(saved as AssessmentRecord)}已保存${'workflow' in (saved as object) ? '（草稿，提交后锁定）' : ''}`;
    },
    () => formFieldNames(form),
  );
  const close = () => unsaved.confirmLeave(onClose);

  const fields = (() => {
    switch (kind) {
      case 'monthly':
        return <MonthlyReportFields rules={rules} />;
      case 'quarterly':
        return <QuarterlyReviewFields rules={rules} page={page} />;
      case 'talk':
        return <TalkFields rules={rules} />;
      case 'annual':
        return <AnnualAssessmentFields rules={rules} page={page} />;
      case 'term':
        return <TermAssessmentFields rules={rules} />;
      case 'note':
        return <NoteFields rules={rules} />;
    }
  })();

  const title = !target ? '' : refusal ? `查看${recordTitle(record!)}` : record ? `编辑${recordTitle(record)}` : `登记${RECORD_KIND_LABELS[kind]}`;
  return (
    <Modal
      title={title}
      open={!!target}
      width={WIDTHS[kind]}
      onCancel={close}
      onOk={submit}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      footer={refusal ? <Button onClick={onClose}>关闭</Button> : undefined}
    >
      {refusal && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={refusal} />}
      {record &&
        versionConflict.alert(async () => {
          const fresh = await api('record:get', { id: record.id });
          form.resetFields();
          form.setFieldsValue({ ...fresh, postingId: page.posting.id });
          setCurrent(fresh);
          setDirty(false);
          clearFormError();
        })}
      {formError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={formError} data-testid="record-form-error" />}
      <Form form={form} layout="vertical" disabled={!!refusal} className={refusal ? 'record-readonly' : undefined} onValuesChange={() => setDirty(true)}>
        {fields}
      </Form>
    </Modal>
  );
}
