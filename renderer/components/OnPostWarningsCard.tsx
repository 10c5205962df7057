import { SettingOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { formatPercent } from '../../shared/onPost';
import { useApi } from '../api/useApi';
import { OnPostThresholdModal } from './OnPostThresholdModal';
import { StatusTag } from './postings/StatusTag';

/** 在岗率预警: running postings whose on-post ratio is below the threshold, lowest first; the threshold is set here. */
export function OnPostWarningsCard() {
  const navigate = useNavigate();
  const w = useApi('onpost:warnings', {});
  const [settings, setSettings] = useState(false);
  if (w.error) return <Alert type="error" showIcon title={w.error} />;
  const d = w.data;
  return (
    <Card
      title={
        <span>
          在岗率预警 <Badge count={d?.items.length ?? 0} color="#f5222d" showZero />
        </span>
      }
      loading={w.loading && !d}
      extra={
        <Space>
          {d && <Typography.Text type="secondary">预警阈值 {formatPercent(d.threshold)}</Typography.Text>}
          <Button size="small" icon={<SettingOutlined />} onClick={() => setSettings(true)}>
            设置阈值
          </Button>
        </Space>
      }
    >
      {d && !d.items.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`在岗或延期的挂职干部在岗率均不低于 ${formatPercent(d.threshold)}`} />}
      {d && d.items.length > 0 && (
        <List
          size="small"
          dataSource={d.items}
          renderItem={(r) => (
            <List.Item
              actions={[
                <a key="go" onClick={() => navigate(`/postings/${r.postingId}?tab=leave`)}>
                  查看请销假
                </a>,
              ]}
            >
              <List.Item.Meta
                title={
                  <span>
                    <a onClick={() => navigate(`/postings/${r.postingId}`)}>{r.cadreName}</a> <StatusTag status={r.status} />
                    {r.batchName && <Tag>{r.batchName}</Tag>}
                    <Typography.Text type="danger" strong style={{ marginLeft: 4 }}>
                      在岗率 {formatPercent(r.ratio)}
                    </Typography.Text>
                  </span>
                }
                description={`${r.hostUnit || '挂职单位未填'} ${r.hostPost} · ${r.startDate}—${r.countedTo} 挂职 ${r.postingDays} 天，请假 ${r.leaveDays} 天，在岗 ${r.onPostDays} 天`}
              />
            </List.Item>
          )}
        />
      )}
      {d && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          截至 {d.today}
        </Typography.Text>
      )}
      <OnPostThresholdModal open={settings} onClose={() => setSettings(false)} onSaved={() => (setSettings(false), w.reload())} />
    </Card>
  );
}
