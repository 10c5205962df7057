import { CheckCircleFilled, CloseCircleFilled, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Drawer, Flex, Form, Input, InputNumber, Popconfirm, Row, Space, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { GROWTH_RATERS, GROWTH_STAGES, GrowthTemplateInputSchema, type GrowthTemplate, type GrowthTemplateInput } from '../../../shared/growth';
import { api, errorMessage } from '../../api/client';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { rulesFor } from '../../lib/zodFormRule';
import { formatScore, STAGE_COLORS } from './growthStyle';
import { weightSum } from './templateInput';

export interface TemplateEditTarget {
  /** The draft being changed; absent: a new version (the first save creates it). */
  id?: number;
  version?: number;
  /** The version copied, for the title. */
  basedOnVersion?: number;
  data: GrowthTemplateInput;
}

/** 当前合计 N，应为 100, in green when it adds up. */
function SumLine({ label, sum }: { label: string; sum: number }) {
  const ok = Math.abs(sum - 100) < 1e-6;
  return (
    <Typography.Text type={ok ? 'success' : 'danger'} data-testid={`sum-${label}`}>
      {ok ? <CheckCircleFilled /> : <CloseCircleFilled />} {`${label}：当前合计 ${formatScore(sum)}${ok ? '' : '，应为 100'}`}
    </Typography.Text>
  );
}

/**
 * The template version editor: name, threshold, rater weights, and per stage its description and indicators (name,
 * description, weight, 评分说明). The weight sums are shown live and saving is refused until both are 100 (the service
 * refuses too). The first save of a copy creates the new version as a draft; 保存并启用 makes it the one in force.
 */
export function TemplateEditorDrawer({ target, onClose, onSaved }: { target: TemplateEditTarget | null; onClose: () => void; onSaved: (t: GrowthTemplate) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<GrowthTemplateInput>();
  const rules = rulesFor(form, GrowthTemplateInputSchema);
  const [draft, setDraft] = useState<{ id: number; version: number } | null>(null);
  const [busy, setBusy] = useState<'save' | 'activate' | null>(null);
  const stages = Form.useWatch('stages', form) as GrowthTemplateInput['stages'] | undefined;
  const raterWeights = Form.useWatch('raterWeights', form) as Record<string, number> | undefined;
  // 有未保存的修改: 关闭, Esc, the mask and leaving the page ask first.
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(!!target && dirty);
  const close = () => unsaved.confirmLeave(onClose);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(target.data);
    setDraft(target.id && target.version ? { id: target.id, version: target.version } : null);
    setDirty(false);
  }, [target, form]);

  const indicatorSum = weightSum((stages ?? []).flatMap((s) => (s?.indicators ?? []).map((i) => i?.weight)));
  const raterSum = weightSum(Object.values(raterWeights ?? {}));
  const sumsOk = Math.abs(indicatorSum - 100) < 1e-6 && Math.abs(raterSum - 100) < 1e-6;

  const save = async (activate: boolean) => {
    try {
      await form.validateFields();
    } catch {
      message.error('请先改正标红的项目');
      return;
    }
    if (!sumsOk) {
      message.error(`权重合计应为 100：指标权重当前合计 ${formatScore(indicatorSum)}，评价主体权重当前合计 ${formatScore(raterSum)}`);
      return;
    }
    setBusy(activate ? 'activate' : 'save');
    try {
      let t = await api('growth:templateSave', { id: draft?.id, data: form.getFieldsValue(true) });
      setDraft({ id: t.id, version: t.version });
      setDirty(false);
      unsaved.release();
      if (activate) {
        t = await api('growth:templateActivate', { id: t.id });
        message.success(`第${t.version}版已启用：此后新建的评价使用这一版，已有评价不受影响`);
        onSaved(t);
        onClose();
      } else {
        message.success(`第${t.version}版（草稿）已保存`);
        onSaved(t);
      }
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const title = draft ? `编辑第${draft.version}版（草稿）` : target?.basedOnVersion ? `新版本（复制自第${target.basedOnVersion}版）` : '新版本';
  return (
    <Drawer
      title={title}
      open={!!target}
      onClose={close}
      size={1120}
      destroyOnHidden
      footer={
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Space size={24} wrap>
            <SumLine label="指标权重" sum={indicatorSum} />
            <SumLine label="评价主体权重" sum={raterSum} />
          </Space>
          <Space>
            <Button onClick={close}>关闭</Button>
            <Tooltip title={sumsOk ? undefined : '权重合计为 100 后才能保存'}>
              <Button onClick={() => save(false)} loading={busy === 'save'} disabled={!sumsOk}>
                保存草稿
              </Button>
            </Tooltip>
            <Popconfirm title="保存并启用这一版？" description="此后新建的评价使用这一版；已有评价仍按其所用版本显示。" okText="启用" cancelText="取消" onConfirm={() => save(true)} disabled={!sumsOk}>
              <Button type="primary" loading={busy === 'activate'} disabled={!sumsOk}>
                保存并启用
              </Button>
            </Popconfirm>
          </Space>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" requiredMark={false} onValuesChange={() => setDirty(true)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="模板名称" name="templateName" rules={rules('templateName', true)}>
              <Input maxLength={50} aria-label="模板名称" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="达标线（分）" name="threshold" rules={rules('threshold', true)} tooltip="阶段得分达到达标线且此前各阶段均达标，视为达到该阶段">
              <InputNumber style={{ width: '100%' }} aria-label="达标线" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="说明" name="notes" rules={rules('notes')}>
              <Input maxLength={1000} aria-label="模板说明" />
            </Form.Item>
          </Col>
        </Row>
        <Card size="small" title="评价主体权重（%）" extra={<SumLine label="评价主体权重" sum={raterSum} />} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            {GROWTH_RATERS.map((r) => (
              <Col span={6} key={r}>
                <Form.Item label={r} name={['raterWeights', r]} rules={rules(['raterWeights', r], true)} style={{ marginBottom: 0 }}>
                  <InputNumber style={{ width: '100%' }} aria-label={`${r}权重`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            某一主体缺评时，结果按在评主体的权重重新分配，并标记为“部分评价”。
          </Typography.Text>
        </Card>
        <Form.List name="stages">
          {(stageFields) =>
            stageFields.map((sf, i) => {
              const stage = GROWTH_STAGES[i];
              const stageSum = weightSum((stages?.[i]?.indicators ?? []).map((x) => x?.weight));
              return (
                <Card
                  key={sf.key}
                  size="small"
                  style={{ marginBottom: 16, borderTop: `3px solid ${STAGE_COLORS[stage]}` }}
                  title={<span style={{ color: STAGE_COLORS[stage] }}>{stage}</span>}
                  extra={<Typography.Text type="secondary">{`本阶段权重合计 ${formatScore(stageSum)}`}</Typography.Text>}
                >
                  <Form.Item name={[sf.name, 'stageDescription']} rules={rules(['stages', i, 'stageDescription'])} style={{ marginBottom: 12 }}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} placeholder="阶段说明" aria-label={`${stage}阶段说明`} />
                  </Form.Item>
                  <Row gutter={8} style={{ marginBottom: 4 }}>
                    {[
                      ['指标名称', 4],
                      ['权重', 3],
                      ['指标说明', 8],
                      ['评分说明', 8],
                    ].map(([l, span]) => (
                      <Col key={l} span={span as number}>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {l}
                        </Typography.Text>
                      </Col>
                    ))}
                  </Row>
                  <Form.List name={[sf.name, 'indicators']}>
                    {(fields, { add, remove }) => (
                      <>
                        {fields.map((f, j) => (
                          <Row key={f.key} gutter={8} align="top">
                            <Col span={4}>
                              <Form.Item name={[f.name, 'indicatorName']} rules={rules(['stages', i, 'indicators', j, 'indicatorName'], true)} style={{ marginBottom: 8 }}>
                                <Input maxLength={30} prefix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${i + 1}.${j + 1}`}</Typography.Text>} aria-label={`${stage}指标${j + 1}名称`} />
                              </Form.Item>
                            </Col>
                            <Col span={3}>
                              <Form.Item name={[f.name, 'weight']} rules={rules(['stages', i, 'indicators', j, 'weight'], true)} style={{ marginBottom: 8 }}>
                                <InputNumber style={{ width: '100%' }} aria-label={`${stage}指标${j + 1}权重`} />
                              </Form.Item>
                            </Col>
                            <Col span={8}>
                              <Form.Item name={[f.name, 'indicatorDescription']} rules={rules(['stages', i, 'indicators', j, 'indicatorDescription'])} style={{ marginBottom: 8 }}>
                                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} aria-label={`${stage}指标${j + 1}说明`} />
                              </Form.Item>
                            </Col>
                            <Col span={8}>
                              <Form.Item name={[f.name, 'guidance']} rules={rules(['stages', i, 'indicators', j, 'guidance'])} style={{ marginBottom: 8 }}>
                                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} aria-label={`${stage}指标${j + 1}评分说明`} />
                              </Form.Item>
                            </Col>
                            <Col span={1}>
                              <Tooltip title={fields.length <= 1 ? '每个阶段至少应有一项指标' : '删除这项指标'}>
                                <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => (remove(f.name), setDirty(true))} aria-label={`删除${stage}指标${j + 1}`} />
                              </Tooltip>
                            </Col>
                          </Row>
                        ))}
                        <Button type="dashed" size="small" icon={<PlusOutlined />} disabled={fields.length >= 12} onClick={() => (add({ indicatorName: '', indicatorDescription: '', weight: null, guidance: '' }), setDirty(true))}>
                          添加指标
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              );
            })
          }
        </Form.List>
      </Form>
    </Drawer>
  );
}
