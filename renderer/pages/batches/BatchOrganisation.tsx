import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { BatchPage } from '../../../shared/batch';
import { DEFAULT_QUARTER_THEMES, SUB_GROUP_SUGGESTIONS } from '../../../shared/codes/secondment';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../auth/session';
import { DayInput } from '../../components/DayInput';
import { useUnsavedChanges } from '../../lib/unsavedChanges';

type Props = { page: BatchPage; onSaved: () => void };

function useSave() {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const run = async (what: string, fn: () => Promise<unknown>, onSaved: () => void) => {
    setSaving(true);
    try {
      await fn();
      message.success(`${what}已保存`);
      onSaved();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return { saving, run };
}

/** The batch's members to choose from; one whose file is in the recycle bin shows as such and cannot be chosen. */
const memberOptions = (page: BatchPage) => page.members.map((m) => ({ value: m.cadreId, label: m.cadreDeleted ? `${m.name}（已删除）` : m.name, disabled: m.cadreDeleted }));

/**
 * An editor on a tab of the batch page: its edits are guarded (another menu item, 返回, closing the window ask first)
 * until saved; loading the page's values anew makes it clean.
 */
function useTabDirty(page: BatchPage) {
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(dirty);
  useEffect(() => setDirty(false), [page]);
  return { onValuesChange: () => setDirty(true), saved: () => (setDirty(false), unsaved.release()) };
}

/** 工作小组: the batch's sub-groups and who is in each. */
export function SubGroupsEditor({ page, onSaved }: Props) {
  const [form] = Form.useForm();
  const { saving, run } = useSave();
  const guard = useTabDirty(page);
  useEffect(() => form.setFieldsValue({ subGroups: page.subGroups.map((g) => ({ id: g.id, groupName: g.groupName, leaderId: g.leaderId, memberIds: g.memberIds })) }), [page, form]);
  const save = () => run('工作小组', () => api('batch:saveSubGroups', { batchId: page.batch.id, subGroups: form.getFieldValue('subGroups') ?? [] }), () => (guard.saved(), onSaved()));
  // A role that may not change the batch sees the groups read-only, without the add/delete/save buttons.
  const editable = useSession().canCall('batch:saveSubGroups');
  return (
    <Form form={form} layout="vertical" disabled={!editable} onValuesChange={guard.onValuesChange}>
      <Form.List name="subGroups">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.length === 0 && <Empty description="尚未设立工作小组" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            {fields.map((f) => (
              <Card key={f.key} size="small">
                <Row gutter={12} align="bottom">
                  <Col span={5}>
                    <Form.Item label="小组名称" name={[f.name, 'groupName']} rules={[{ required: true, message: '不能为空' }]} style={{ marginBottom: 0 }}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item label="负责人" name={[f.name, 'leaderId']} style={{ marginBottom: 0 }}>
                      <Select allowClear options={memberOptions(page)} />
                    </Form.Item>
                  </Col>
                  <Col span={14}>
                    <Form.Item label="成员" name={[f.name, 'memberIds']} style={{ marginBottom: 0 }}>
                      <Select mode="multiple" optionFilterProp="label" options={memberOptions(page)} placeholder="从批次成员中选择" />
                    </Form.Item>
                  </Col>
                  {editable && (
                    <Col span={1}>
                      <Button icon={<DeleteOutlined />} onClick={() => (remove(f.name), guard.onValuesChange())} aria-label="删除小组" />
                    </Col>
                  )}
                </Row>
              </Card>
            ))}
            {editable && (
              <Flex gap={8} wrap>
                <Button icon={<PlusOutlined />} onClick={() => (add({ groupName: '', leaderId: null, memberIds: [] }), guard.onValuesChange())}>
                  添加小组
                </Button>
                {fields.length === 0 && (
                  <Button onClick={() => (SUB_GROUP_SUGGESTIONS.forEach((groupName) => add({ groupName, leaderId: null, memberIds: [] })), guard.onValuesChange())}>按常用设置（{SUB_GROUP_SUGGESTIONS.join('、')}）</Button>
                )}
                <Button type="primary" loading={saving} onClick={save}>
                  保存工作小组
                </Button>
              </Flex>
            )}
          </Flex>
        )}
      </Form.List>
    </Form>
  );
}

/** 临时党支部: name, founding date, secretary and members (all from the batch). */
export function PartyBranchEditor({ page, onSaved }: Props) {
  const [form] = Form.useForm();
  const { saving, run } = useSave();
  const guard = useTabDirty(page);
  useEffect(() => form.setFieldsValue({ ...page.partyBranch }), [page, form]);
  const save = () =>
    run(
      '临时党支部',
      () => {
        const v = form.getFieldsValue(true);
        return api('batch:savePartyBranch', { batchId: page.batch.id, branchName: v.branchName ?? '', foundedDate: v.foundedDate ?? '', secretaryId: v.secretaryId ?? null, memberIds: v.memberIds ?? [] });
      },
      () => (guard.saved(), onSaved()),
    );
  const editable = useSession().canCall('batch:savePartyBranch');
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 900 }} disabled={!editable} onValuesChange={guard.onValuesChange}>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item label="支部名称" name="branchName">
            <Input placeholder="如 安康赴常州挂职干部临时党支部" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label="成立日期" name="foundedDate">
            <DayInput />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="支部书记" name="secretaryId">
            <Select allowClear options={memberOptions(page)} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="支部党员" name="memberIds">
        <Select mode="multiple" optionFilterProp="label" options={memberOptions(page)} />
      </Form.Item>
      {editable && (
        <Button type="primary" loading={saving} onClick={save}>
          保存临时党支部
        </Button>
      )}
    </Form>
  );
}

/** 一季一主题: the batch's quarterly themes (editable). */
export function ThemesEditor({ page, onSaved }: Props) {
  const [form] = Form.useForm();
  const { saving, run } = useSave();
  const guard = useTabDirty(page);
  useEffect(() => form.setFieldsValue({ themes: page.themes }), [page, form]);
  const save = () => run('季度主题', () => api('batch:saveThemes', { batchId: page.batch.id, themes: form.getFieldValue('themes') ?? [] }), () => (guard.saved(), onSaved()));
  const editable = useSession().canCall('batch:saveThemes');
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 900 }} disabled={!editable} onValuesChange={guard.onValuesChange}>
      <Typography.Paragraph type="secondary">每个季度确定一个工作主题，既是“主题”也是“考题”，季度小结与考核按主题进行。</Typography.Paragraph>
      <Form.List name="themes">
        {(fields, { add, remove }) => (
          <Flex vertical gap={4}>
            {fields.map((f) => (
              <Flex key={f.key} gap={8}>
                <Form.Item name={[f.name, 'period']} rules={[{ required: true, message: '不能为空' }]} style={{ marginBottom: 4 }}>
                  <Input placeholder="季度" style={{ width: 130 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'theme']} rules={[{ required: true, message: '不能为空' }]} style={{ marginBottom: 4 }}>
                  <Input placeholder="主题" style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'note']} style={{ flex: 1, marginBottom: 4 }}>
                  <Input placeholder="说明（可选）" />
                </Form.Item>
                {editable && <Button icon={<DeleteOutlined />} onClick={() => (remove(f.name), guard.onValuesChange())} aria-label="删除主题" />}
              </Flex>
            ))}
            {!editable && fields.length === 0 && <Empty description="尚未确定季度主题" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            {editable && (
              <Flex gap={8}>
                <Button icon={<PlusOutlined />} onClick={() => (add({ period: '', theme: '', note: '' }), guard.onValuesChange())}>
                  添加主题
                </Button>
                {fields.length === 0 && <Button onClick={() => (DEFAULT_QUARTER_THEMES.forEach((t) => add({ ...t, note: '' })), guard.onValuesChange())}>使用“融入、务实、见效、赓续”</Button>}
                <Button type="primary" loading={saving} onClick={save}>
                  保存季度主题
                </Button>
              </Flex>
            )}
          </Flex>
        )}
      </Form.List>
    </Form>
  );
}
