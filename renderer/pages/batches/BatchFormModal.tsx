import { Alert, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { BatchInputSchema, type Batch, type BatchMember } from '../../../shared/batch';
import { BATCH_TYPES, POSTING_DIRECTIONS } from '../../../shared/codes/secondment';
import { api } from '../../api/client';
import { DayInput } from '../../components/DayInput';
import { showFieldErrors } from '../../lib/fieldErrors';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { useVersionConflict } from '../../lib/versionConflict';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { rulesFor } from '../../lib/zodFormRule';

const opts = (v: readonly string[]) => v.map((x) => ({ value: x, label: x }));

/** Service refusals that belong to a field of this form, by the label they start with. */
const FIELD_REFUSALS = { 批次名称: 'name', 组长: 'leaderId', '方向（派出/接收）': 'direction' };

/**
 * 新建/编辑批次: name, type, pairing, organisations, term, leader (an active member: not one whose file is in the
 * recycle bin). `onSaved` gets the saved batch (the batch page then checks its members' postings against the term).
 */
export function BatchFormModal({ open, batch, members = [], onClose, onSaved }: { open: boolean; batch?: Batch; members?: BatchMember[]; onClose: () => void; onSaved: (b: Batch) => void }) {
  const [form] = Form.useForm();
  const rules = rulesFor(form, BatchInputSchema);
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(open && dirty);
  const active = members.filter((m) => !m.cadreDeleted);
  // The batch as last loaded (刷新 loads it again after another clerk's save): its updatedAt goes with the save.
  const [current, setCurrent] = useState<Batch>();
  const versionConflict = useVersionConflict();
  const recycledLeader = batch?.leaderId ? members.find((m) => m.cadreId === batch.leaderId && m.cadreDeleted) : undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    // A 组长 whose file is in the recycle bin is no longer 组长: the field starts empty and says why.
    form.setFieldsValue(batch ? { ...batch, leaderId: recycledLeader ? null : batch.leaderId } : { type: '东西部协作/对口支援', direction: '派出', leaderId: null });
    setCurrent(batch);
    versionConflict.clear();
    setDirty(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, batch, form]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    const data = { name: v.name, type: v.type, direction: v.direction, fromPlace: v.fromPlace, toPlace: v.toPlace, dispatchingOrg: v.dispatchingOrg, receivingOrg: v.receivingOrg, startDate: v.startDate, endDate: v.endDate, leaderId: v.leaderId ?? null, notes: v.notes };
    try {
      const saved = await api('batch:save', { id: batch?.id, data: { ...data, expectedVersion: current?.updatedAt } });
      setDirty(false);
      unsaved.release();
      onSaved(saved);
      return batch ? '批次已保存' : `已新建批次“${saved.name}”`;
    } catch (e) {
      if (versionConflict.take(e, current, data, { name: '批次名称' })) return;
      showFieldErrors(form, e, FIELD_REFUSALS);
      throw e;
    }
  });

  return (
    <Modal
      title={batch ? '编辑批次' : '新建批次'}
      width={760}
      open={open}
      onCancel={() => unsaved.confirmLeave(onClose)}
      onOk={submit}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
    >
      {current &&
        versionConflict.alert(async () => {
          const fresh = (await api('batch:get', { id: current.id })).batch;
          form.resetFields();
          form.setFieldsValue({ ...fresh });
          setCurrent(fresh);
          setDirty(false);
        })}
      <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
        <Form.Item label="批次名称" name="name" rules={[...rules('batchName'), { required: true, message: '不能为空' }]}>
          <Input placeholder="如 安康市第7批赴常州挂职干部" aria-label="批次名称" maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="类型" name="type" rules={rules('type', true)}>
              <Select options={opts(BATCH_TYPES)} aria-label="批次类型" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="方向" name="direction" rules={rules('direction', true)}>
              <Select options={opts(POSTING_DIRECTIONS)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="派出地" name="fromPlace" rules={rules('fromPlace')}>
              <Input placeholder="如 安康市" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="接收地" name="toPlace" rules={rules('toPlace')}>
              <Input placeholder="如 常州市" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="派出单位" name="dispatchingOrg" rules={rules('dispatchingOrg')}>
              <Input placeholder="如 中共安康市委组织部" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="接收单位" name="receivingOrg" rules={rules('receivingOrg')}>
              <Input placeholder="如 中共常州市委组织部" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="开始日期" name="startDate" rules={rules('startDate')}>
              <DayInput aria-label="批次开始日期" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="结束日期" name="endDate" rules={rules('endDate')} extra={batch && active.length ? '改动起止后，将列出挂职起止不在其中的成员，可一键调整' : undefined}>
              <DayInput aria-label="批次结束日期" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="组长" name="leaderId" tooltip="组长须为本批次成员（档案在回收站中的除外）">
              <Select
                allowClear
                aria-label="组长"
                placeholder={active.length ? '从成员中选择' : '添加成员后可选'}
                options={members.map((m) => ({ value: m.cadreId, label: m.cadreDeleted ? `${m.name}（已删除）` : m.name, disabled: m.cadreDeleted }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {recycledLeader && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`原组长${recycledLeader.name}的档案已移入回收站，不再担任组长；请另行指定（保存后组长为所选人员）。`} />}
        <Form.Item label="备注" name="notes" rules={rules('notes')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
