import { Alert, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { LEAVE_TYPES } from '../../../shared/codes/assessment';
import { LEAVE_FIELD_LABELS, LeaveInputSchema, type LeaveEntry } from '../../../shared/leave';
import { dayNumber } from '../../../shared/onPost';
import { dayOf, isDay } from '../../../shared/validators/yearMonth';
import { api } from '../../api/client';
import { DayInput } from '../../components/DayInput';
import { useFieldFormSubmit } from '../../lib/fieldErrors';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { useVersionConflict } from '../../lib/versionConflict';
import { rulesFor } from '../../lib/zodFormRule';
import { clampToPosting } from './recordKinds';

export interface LeaveFormTarget {
  entry?: LeaveEntry;
}

/** A refusal's field: the two days by their labels here, the others by shared/fieldLabels.ts. */
const LEAVE_LABELS = { [LEAVE_FIELD_LABELS.startDate]: 'startDate', [LEAVE_FIELD_LABELS.endDate]: 'endDate', 开始日期: 'startDate', 结束日期: 'endDate', 假别: 'leaveType', 批准人: 'approvedBy', 备注: 'notes' };

/** 请销假 form: the kind of leave, first and last day away (both counted, 离岗开始日期 / 离岗结束日期), who approved it. */
export function LeaveFormModal({
  target,
  posting,
  onClose,
  onSaved,
}: {
  target: LeaveFormTarget | null;
  posting: { id: number; startDate: string; plannedEndDate: string; actualEndDate: string };
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm();
  const rules = rulesFor(form, LeaveInputSchema);
  const start = Form.useWatch('startDate', form) as string | undefined;
  const end = Form.useWatch('endDate', form) as string | undefined;
  const days = start && end && isDay(start) && isDay(end) && end >= start ? dayNumber(end) - dayNumber(start) + 1 : null;

  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(!!target && dirty);
  // The entry as last loaded: its updatedAt goes with the save (another clerk's save in between is refused).
  const [current, setCurrent] = useState<LeaveEntry>();
  const versionConflict = useVersionConflict();

  useEffect(() => {
    if (!target) return;
    const today = clampToPosting(dayOf(new Date()), posting);
    form.resetFields();
    form.setFieldsValue(target.entry ? { ...target.entry } : { postingId: posting.id, leaveType: '事假', startDate: today, endDate: today, approvedBy: '', notes: '' });
    setCurrent(target.entry);
    versionConflict.clear();
    setDirty(false);
    clearFormError();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const { saving, submit, formError, clearFormError } = useFieldFormSubmit(
    form,
    async (v) => {
      const data = { postingId: posting.id, leaveType: v.leaveType, startDate: v.startDate, endDate: v.endDate, approvedBy: v.approvedBy, notes: v.notes ?? '' };
      try {
        await api('leave:save', { id: current?.id, data: { ...data, expectedVersion: current?.updatedAt } });
      } catch (e) {
        if (versionConflict.take(e, current, data, LEAVE_FIELD_LABELS)) return;
        throw e;
      }
      setDirty(false);
      unsaved.release();
      onSaved();
      return '请销假记录已保存';
    },
    () => LEAVE_LABELS,
  );

  return (
    <Modal
      title={target?.entry ? '编辑请销假记录' : '登记请销假'}
      open={!!target}
      width={640}
      onCancel={() => unsaved.confirmLeave(onClose)}
      onOk={submit}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
    >
      {current &&
        versionConflict.alert(async () => {
          const fresh = (await api('leave:listByPosting', { postingId: posting.id })).entries.find((e) => e.id === current.id);
          if (!fresh) throw new Error('这条请销假记录已被删除');
          form.resetFields();
          form.setFieldsValue({ ...fresh });
          setCurrent(fresh);
          setDirty(false);
          clearFormError();
        })}
      {formError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={formError} />}
      <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label="假别" name="leaveType" rules={rules('leaveType', true)} validateFirst>
              <Select aria-label="假别" options={LEAVE_TYPES.map((t) => ({ value: t, label: t }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={LEAVE_FIELD_LABELS.startDate} name="startDate" rules={rules('startDate', true)} validateFirst tooltip="离开挂职岗位的第一天">
              <DayInput aria-label={LEAVE_FIELD_LABELS.startDate} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={LEAVE_FIELD_LABELS.endDate} name="endDate" rules={rules('endDate', true)} validateFirst tooltip="离开岗位的最后一天（含当天），次日返岗" dependencies={['startDate']}>
              <DayInput aria-label={LEAVE_FIELD_LABELS.endDate} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {days ? `离岗共 ${days} 天（按自然日计算，含开始和结束两天）` : '按自然日计算，含开始和结束两天'}
        </Typography.Paragraph>
        <Form.Item label="批准人" name="approvedBy" rules={rules('approvedBy', true)} validateFirst>
          <Input aria-label="批准人" placeholder="如 挂职单位主要负责人 王建国" />
        </Form.Item>
        <Form.Item label="备注" name="notes" rules={rules('notes')}>
          <Input.TextArea rows={2} maxLength={500} placeholder="事由、销假情况等" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
