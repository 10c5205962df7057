import { ExperimentOutlined, ImportOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Skeleton, Space, Statistic } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, errorMessage } from '../api/client';
import { useApi } from '../api/useApi';
import { useSession } from '../auth/session';
import { RemindersCard } from '../components/postings/RemindersCard';
import { OnPostWarningsCard } from '../components/OnPostWarningsCard';

/** 首页: a friendly start on an empty database; an overview once there are files. */
export function HomePage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { canCall } = useSession();
  const info = useApi('app:info', {});
  const [loadingDemo, setLoadingDemo] = useState(false);

  const loadDemo = async () => {
    setLoadingDemo(true);
    try {
      const r = await api('demo:load', {});
      message.success(`示例数据已载入：新增干部档案 ${r.cadres} 份（均为虚构人员）`);
      info.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoadingDemo(false);
    }
  };

  if (info.loading && !info.data) return <Skeleton active />;
  if (info.error) return <Alert type="error" showIcon message="无法读取数据" description={info.error} />;
  const empty = (info.data?.cadreCount ?? 0) === 0;

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
      {canCall('demo:load') && (
        <Button icon={<ExperimentOutlined />} loading={loadingDemo} onClick={loadDemo}>
          载入示例数据
        </Button>
      )}
    </Space>
  );

  if (empty) {
    return (
      <Card>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Space direction="vertical" size={4}>
              <span style={{ fontSize: 16, fontWeight: 600 }}>还没有干部档案</span>
              <span>可以新建一份档案，从任免审批表（.lrmx）或花名册（Excel）导入，或先载入示例数据看看效果。</span>
            </Space>
          }
        >
          {actions}
        </Empty>
      </Card>
    );
  }

  return (
    <Flex vertical gap={16}>
      <h1 className="page-title">首页</h1>
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
