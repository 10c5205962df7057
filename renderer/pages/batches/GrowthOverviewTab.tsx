import { FormOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Segmented, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { GROWTH_STAGES, type BatchGrowthRow } from '../../../shared/growth';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { BatchDistributionChart } from '../growth/BatchDistributionChart';
import { formatScore, LEVEL_COLORS, STAGE_COLORS } from '../growth/growthStyle';
import { PartialBadge } from '../growth/PartialBadge';
import { PeriodStackChart } from '../growth/PeriodStackChart';
import { ReachedTag } from '../growth/ReachedTag';
import { StageAverageChart } from '../growth/StageAverageChart';
import { WorkflowStateTag } from '../postings/WorkflowStateTag';

/**
 * 成长评价 of a batch for one period: how many reached each stage (how many are 传递者 now), the average per stage,
 * the level counts across the periods, each member's result, and who has not been evaluated yet (with 去评价).
 * Everything comes from `growth:batchOverview`.
 */
export function GrowthOverviewTab({ batchId }: { batchId: number }) {
  const navigate = useNavigate();
  // A role that may not score sees 查看 instead of 去评价, and no way to start an evaluation.
  const mayEvaluate = useSession().canCall('growth:saveRater');
  const [period, setPeriod] = useState('');
  const o = useApi('growth:batchOverview', { batchId, period });
  const active = useApi('growth:templateActive', {});

  if (o.error) return <Alert type="error" showIcon title={o.error} />;
  if (!o.data) return <Skeleton active />;
  const d = o.data;
  const goEvaluate = (m: { postingId: number; evaluationId: number | null }) =>
    navigate(m.evaluationId ? `/growth/${m.evaluationId}` : `/postings/${m.postingId}?tab=growth&new=${encodeURIComponent(d.period)}`);
  const transmitters = d.distribution.find((x) => x.level === 4)?.count ?? 0;

  if (!d.members) return <Empty description="本批次还没有在岗成员" />;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Space size={12} wrap>
          <Typography.Text strong>评价时段</Typography.Text>
          {d.periods.length ? (
            <Segmented aria-label="评价时段" value={d.period} onChange={(v) => setPeriod(String(v))} options={d.periods} />
          ) : (
            <Typography.Text type="secondary">{`本批次尚无成长评价（默认查看${d.period}）`}</Typography.Text>
          )}
        </Space>
        <Button icon={<SettingOutlined />} onClick={() => navigate('/growth/templates')}>
          评价模板
        </Button>
      </Flex>

      <Flex gap={40} wrap>
        <Statistic title="应评成员" value={d.members} suffix="人" />
        <Statistic title="已评价" value={d.evaluated} suffix="人" />
        <Statistic title="未评价" value={d.notEvaluated.length} suffix="人" styles={{ content: d.notEvaluated.length ? { color: '#d48806' } : undefined }} />
        <Statistic title="达到传递者" value={transmitters} suffix="人" styles={{ content: transmitters ? { color: LEVEL_COLORS[4], fontWeight: 700 } : undefined }} />
        <Statistic title="平均总分" value={d.averageTotal ?? '—'} />
      </Flex>

      {d.notEvaluated.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`${d.period}尚未评价（${d.notEvaluated.length}人）`}
          description={
            <Flex wrap gap={8} style={{ marginTop: 4 }}>
              {d.notEvaluated.map((m) =>
                mayEvaluate ? (
                  <Button key={m.postingId} size="small" onClick={() => goEvaluate(m)} aria-label={`去评价${m.name}`}>
                    {m.name}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {m.evaluationId ? '（评分未完成）' : ''}
                    </Typography.Text>
                    去评价 <RightOutlined />
                  </Button>
                ) : (
                  <Typography.Text key={m.postingId}>
                    {m.name}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {m.evaluationId ? '（评分未完成）' : ''}
                    </Typography.Text>
                  </Typography.Text>
                ),
              )}
            </Flex>
          }
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card size="small" title={`达到阶段分布 · ${d.period}`}>
            {d.evaluated ? <BatchDistributionChart o={d} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本时段尚无完整评分" />}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={`各阶段平均分 · ${d.period}`}>
            {d.evaluated ? (
              <StageAverageChart o={d} threshold={active.data?.threshold ?? null} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本时段尚无完整评分" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="各时段阶段分布">
            {d.byPeriod.length ? <PeriodStackChart o={d} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无成长评价" />}
          </Card>
        </Col>
      </Row>

      <Table<BatchGrowthRow>
        rowKey="postingId"
        size="small"
        dataSource={d.rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90, render: (v: string, r) => <a onClick={() => navigate(`/postings/${r.postingId}?tab=growth`)}>{v}</a> },
          { title: '挂职单位', dataIndex: 'hostUnit', ellipsis: true, render: (v: string) => v || '—' },
          { title: '状态', key: 'state', width: 90, render: (_, r) => (r.state ? <WorkflowStateTag state={r.state} /> : <Typography.Text type="secondary">—</Typography.Text>) },
          ...GROWTH_STAGES.map((s, i) => ({
            title: <span style={{ color: STAGE_COLORS[s] }}>{s}</span>,
            key: s,
            width: 72,
            align: 'right' as const,
            render: (_: unknown, r: BatchGrowthRow) => formatScore(r.stageScores[i]),
          })),
          {
            title: '总分',
            dataIndex: 'total',
            width: 72,
            align: 'right',
            sorter: (a, b) => (a.total ?? -1) - (b.total ?? -1),
            render: (v: number | null) => <Typography.Text strong>{formatScore(v)}</Typography.Text>,
          },
          {
            title: '达到阶段',
            key: 'reached',
            width: 200,
            sorter: (a, b) => a.reachedLevel - b.reachedLevel,
            render: (_, r) => (
              <Space size={4} wrap>
                <ReachedTag level={r.reachedLevel} label={r.reachedLabel} scored={r.total !== null} />
                {r.partial && <PartialBadge />}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'ops',
            width: 100,
            render: (_, r) =>
              r.total !== null || !mayEvaluate ? (
                r.evaluationId !== null && (
                  <Button size="small" onClick={() => goEvaluate(r)} aria-label={`查看${r.name}的成长评价`}>
                    查看
                  </Button>
                )
              ) : (
                <Button size="small" type="primary" ghost icon={<FormOutlined />} onClick={() => goEvaluate(r)} aria-label={`去评价${r.name}`}>
                  去评价
                </Button>
              ),
          },
        ]}
      />
    </Flex>
  );
}
