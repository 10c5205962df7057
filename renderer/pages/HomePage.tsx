import { ClearOutlined, ExperimentOutlined, ImportOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Skeleton, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeDemoClear, type DemoClearReport } from '../../shared/demo';
import { api, errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useSession } from '../auth/session';
import { RemindersCard } from '../components/postings/RemindersCard';
import { OnPostWarningsCard } from '../components/OnPostWarningsCard';

/** What 清除示例数据 keeps, and why (archived records, the clerk's own people). */
function KeptList({ report }: { report: DemoClearReport }) {
  if (!report.kept.length) return null;
  return (
    <div data-testid="demo-kept">
      <Typography.Paragraph strong style={{ margin: '8px 0 4px' }}>
        以下内容保留：
      </Typography.Paragraph>
      <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 240, overflow: 'auto' }}>
        {report.kept.map((k, i) => (
          <li key={i}>
            <strong>{k.what}</strong>：{k.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** 首页: a friendly start on an empty database; an overview once there are files. */
export function HomePage() {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const { canCall } = useSession();
  const info = useApi('app:info', {});
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const loadDemo = () =>
    modal.confirm({
      title: '载入示例数据？',
      width: 520,
      content: (
        <Space direction="vertical" size={4}>
          <span>将新增 15 份虚构人员的干部档案和 2 个挂职批次，以及挂职记录、考核记录、工作实绩和成长评价，供熟悉系统使用。</span>
          <span>示例数据都有标记，正式使用前可在首页点击“清除示例数据”一次删除；示例中的记录不归档（已归档的记录永久保存，不能删除）。</span>
        </Space>
      ),
      okText: '载入示例数据',
      cancelText: '取消',
      onOk: () =>
        run(async () => {
          const r = await api('demo:load', {});
          message.success(`示例数据已载入：干部档案 ${r.cadres} 份、批次 ${r.batches} 个（均为虚构人员）`);
          info.reload();
        }),
    });

  const clearDemo = () =>
    run(async () => {
      const preview = await api('demo:clear', { preview: true });
      modal.confirm({
        title: '清除示例数据？',
        width: 600,
        content: (
          <div>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{describeDemoClear(preview)}。</Typography.Paragraph>
            {preview.removedNames.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                示例人员：{preview.removedNames.join('、')}
              </Typography.Paragraph>
            )}
            <Typography.Paragraph style={{ marginBottom: 4 }}>不是示例数据的档案、批次和记录不受影响。清除后不能撤销。</Typography.Paragraph>
            <KeptList report={preview} />
          </div>
        ),
        okText: '清除示例数据',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: () =>
          run(async () => {
            const r = await api('demo:clear', {});
            info.reload();
            if (r.kept.length) modal.info({ title: '示例数据已清除', width: 600, okText: '知道了', content: (<div><Typography.Paragraph>{describeDemoClear(r)}。</Typography.Paragraph><KeptList report={r} /></div>) });
            else message.success(`${describeDemoClear(r)}`);
          }),
      });
    });

  if (info.loading && !info.data) return <Skeleton active />;
  if (info.error) return <Alert type="error" showIcon message="无法读取数据" description={info.error} />;
  const empty = (info.data?.cadreCount ?? 0) === 0;
  const demo = info.data?.demo;
  const offerDemo = !!demo?.offer && canCall('demo:load');
  const hasDemo = !!demo && demo.cadres + demo.batches > 0;

  const actions = (
    <Space wrap>
      {canCall('cadre:save') && (
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => navigate('/cadres/new')}>
          新建干部档案
        </Button>
      )}
      {canCall('lrmx:import') && (
        <Button icon={<ImportOutlined />} onClick={() => navigate('/import')}>
          导入
        </Button>
      )}
      {offerDemo && (
        <Button icon={<ExperimentOutlined />} loading={busy} onClick={loadDemo}>
          载入示例数据
        </Button>
      )}
    </Space>
  );

  const demoBanner = hasDemo && (
    <Alert
      type="warning"
      showIcon
      message={`当前数据中有示例数据（虚构人员）：干部档案 ${demo!.cadres} 份、批次 ${demo!.batches} 个`}
      description="示例数据仅供熟悉系统使用，正式录入前请清除；清除只删除示例数据，不影响您录入的档案。"
      action={
        canCall('demo:clear') && (
          <Button danger icon={<ClearOutlined />} loading={busy} onClick={clearDemo}>
            清除示例数据
          </Button>
        )
      }
    />
  );

  if (empty) {
    return (
      <Flex vertical gap={16}>
        {demoBanner}
        <Card>
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Space direction="vertical" size={4}>
                <span style={{ fontSize: 16, fontWeight: 600 }}>还没有干部档案</span>
                <span>{offerDemo ? '可以新建一份档案，从任免审批表（.lrmx）或花名册（Excel）导入，或先载入示例数据看看效果。' : '可以新建一份档案，或从任免审批表（.lrmx）、花名册（Excel）导入。'}</span>
              </Space>
            }
          >
            {actions}
          </Empty>
        </Card>
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16}>
      <h1 className="page-title">首页</h1>
      {demoBanner}
      <Card>
        <Flex gap={48} align="center" wrap>
          <Statistic title="干部档案" value={info.data?.cadreCount} suffix="份" />
          {actions}
        </Flex>
      </Card>
      <RemindersCard />
      <OnPostWarningsCard />
    </Flex>
  );
}
