import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { POST_TYPES, POSTING_DIRECTIONS } from '../../../shared/codes/secondment';
import { CREATABLE_STATUSES, PostingInputSchema, type Posting, type PostingInput } from '../../../shared/posting';
import { api } from '../../api/client';
import { showFieldErrors } from '../../lib/fieldErrors';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { useVersionConflict } from '../../lib/versionConflict';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { rulesFor } from '../../lib/zodFormRule';
import { DayInput } from '../DayInput';

export interface PostingEditTarget {
  /** The posting to edit; absent for a new one. */
  posting?: Posting;
  cadreId: number;
  cadreName: string;
  batchId?: number | null;
}

const opts = (v: readonly string[]) => v.map((x) => ({ value: x, label: x }));

/** Service refusals that name a field of this form (an overlap names none: it goes under the term's dates). */
const FIELD_REFUSALS = { 实际结束日期: 'actualEndDate', '方向（派出/接收）': 'direction', 状态: 'status' };

/** 挂职记录 form: host unit and post, term, mentors. The status changes through its own dialog. */
export function PostingEditModal({ target, onClose, onDone }: { target: PostingEditTarget | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const rules = rulesFor(form, PostingInputSchema);
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(!!target && dirty);
  // The posting as last loaded (刷新 loads it again after another clerk's save): its updatedAt goes with the save.
  const [current, setCurrent] = useState<Posting>();
  const versionConflict = useVersionConflict();

  useEffect(() => {
    if (!target) return;
    const p = target.posting;
    form.resetFields();
    form.setFieldsValue(
      p
        ? { ...p }
        : { cadreId: target.cadreId, batchId: target.batchId ?? null, direction: '派出', status: '拟派', politicalMentor: { name: '', unit: '', phone: '' }, businessMentor: { name: '', unit: '', phone: '' } },
    );
    setCurrent(p);
    versionConflict.clear();
    setDirty(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target, form]);

  const { saving, submit } = useFormSubmit(form, async ({ id: _id, status, createdAt: _c, updatedAt: _u, ...data }) => {
    try {
      await api('posting:save', { id: target?.posting?.id, data: (target?.posting ? { ...data, expectedVersion: current?.updatedAt } : { ...data, status }) as PostingInput });
    } catch (e) {
      if (versionConflict.take(e, current, data)) return;
      const rest = showFieldErrors(form, e, FIELD_REFUSALS);
      if (/在此期间已有挂职/.test(rest)) form.setFields([{ name: 'startDate', errors: [rest] }, { name: 'plannedEndDate', errors: ['与另一段挂职的时间重叠，见左侧'] }]);
      throw e;
    }
    setDirty(false);
    unsaved.release();
    onDone();
    return '挂职记录已保存';
  });

  const mentor = (key: 'politicalMentor' | 'businessMentor', label: string) => (
    <Row gutter={12}>
      <Col span={6}>
        <Form.Item label={`${label}姓名`} name={[key, 'name']} rules={rules([key, 'name'])}>
          <Input aria-label={`${label}姓名`} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label="单位及职务" name={[key, 'unit']} rules={rules([key, 'unit'])}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item label="电话" name={[key, 'phone']} rules={rules([key, 'phone'])}>
          <Input />
        </Form.Item>
      </Col>
    </Row>
  );

  return (
    <Modal title={target ? `${target.posting ? '编辑' : '新增'}挂职记录 · ${target.cadreName}` : ''} width={820} open={!!target} onCancel={() => unsaved.confirmLeave(onClose)} onOk={submit} okText="保存" cancelText="取消" confirmLoading={saving} destroyOnHidden>
      {current &&
        versionConflict.alert(async () => {
          const { cadreName: _n, batchName: _b, statusChanges: _s, ...fresh } = await api('posting:get', { id: current.id });
          form.resetFields();
          form.setFieldsValue({ ...fresh });
          setCurrent(fresh);
          setDirty(false);
        })}
      <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item label="方向" name="direction" rules={rules('direction', true)}>
              <Select options={opts(POSTING_DIRECTIONS)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="岗位类型" name="postType" rules={rules('postType')}>
              <Select allowClear options={opts(POST_TYPES)} />
            </Form.Item>
          </Col>
          {!target?.posting && (
            <Col span={6}>
              <Form.Item label="状态" name="status" rules={rules('status')}>
                <Select options={opts(CREATABLE_STATUSES)} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="挂职单位" name="hostUnit" rules={rules('hostUnit')}>
              <Input aria-label="挂职单位" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="挂任职务" name="hostPost" rules={rules('hostPost')}>
              <Input aria-label="挂任职务" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="原单位" name="originalUnit" rules={rules('originalUnit')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="原职务" name="originalPost" rules={rules('originalPost')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="开始日期" name="startDate" rules={rules('startDate', true)}>
              <DayInput aria-label="开始日期" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="计划结束日期" name="plannedEndDate" rules={rules('plannedEndDate', true)}>
              <DayInput aria-label="计划结束日期" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="实际结束日期" name="actualEndDate" rules={rules('actualEndDate')}>
              <DayInput placeholder="结束后填写" />
            </Form.Item>
          </Col>
        </Row>
        {mentor('politicalMentor', '政治辅导员')}
        {mentor('businessMentor', '业务指导员')}
        <Form.Item label="备注" name="notes" rules={rules('notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
