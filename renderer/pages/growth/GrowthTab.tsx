import { DeleteOutlined, FormOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Skeleton, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { PostingHeader } from '../../../shared/assessment';
import { GROWTH_STAGES, NOT_SCORED_LABEL, quarterDays, quarterNumber, type GrowthEvaluationSummary } from '../../../shared/growth';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { WorkflowStateTag } from '../postings/WorkflowStateTag';
import { GrowthRadar } from './GrowthRadar';
import { formatScore, STAGE_COLORS } from './growthStyle';
import { NewEvaluationModal } from './NewEvaluationModal';
import { PartialBadge } from './PartialBadge';
import { ReachedTag } from './ReachedTag';
import { TrajectoryChart } from './TrajectoryChart';

/**
 * 成长评价 of a posting (“从学习者到传递者”): the trajectory of the four stage scores across the periods with the stage
 * reached, a radar of the latest evaluation, and the evaluations by period. `?new=第二季度` opens 新建评价 on that period
 * (the batch overview's 去评价 links here).
 */
export function GrowthTab({ posting }: { posting: PostingHeader }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const list = useApi('growth:listByPosting', { postingId: posting.id });
  const trajectory = useApi('growth:trajectory', { postingId: posting.id });
  const { canCall } = useSession();
  const mayCreate = canCall('growth:save');
  const mayScore = canCall('growth:saveRater');
  const wanted = params.get('new');
  const [creating, setCreating] = useState(wanted !== null && mayCreate);

  if (list.error) return <Alert type="error" showIcon title={list.error} />;
  if (!list.data) return <Skeleton active />;
  const items = list.data;
  const t = trajectory.data;
  const latest = [...items].reverse().find((e) => e.result.scored);

  const closeNew = () => {
    setCreating(false);
    if (wanted !== null) {
      params.delete('new');
      setParams(params, { replace: true });
    }
  };
  const remove = async (e: GrowthEvaluationSummary) => {
    try {
      await api('growth:delete', { id: e.id });
      message.success(`成长评价（${e.period}）已删除`);
      list.reload();
      trajectory.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const periodDays = (e: GrowthEvaluationSummary) => {
    if (e.periodKind === 'quarter') {
      const q = quarterDays(posting.startDate, quarterNumber(e.period));
      return `${q.start}—${q.end}`;
    }
    return e.periodKind === 'milestone' ? `节点 ${e.milestoneDate}` : '终期评价';
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Space size={12} align="center" wrap>
          <Typography.Text strong style={{ fontSize: 15 }}>
            从学习者到传递者
          </Typography.Text>
          {latest ? (
            <Space size={6}>
              <Typography.Text type="secondary">{`当前（${latest.period}）达到`}</Typography.Text>
              <ReachedTag level={latest.result.reachedLevel} label={latest.result.reachedLabel} size="large" />
              {latest.result.total !== null && <Typography.Text type="secondary">{`总分 ${formatScore(latest.result.total)}`}</Typography.Text>}
            </Space>
          ) : (
            <Typography.Text type="secondary">{items.length ? '尚无完整评分的评价' : '尚未开展成长评价'}</Typography.Text>
          )}
        </Space>
        <Space>
          <Button icon={<SettingOutlined />} onClick={() => navigate('/growth/templates')}>
            评价模板
          </Button>
          {mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建评价
            </Button>
          )}
        </Space>
      </Flex>

      {items.length === 0 ? (
        <Empty description="尚无成长评价：每季度（或自定义节点）和期满时各评价一次，由本人、挂职单位、派出单位、组织部门分别打分">
          {mayCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建第一次评价
            </Button>
          )}
        </Empty>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={15}>
              <Card size="small" title="成长轨迹" extra={<Typography.Text type="secondary">四个阶段的得分，顶部为各时段达到的阶段</Typography.Text>}>
                {t ? <TrajectoryChart t={t} /> : <Skeleton active />}
              </Card>
            </Col>
            <Col xs={24} xl={9}>
              <Card size="small" title="最近一次评价" style={{ height: '100%' }}>
                {t?.radar ? <GrowthRadar radar={t.radar} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={NOT_SCORED_LABEL} />}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={`评价记录（${items.length}）`}>
            <Table<GrowthEvaluationSummary>
              rowKey="id"
              size="small"
              dataSource={items}
              pagination={false}
              onRow={(e) => ({ onDoubleClick: () => navigate(`/growth/${e.id}`) })}
              columns={[
                {
                  title: '时段',
                  key: 'period',
                  width: 190,
                  render: (_, e) => (
                    <Flex vertical>
                      <a onClick={() => navigate(`/growth/${e.id}`)}>{e.period}</a>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {periodDays(e)}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                { title: '状态', key: 'state', width: 90, render: (_, e) => <WorkflowStateTag state={e.state} /> },
                ...GROWTH_STAGES.map((s, i) => ({
                  title: <span style={{ color: STAGE_COLORS[s] }}>{s}</span>,
                  key: s,
                  width: 76,
                  align: 'right' as const,
                  render: (_: unknown, e: GrowthEvaluationSummary) => {
                    const x = e.result.stageScores[i];
                    return <span style={{ color: x?.meetsThreshold ? undefined : '#bfbfbf' }}>{formatScore(x?.score)}</span>;
                  },
                })),
                { title: '总分', key: 'total', width: 76, align: 'right', render: (_, e) => <Typography.Text strong>{formatScore(e.result.total)}</Typography.Text> },
                {
                  title: '达到阶段',
                  key: 'reached',
                  width: 200,
                  render: (_, e) => (
                    <Space size={4} wrap>
                      <ReachedTag level={e.result.reachedLevel} label={e.result.reachedLabel} scored={e.result.scored} />
                      {e.result.partial && <PartialBadge missing={e.result.missingRaters} />}
                    </Space>
                  ),
                },
                { title: '模板', key: 'tpl', width: 70, render: (_, e) => `第${e.templateVersion}版` },
                {
                  title: '操作',
                  key: 'ops',
                  width: 130,
                  render: (_, e) => (
                    <Space size={4}>
                      <Button size="small" icon={<FormOutlined />} onClick={() => navigate(`/growth/${e.id}`)} aria-label={`打开成长评价（${e.period}）`}>
                        {e.state === '草稿' && mayScore ? '评分' : '查看'}
                      </Button>
                      {e.state === '草稿' && canCall('growth:delete') && (
                        <Popconfirm title={`删除成长评价（${e.period}）？`} description="各评价主体的评分将一并删除。" okText="删除" cancelText="取消" onConfirm={() => remove(e)}>
                          <Tooltip title="删除草稿">
                            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除成长评价（${e.period}）`} />
                          </Tooltip>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
      <NewEvaluationModal posting={posting} taken={items.map((e) => e.period)} open={creating} initialPeriod={wanted ?? undefined} onClose={closeNew} />
    </Flex>
  );
}
