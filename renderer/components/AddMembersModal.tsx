import { App, Col, Form, Input, Modal, Row, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CadreListItem } from '../../shared/cadre';
import { POST_TYPES } from '../../shared/codes/secondment';
import { api, errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useUnsavedChanges } from '../lib/unsavedChanges';
import { DayInput } from './DayInput';

/**
 * 添加成员: pick cadres (or take the ones already chosen in the cadre list), and the defaults for their postings.
 * With `batchId` unset the user also picks the batch.
 */
export function AddMembersModal({ open, batchId, preselected, onClose, onDone }: { open: boolean; batchId?: number; preselected?: CadreListItem[]; onClose: () => void; onDone: (batchId: number) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<number[]>([]);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(open && dirty);
  const cadres = useApi('cadre:list', open && !preselected ? { query, pageSize: 200 } : null);
  const batches = useApi('batch:list', open && !batchId ? {} : null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ batchId, status: '拟派' });
    setSelected(preselected?.map((c) => c.id) ?? []);
    setDirty(false);
  }, [open, batchId, preselected, form]);

  const submit = async () => {
    const v = form.getFieldsValue(true);
    if (!v.batchId) return message.error('请选择批次');
    if (!selected.length) return message.error('请至少选择一名干部');
    setSaving(true);
    try {
      const r = await api('batch:addMembers', { batchId: v.batchId, cadreIds: selected, defaults: { hostUnit: v.hostUnit ?? '', hostPost: v.hostPost ?? '', postType: v.postType ?? '', startDate: v.startDate ?? '', plannedEndDate: v.plannedEndDate ?? '', status: v.status } });
      message.success(`已添加 ${r.added.length} 人${r.alreadyMembers.length ? `；${r.alreadyMembers.map((m) => m.name).join('、')} 已在本批次中` : ''}`);
      setDirty(false);
      unsaved.release();
      onDone(v.batchId);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title="添加批次成员" width={860} open={open} onCancel={() => unsaved.confirmLeave(onClose)} onOk={submit} okText={`添加${selected.length ? ` ${selected.length} 人` : ''}`} cancelText="取消" confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
        {!batchId && (
          <Form.Item label="批次" name="batchId" rules={[{ required: true, message: '请选择批次' }]}>
            <Select showSearch optionFilterProp="label" placeholder="选择批次" options={(batches.data ?? []).map((b) => ({ value: b.id, label: b.name }))} aria-label="选择批次" />
          </Form.Item>
        )}
        {preselected ? (
          <Typography.Paragraph>已选：{preselected.map((c) => c.name).join('、')}</Typography.Paragraph>
        ) : (
          <>
            <Input.Search allowClear placeholder="检索干部：姓名、拼音首字母、单位" onSearch={setQuery} style={{ marginBottom: 8 }} aria-label="检索待添加的干部" />
            <Table<CadreListItem>
              size="small"
              rowKey="id"
              loading={cadres.loading}
              dataSource={cadres.data?.items ?? []}
              pagination={{ pageSize: 8, size: 'small' }}
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => (setSelected(keys as number[]), setDirty(true)), preserveSelectedRowKeys: true }}
              columns={[
                { title: '姓名', dataIndex: 'name', width: 90 },
                { title: '性别', dataIndex: 'gender', width: 50 },
                { title: '工作单位', dataIndex: 'workUnit', ellipsis: true },
                { title: '现任职务', dataIndex: 'currentPosition', ellipsis: true },
              ]}
            />
          </>
        )}
        <Typography.Text type="secondary">以下为新成员挂职记录的默认值，可稍后逐人修改；起止日期留空则取批次的起止日期。</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          <Col span={8}>
            <Form.Item label="挂职单位" name="hostUnit">
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="挂任职务" name="hostPost">
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="岗位类型" name="postType">
              <Select allowClear options={POST_TYPES.map((p) => ({ value: p, label: p }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="开始日期" name="startDate">
              <DayInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="计划结束日期" name="plannedEndDate">
              <DayInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="状态" name="status">
              <Select options={[{ value: '拟派', label: '拟派' }, { value: '在岗', label: '在岗' }]} aria-label="新成员状态" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
