import { ArrowLeftOutlined, PrinterOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { formatPercent } from '../../../shared/onPost';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { DocumentPreviewModal } from '../../components/DocumentPreviewModal';
import { OnPostThresholdModal } from '../../components/OnPostThresholdModal';
import { StatusTag } from '../../components/postings/StatusTag';
import { LeaveTab } from './LeaveTab';
import { RecordsTab } from './RecordsTab';
import { ResultsTab } from './ResultsTab';
import { GrowthTab } from '../growth/GrowthTab';

const TABS = ['records', 'leave', 'results', 'growth'] as const;

/** 考核与实绩 of one posting: its records (with the submit-and-lock workflow), leave and on-post days, work results. */
export function PostingPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { canCall } = useSession();
  const [params, setParams] = useSearchParams();
  const page = useApi('record:listByPosting', { postingId: id });
  const onPost = useApi('onpost:summary', { postingId: id });
  const [settings, setSettings] = useState(false);
  const [printing, setPrinting] = useState<'appraisal' | 'growth' | null>(null);
  // Bumped when the threshold changes here, so that the leave tab reads it again.
  const [thresholdVersion, setThresholdVersion] = useState(0);
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'records';

  if (page.loading && !page.data) return <Skeleton active />;
  if (page.error || !page.data) return <Alert type="error" showIcon title="无法打开挂职记录" description={page.error} action={<Button onClick={() => navigate(-1)}>返回</Button>} />;
  const p = page.data.posting;
  const o = onPost.data;

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="start" gap={16}>
          <Flex vertical gap={6}>
            <Space size={12} align="baseline" wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                <a onClick={() => navigate(`/cadres/${p.cadreId}`)}>{p.cadreName}</a>
              </Typography.Title>
              <Typography.Text style={{ fontSize: 16 }}>考核与实绩</Typography.Text>
            </Space>
            <Space wrap>
              <Typography.Text strong>{p.hostUnit || '挂职单位未填'}</Typography.Text>
              <Typography.Text>{p.hostPost}</Typography.Text>
              <StatusTag status={p.status} />
              <Tag color={p.direction === '派出' ? 'volcano' : 'geekblue'}>{p.direction}</Tag>
            </Space>
            <Typography.Text type="secondary">
              挂职期间 {p.startDate}—{p.actualEndDate || `${p.plannedEndDate}（计划）`}
              {p.batchId && (
                <>
                  {' · 批次 '}
                  <a onClick={() => navigate(`/batches/${p.batchId}`)}>{p.batchName}</a>
                </>
              )}
              {o && o.ratio !== null && ` · 在岗率 ${formatPercent(o.ratio)}`}
            </Typography.Text>
          </Flex>
          <Space wrap>
            {canCall('document:appraisal') && (
              <Button icon={<PrinterOutlined />} onClick={() => setPrinting('appraisal')}>
                考核鉴定表
              </Button>
            )}
            {canCall('document:growth') && (
              <Button icon={<PrinterOutlined />} onClick={() => setPrinting('growth')}>
                成长评价报告
              </Button>
            )}
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/cadres/${p.cadreId}`)}>
              返回干部档案
            </Button>
          </Space>
        </Flex>
        {o?.belowThreshold && (
          <Alert
            type="warning"
            showIcon
            icon={<WarningOutlined />}
            style={{ marginTop: 12 }}
            title={`在岗率 ${formatPercent(o.ratio)}，低于预警阈值 ${formatPercent(o.threshold)}`}
            description={`截至 ${o.span?.endDate ?? o.today}：挂职 ${o.postingDays} 天，请假 ${o.leaveDays} 天，在岗 ${o.onPostDays} 天。请核实是否存在“空挂”“虚挂”情况。`}
            action={
              <Space orientation="vertical" size={4}>
                <Button size="small" onClick={() => setParams({ tab: 'leave' }, { replace: true })}>
                  查看请销假
                </Button>
                {canCall('setting:set') && (
                  <Button size="small" type="text" onClick={() => setSettings(true)}>
                    调整阈值
                  </Button>
                )}
              </Space>
            }
          />
        )}
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'records', label: '考核记录', children: <RecordsTab page={page.data} onChanged={page.reload} /> },
            { key: 'leave', label: '请销假/在岗', children: <LeaveTab key={thresholdVersion} posting={p} onChanged={onPost.reload} /> },
            { key: 'results', label: '工作实绩', children: <ResultsTab posting={p} /> },
            { key: 'growth', label: '成长评价', children: <GrowthTab posting={p} /> },
          ]}
        />
      </Card>
      <DocumentPreviewModal
        title={`${printing === 'growth' ? '成长评价报告' : '挂职干部考核鉴定表'} · ${p.cadreName}`}
        open={printing !== null}
        onClose={() => setPrinting(null)}
        load={() => api(printing === 'growth' ? 'document:growth' : 'document:appraisal', { postingId: id })}
      />
      <OnPostThresholdModal open={settings} onClose={() => setSettings(false)} onSaved={() => (setSettings(false), setThresholdVersion((v) => v + 1), onPost.reload())} />
    </Flex>
  );
}
