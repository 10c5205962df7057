import { ArrowLeftOutlined, CheckCircleOutlined, CopyOutlined, DeleteOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Space, Table, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { GROWTH_RATERS, type GrowthTemplate, type GrowthTemplateSummary } from '../../../shared/growth';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { formatScore } from './growthStyle';
import { TemplateEditorDrawer, type TemplateEditTarget } from './TemplateEditorDrawer';
import { templateInput } from './templateInput';
import { TemplateStatusTag } from './TemplateStatusTag';
import { TemplateViewDrawer } from './TemplateViewDrawer';
import { formatDateTime, formatDay } from '../../../shared/dateText';

/**
 * 评价模板 (`/growth/templates`): the versions of the growth-evaluation template. A version in use is never changed:
 * staff copy one into a new draft, edit it (weights must add up to 100), and activate it; evaluations keep the version
 * they pinned. `?view=<id>` opens a version.
 */
export function TemplatesPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { canCall, refusalOf } = useSession();
  const mayEdit = canCall('growth:templateSave');
  const [params, setParams] = useSearchParams();
  const list = useApi('growth:templateList', {});
  const [editing, setEditing] = useState<TemplateEditTarget | null>(null);
  const viewing = Number(params.get('view')) || null;
  const view = (id: number | null) => setParams(id ? { view: String(id) } : {}, { replace: true });
  const versions = list.data ?? [];
  const versionOf = (id: number | null) => versions.find((v) => v.id === id)?.version;

  const copy = (t: GrowthTemplate) => {
    view(null);
    setEditing({ basedOnVersion: t.version, data: templateInput(t, t.id) });
  };
  const load = async (id: number, then: (t: GrowthTemplate) => void) => {
    try {
      then(await api('growth:templateGet', { id }));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const edit = (s: GrowthTemplateSummary) => load(s.id, (t) => setEditing({ id: t.id, version: t.version, basedOnVersion: versionOf(t.basedOnId), data: templateInput(t, t.basedOnId) }));
  const activate = async (s: GrowthTemplateSummary) => {
    try {
      const t = await api('growth:templateActivate', { id: s.id });
      message.success(`第${t.version}版已启用：此后新建的评价使用这一版`);
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const remove = async (s: GrowthTemplateSummary) => {
    try {
      await api('growth:templateDelete', { id: s.id });
      message.success(`第${s.version}版（草稿）已删除`);
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const active = versions.find((v) => v.status === '启用');

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="start" gap={16}>
          <Flex vertical gap={4}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              成长评价模板
            </Typography.Title>
            <Typography.Text type="secondary">
              “从学习者到传递者”四个阶段的评价指标、权重和达标线。启用的版本用于新建评价；已有评价始终按其所用版本显示。
              {mayEdit ? '要修改，请“复制为新版本”，改好后启用。' : `修改模板${refusalOf('growth:templateSave')}。`}
            </Typography.Text>
            {active && (
              <Typography.Text>
                当前启用：
                <a onClick={() => view(active.id)}>{`第${active.version}版“${active.templateName}”`}</a>
                {`，达标线 ${formatScore(active.threshold)} 分，${active.indicatorCount} 项指标`}
              </Typography.Text>
            )}
          </Flex>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
            返回
          </Button>
        </Flex>
      </Card>
      <Card title={`版本（${versions.length}）`}>
        {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
        <Table<GrowthTemplateSummary>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={versions}
          pagination={false}
          // 名称 keeps a readable width and wraps (it was squeezed to one character); below that the table scrolls.
          scroll={{ x: mayEdit ? 1060 : 940 }}
          columns={[
            { title: '版本', key: 'v', width: 64, render: (_, s) => <Typography.Text strong>{`第${s.version}版`}</Typography.Text> },
            { title: '名称', dataIndex: 'templateName', minWidth: 200, render: (v: string, s) => <a onClick={() => view(s.id)}>{v}</a> },
            { title: '状态', key: 'status', width: 64, render: (_, s) => <TemplateStatusTag status={s.status} /> },
            { title: '指标', dataIndex: 'indicatorCount', width: 60, align: 'right', render: (n: number) => `${n} 项` },
            { title: '达标线', dataIndex: 'threshold', width: 68, align: 'right', render: formatScore },
            {
              title: '评价主体权重',
              key: 'w',
              width: 156,
              render: (_, s) => (
                <Typography.Text type="secondary" style={{ fontSize: 12, lineHeight: 1.6, whiteSpace: 'nowrap' }}>
                  {`${GROWTH_RATERS.slice(0, 2).map((r) => `${r} ${formatScore(s.raterWeights[r])}`).join(' · ')}`}
                  <br />
                  {`${GROWTH_RATERS.slice(2).map((r) => `${r} ${formatScore(s.raterWeights[r])}`).join(' · ')}`}
                </Typography.Text>
              ),
            },
            { title: '使用', dataIndex: 'usedBy', width: 60, align: 'right', render: (n: number) => `${n} 份` },
            { title: '来源', key: 'b', width: 96, render: (_, s) => (s.basedOnId ? `复制自第${versionOf(s.basedOnId) ?? '?'}版` : '—') },
            {
              title: '修改时间',
              dataIndex: 'updatedAt',
              width: 100,
              render: (v: string) => <Tooltip title={formatDateTime(v)}>{formatDay(v)}</Tooltip>,
            },
            {
              title: '操作',
              key: 'ops',
              width: mayEdit ? 200 : 80,
              render: (_, s) => (
                <Space size={4} wrap>
                  <Button size="small" icon={<EyeOutlined />} onClick={() => view(s.id)}>
                    查看
                  </Button>
                  {mayEdit && (
                    <Button size="small" icon={<CopyOutlined />} onClick={() => load(s.id, copy)} aria-label={`复制第${s.version}版为新版本`}>
                      复制为新版本
                    </Button>
                  )}
                  {s.status === '草稿' && mayEdit && (
                    <Button size="small" icon={<EditOutlined />} onClick={() => edit(s)}>
                      编辑
                    </Button>
                  )}
                  {s.status !== '启用' && canCall('growth:templateActivate') && (
                    <Popconfirm title={`启用第${s.version}版？`} description="此后新建的评价使用这一版；已有评价不受影响。" okText="启用" cancelText="取消" onConfirm={() => activate(s)}>
                      <Button size="small" type="primary" ghost icon={<CheckCircleOutlined />}>
                        启用
                      </Button>
                    </Popconfirm>
                  )}
                  {s.status === '草稿' && s.usedBy === 0 && canCall('growth:templateDelete') && (
                    <Popconfirm title={`删除第${s.version}版（草稿）？`} okText="删除" cancelText="取消" onConfirm={() => remove(s)}>
                      <Tooltip title="删除草稿">
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除第${s.version}版`} />
                      </Tooltip>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <TemplateViewDrawer id={viewing} onClose={() => view(null)} onCopy={mayEdit ? copy : undefined} />
      <TemplateEditorDrawer target={editing} onClose={() => setEditing(null)} onSaved={() => list.reload()} />
    </Flex>
  );
}
