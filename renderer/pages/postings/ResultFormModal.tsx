import { Alert, AutoComplete, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { QUANTITY_UNIT_SUGGESTIONS, RESULT_AMOUNT_LABELS, RESULT_CATEGORIES, type ResultCategory } from '../../../shared/codes/assessment';
import { WorkResultInputSchema, type WorkResult } from '../../../shared/ledger';
import { dayOf } from '../../../shared/validators/yearMonth';
import { api } from '../../api/client';
import { DayInput } from '../../components/DayInput';
import { formFieldNames, useFieldFormSubmit } from '../../lib/fieldErrors';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { useVersionConflict } from '../../lib/versionConflict';
import { rulesFor } from '../../lib/zodFormRule';
import { clampToPosting } from './recordKinds';

export interface ResultFormTarget {
  result?: WorkResult;
}

/** 工作实绩 form: category, what, when, the money (万元) and/or a quantity with its unit. */
export function ResultFormModal({
  target,
  posting,
  onClose,
  onSaved,
}: {
  target: ResultFormTarget | null;
  posting: { id: number; startDate: string; plannedEndDate: string; actualEndDate: string };
  onClose: () => void;
  onSaved: (saved: WorkResult) => void;
}) {
  const [form] = Form.useForm();
  const rules = rulesFor(form, WorkResultInputSchema);
  const category = (Form.useWatch('category', form) as ResultCategory | undefined) ?? '其他';

  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(!!target && dirty);
  // The result as last loaded: its updatedAt goes with the save (another clerk's save in between is refused).
  const [current, setCurrent] = useState<WorkResult>();
  const versionConflict = useVersionConflict();

  useEffect(() => {
    if (!target) return;
    setDirty(false);
    clearFormError();
    setCurrent(target.result);
    versionConflict.clear();
    form.resetFields();
    form.setFieldsValue(
      target.result ? { ...target.result } : { postingId: posting.id, category: '招商引资', date: clampToPosting(dayOf(new Date()), posting), amount: null, quantity: null, quantityUnit: '' },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const { saving, submit, formError, clearFormError } = useFieldFormSubmit(form, async (v) => {
    const data = {
      postingId: posting.id,
      category: v.category,
      title: v.title,
      date: v.date,
      amount: v.amount ?? null,
      quantity: v.quantity ?? null,
      quantityUnit: v.quantityUnit ?? '',
      description: v.description ?? '',
    };
    let saved: WorkResult;
    try {
      saved = await api('ledger:save', { id: current?.id, data: { ...data, expectedVersion: current?.updatedAt } });
    } catch (e) {
      if (versionConflict.take(e, current, data)) return;
      throw e;
    }
    setDirty(false);
    unsaved.release();
    onSaved(saved);
    return `工作实绩“${saved.title}”已保存`;
  }, () => formFieldNames(form));

  return (
    <Modal title={target?.result ? '编辑工作实绩' : '登记工作实绩'} open={!!target} width={720} onCancel={() => unsaved.confirmLeave(onClose)} onOk={submit} okText="保存" cancelText="取消" confirmLoading={saving} destroyOnHidden>
      {current &&
        versionConflict.alert(async () => {
          const fresh = await api('ledger:get', { id: current.id });
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
            <Form.Item label="类别" name="category" rules={rules('category', true)} validateFirst>
              <Select aria-label="类别" options={RESULT_CATEGORIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="日期" name="date" rules={rules('date', true)} validateFirst>
              <DayInput aria-label="日期" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="事项" name="title" rules={rules('title', true)} validateFirst>
          <Input aria-label="事项" placeholder="如 引进XX食品加工项目签约落地" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item label={`${RESULT_AMOUNT_LABELS[category]}（万元）`} name="amount" rules={rules('amount')}>
              <InputNumber min={0} style={{ width: '100%' }} suffix="万元" aria-label="金额（万元）" placeholder="没有可不填" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="数量" name="quantity" rules={rules('quantity')} dependencies={['quantityUnit']}>
              <InputNumber min={0} style={{ width: '100%' }} aria-label="数量" placeholder="如 120" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="单位" name="quantityUnit" rules={rules('quantityUnit')} dependencies={['quantity']}>
              <AutoComplete aria-label="单位" options={QUANTITY_UNIT_SUGGESTIONS.map((u) => ({ value: u }))} placeholder="如 人次、场、篇" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="说明" name="description" rules={rules('description')}>
          <Input.TextArea rows={4} maxLength={3000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
