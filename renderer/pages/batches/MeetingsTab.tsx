import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Flex, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { MeetingInputSchema, type BatchPage, type Meeting } from '../../../shared/batch';
import { MEETING_TYPES } from '../../../shared/codes/secondment';
import { dayOf } from '../../../shared/validators/yearMonth';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../auth/session';
import { DayInput } from '../../components/DayInput';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { useFormSubmit } from '../../lib/useFormSubmit';
import { rulesFor } from '../../lib/zodFormRule';

/** 会议记录: the work group's meetings log, counted by type. */
export function MeetingsTab({ page, onSaved }: { page: BatchPage; onSaved: () => void }) {
  const { message } = App.useApp();
  const { canCall } = useSession();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<Meeting | 'new' | null>(null);
  const rules = rulesFor(form, MeetingInputSchema);
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(!!editing && dirty);

  const open = (m: Meeting | 'new') => {
    form.resetFields();
    form.setFieldsValue(m === 'new' ? { type: '全体成员会议', date: dayOf(new Date()), attendance: page.members.length || null } : m);
    setEditing(m);
    setDirty(false);
  };
  const { saving, submit: save } = useFormSubmit(form, async (v) => {
    await api('batch:saveMeeting', { id: editing === 'new' ? undefined : editing!.id, batchId: page.batch.id, data: { type: v.type, date: v.date, topic: v.topic, attendance: v.attendance ?? null, minutes: v.minutes ?? '' } });
    setDirty(false);
    unsaved.release();
    setEditing(null);
    onSaved();
    return '会议记录已保存';
  });
  const remove = async (m: Meeting) => {
    try {
      await api('batch:deleteMeeting', { id: m.id });
      onSaved();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Flex vertical gap={12}>
      <Flex gap={32} wrap align="center">
        <Statistic title="会议合计" value={page.meetingCounts.total} suffix="次" />
        {MEETING_TYPES.map((t) => (
          <Statistic key={t} title={t} value={page.meetingCounts[t]} suffix="次" />
        ))}
        {canCall('batch:saveMeeting') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            记录会议
          </Button>
        )}
      </Flex>
      <Table<Meeting>
        rowKey="id"
        size="small"
        dataSource={page.meetings}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '尚无会议记录' }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '类型', dataIndex: 'type', width: 120 },
          { title: '主题', dataIndex: 'topic' },
          { title: '出席人数', dataIndex: 'attendance', width: 90, render: (v: number | null) => v ?? '—' },
          // The minutes unfold under each row for everyone; 编辑/删除 for a role that may change meetings.
          ...(canCall('batch:saveMeeting') || canCall('batch:deleteMeeting')
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  width: 130,
                  render: (_: unknown, m: Meeting) => (
                    <Space>
                      {canCall('batch:saveMeeting') && (
                        <Button size="small" onClick={() => open(m)}>
                          编辑
                        </Button>
                      )}
                      {canCall('batch:deleteMeeting') && (
                        <Popconfirm title="删除这条会议记录？" okText="删除" cancelText="取消" onConfirm={() => remove(m)}>
                          <Button size="small" danger>
                            删除
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
        expandable={{ expandedRowRender: (m) => <div style={{ whiteSpace: 'pre-wrap' }}>{m.minutes || '（无纪要）'}</div> }}
      />
      <Modal title={editing === 'new' ? '记录会议' : '编辑会议记录'} open={!!editing} width={720} onCancel={() => unsaved.confirmLeave(() => setEditing(null))} onOk={save} okText="保存" cancelText="取消" confirmLoading={saving} destroyOnHidden>
        <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item label="类型" name="type" rules={rules('type', true)}>
                <Select options={MEETING_TYPES.map((t) => ({ value: t, label: t }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="日期" name="date" rules={rules('date', true)}>
                <DayInput />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="出席人数" name="attendance" rules={rules('attendance')}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="主题" name="topic" rules={rules('topic', true)}>
            <Input />
          </Form.Item>
          <Form.Item label="会议纪要" name="minutes" rules={rules('minutes')}>
            <Input.TextArea rows={6} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
