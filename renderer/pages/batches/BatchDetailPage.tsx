import { EditOutlined, ExportOutlined, PrinterOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Skeleton, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { termMismatches, type Batch, type BatchMember } from '../../../shared/batch';
import { POSTING_STATUSES } from '../../../shared/codes/secondment';
import type { Mentor } from '../../../shared/posting';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { AddMembersModal } from '../../components/AddMembersModal';
import { HistoryList } from '../../components/HistoryList';
import { PostingEditModal, type PostingEditTarget } from '../../components/postings/PostingEditModal';
import { StatusChangeModal, type StatusTarget } from '../../components/postings/StatusChangeModal';
import { StatusTag } from '../../components/postings/StatusTag';
import { DocumentPreviewModal } from '../../components/DocumentPreviewModal';
import { BatchExportModal } from './BatchExportModal';
import { BatchFormModal } from './BatchFormModal';
import { MeetingsTab } from './MeetingsTab';
import { CompletionTab } from './CompletionTab';
import { GrowthOverviewTab } from './GrowthOverviewTab';
import { PartyBranchEditor, SubGroupsEditor, ThemesEditor } from './BatchOrganisation';
import { BulkStatusModal } from './BulkStatusModal';
import { TermAlignModal } from './TermAlignModal';

const mentorText = (m: Mentor) => (m.name ? <Tooltip title={[m.unit, m.phone].filter(Boolean).join(' ')}>{m.name}</Tooltip> : <Typography.Text type="danger">未配备</Typography.Text>);

/** Chinese text in pinyin order (the browser's collation), empty values last. */
const zh = (a: string, b: string) => (!a === !b ? a.localeCompare(b, 'zh-CN') : a ? -1 : 1);
const statusRank = (s: BatchMember['status']) => POSTING_STATUSES.indexOf(s);
/** The row's actions as links: four of them fit beside the columns at 1366. */
const OP = { padding: 0, height: 'auto' };

/** The batch page: members and their postings, the work group's organisation, themes and meetings. */
export function BatchDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { canCall } = useSession();
  const page = useApi('batch:get', { id });
  const history = useApi('batch:history', { id });
  const [editing, setEditing] = useState(false);
  const [printingRoster, setPrintingRoster] = useState<'roster' | 'summary' | null>(null);
  const [exporting, setExporting] = useState(false);
  const [adding, setAdding] = useState(false);
  const [statusTarget, setStatusTarget] = useState<StatusTarget | null>(null);
  const [postingTarget, setPostingTarget] = useState<PostingEditTarget | null>(null);
  const [selectedIds, setSelectedIds] = useState<number[]>([]);
  const [bulk, setBulk] = useState(false);
  const [aligning, setAligning] = useState(false);
  const mismatches = useMemo(() => (page.data ? termMismatches(page.data.batch, page.data.members) : []), [page.data]);

  if (page.loading && !page.data) return <Skeleton active />;
  if (page.error || !page.data) return <Alert type="error" showIcon message="无法打开批次" description={page.error} action={<Button onClick={() => navigate('/batches')}>返回批次列表</Button>} />;
  const p = page.data;
  const b = p.batch;
  const reload = () => {
    page.reload();
    history.reload();
  };
  // A file in the recycle bin is not an active member: shown greyed, not counted, never 组长.
  const active = p.members.filter((m) => !m.cadreDeleted);
  const recycled = p.members.length - active.length;
  const selected = p.members.filter((m) => selectedIds.includes(m.postingId) && !m.cadreDeleted);
  const afterSave = (saved: Batch) => {
    setEditing(false);
    reload();
    // New dates: list at once the members whose postings now fall outside them.
    if ((saved.startDate !== b.startDate || saved.endDate !== b.endDate) && termMismatches(saved, p.members).length) setAligning(true);
  };

  const editPosting = async (m: BatchMember) => {
    try {
      const posting = await api('posting:get', { id: m.postingId });
      setPostingTarget({ posting, cadreId: m.cadreId, cadreName: m.name });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const removeMember = async (m: BatchMember) => {
    try {
      await api('batch:removeMember', { batchId: b.id, cadreId: m.cadreId });
      message.success(`已将${m.name}移出本批次`);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="start" gap={16}>
          <Flex vertical gap={4}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {b.name}
            </Typography.Title>
            <Space wrap>
              <Tag>{b.type}</Tag>
              <Tag color={b.direction === '派出' ? 'volcano' : 'geekblue'}>{b.direction}</Tag>
              {b.fromPlace && b.toPlace && <Typography.Text>{`${b.fromPlace} → ${b.toPlace}`}</Typography.Text>}
              {b.startDate && <Typography.Text type="secondary">{`${b.startDate}—${b.endDate}`}</Typography.Text>}
            </Space>
          </Flex>
          <Space wrap style={{ flexShrink: 0, justifyContent: 'flex-end' }}>
            {canCall('document:roster') && (
              <Button icon={<PrinterOutlined />} onClick={() => setPrintingRoster('roster')}>
                花名册
              </Button>
            )}
            {canCall('document:summary') && (
              <Button icon={<PrinterOutlined />} onClick={() => setPrintingRoster('summary')}>
                汇总表
              </Button>
            )}
            {canCall('document:batchMember') && (
              <Button icon={<ExportOutlined />} onClick={() => setExporting(true)} disabled={!p.members.length}>
                批量导出
              </Button>
            )}
            {canCall('batch:save') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑批次
              </Button>
            )}
            {canCall('batch:addMembers') && (
              <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
                添加成员
              </Button>
            )}
          </Space>
        </Flex>
        <Descriptions
          size="small"
          column={3}
          style={{ marginTop: 12 }}
          items={[
            { key: 'd', label: '派出单位', children: b.dispatchingOrg || '—' },
            { key: 'r', label: '接收单位', children: b.receivingOrg || '—' },
            {
              key: 'l',
              label: '组长',
              children: p.leaderName ?? (p.recycledLeaderName ? <Typography.Text type="warning">{`未指定（原组长${p.recycledLeaderName}的档案在回收站中）`}</Typography.Text> : '未指定'),
            },
          ]}
        />
        <Flex gap={32} wrap style={{ marginTop: 8 }}>
          <Statistic title="成员" value={active.length} suffix="人" />
          {POSTING_STATUSES.map((s) => (
            <Statistic key={s} title={s} value={p.statusCounts[s]} />
          ))}
          <Statistic title="会议" value={p.meetingCounts.total} suffix="次" />
        </Flex>
        {mismatches.some((x) => x.proposed) && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            message={`${mismatches.filter((x) => x.proposed).length} 名成员的挂职起止不在批次起止（${b.startDate}—${b.endDate}）内：${mismatches.filter((x) => x.proposed).map((x) => x.name).join('、')}`}
            action={
              <Button size="small" onClick={() => setAligning(true)}>
                {canCall('batch:alignPostings') ? '查看并调整' : '查看'}
              </Button>
            }
          />
        )}
      </Card>
      <Card>
        <Tabs
          items={[
            {
              key: 'members',
              label: `成员（${active.length}）`,
              children: (
                <Flex vertical gap={8}>
                  {(canCall('posting:changeStatusMany') || recycled > 0) && (
                    <Flex gap={12} align="center" wrap>
                      {canCall('posting:changeStatusMany') && (
                        <>
                          <Button icon={<SwapOutlined />} disabled={!selected.length} onClick={() => setBulk(true)}>
                            批量变更状态
                          </Button>
                          <Typography.Text type="secondary">{selected.length ? `已选 ${selected.length} 人` : '勾选成员后可批量变更状态（如一并登记到岗）'}</Typography.Text>
                        </>
                      )}
                      {recycled > 0 && <Typography.Text type="secondary">{`另有 ${recycled} 人的档案在回收站中（灰色显示“已删除”），不计入人数，不担任组长，不列入花名册和汇总表`}</Typography.Text>}
                    </Flex>
                  )}
                  <Table<BatchMember>
                    rowKey="postingId"
                    size="small"
                    dataSource={p.members}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                    // 挂职单位 and 挂任职务 take the width the fixed columns leave (wrapping, never cut); at 1366 the table fits.
                    scroll={{ x: 1000 }}
                    showSorterTooltip={{ title: '点击排序' }}
                    rowSelection={
                      canCall('posting:changeStatusMany')
                        ? { selectedRowKeys: selectedIds, onChange: (keys) => setSelectedIds(keys as number[]), getCheckboxProps: (m) => ({ disabled: m.cadreDeleted, 'aria-label': `选择${m.name}` }) }
                        : undefined
                    }
                    onRow={(m) => (m.cadreDeleted ? { className: 'member-recycled', style: { background: '#fafafa', color: 'rgba(0,0,0,0.35)' } } : {})}
                    locale={{ emptyText: canCall('batch:addMembers') ? '本批次还没有成员：点击“添加成员”，或在干部档案列表中勾选后“加入批次”' : '本批次还没有成员' }}
                    columns={[
                      {
                        title: '姓名',
                        dataIndex: 'name',
                        width: 124,
                        fixed: 'left',
                        sorter: (x, y) => zh(x.name, y.name),
                        render: (v: string, m) => (
                          <Space size={4} wrap>
                            <Tooltip title={m.cadreDeleted ? '档案在回收站中：不计入本批次人数，不担任组长；恢复档案后重新计入' : [m.originalUnit, m.originalPost].filter(Boolean).join(' ') || undefined}>
                              <a onClick={() => navigate(`/cadres/${m.cadreId}`)} style={m.cadreDeleted ? { color: 'rgba(0,0,0,0.35)' } : undefined}>
                                {v}
                              </a>
                            </Tooltip>
                            {m.cadreDeleted && <Tag>已删除</Tag>}
                            {m.isLeader && <Tag color="red">组长</Tag>}
                            {m.isBranchSecretary && <Tag color="magenta">书记</Tag>}
                          </Space>
                        ),
                      },
                      { title: '挂职单位', dataIndex: 'hostUnit', sorter: (x, y) => zh(x.hostUnit, y.hostUnit), render: (v: string) => v || '—' },
                      { title: '挂任职务', dataIndex: 'hostPost', sorter: (x, y) => zh(x.hostPost, y.hostPost), render: (v: string) => v || '—' },
                      {
                        title: '起止',
                        key: 'term',
                        width: 164,
                        sorter: (x, y) => x.startDate.localeCompare(y.startDate) || (x.actualEndDate || x.plannedEndDate).localeCompare(y.actualEndDate || y.plannedEndDate),
                        render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{`${m.startDate}—${m.actualEndDate || m.plannedEndDate}`}</span>,
                      },
                      { title: '状态', dataIndex: 'status', width: 116, sorter: (x, y) => statusRank(x.status) - statusRank(y.status), render: (st) => <StatusTag status={st} /> },
                      {
                        // Both mentors in one column (two lines): 挂职单位 and 挂任职务 keep their width at 1366.
                        title: '辅导员',
                        key: 'mentors',
                        width: 124,
                        sorter: (x, y) => zh(x.politicalMentor.name, y.politicalMentor.name) || zh(x.businessMentor.name, y.businessMentor.name),
                        render: (_, m) => (
                          <Flex vertical>
                            <span>
                              <Typography.Text type="secondary">政治 </Typography.Text>
                              {mentorText(m.politicalMentor)}
                            </span>
                            <span>
                              <Typography.Text type="secondary">业务 </Typography.Text>
                              {mentorText(m.businessMentor)}
                            </span>
                          </Flex>
                        ),
                      },
                      {
                        title: '操作',
                        key: 'ops',
                        // 考核 (everyone) and, for a role that may change them, 编辑 / 变更状态 / 移出.
                        width: 52 + (canCall('posting:save') ? 40 : 0) + (canCall('posting:changeStatus') ? 68 : 0) + (canCall('batch:removeMember') ? 40 : 0),
                        fixed: 'right',
                        render: (_, m) => (
                          <Space size={12}>
                            <Button type="link" size="small" style={OP} onClick={() => navigate(`/postings/${m.postingId}`)} aria-label={`${m.name}的考核与实绩`}>
                              考核
                            </Button>
                            {canCall('posting:save') && (
                              <Button type="link" size="small" style={OP} onClick={() => editPosting(m)}>
                                编辑
                              </Button>
                            )}
                            {canCall('posting:changeStatus') && (
                              <Button type="link" size="small" style={OP} onClick={() => setStatusTarget({ postingId: m.postingId, cadreName: m.name, status: m.status })} aria-label={`变更${m.name}的状态`}>
                                变更状态
                              </Button>
                            )}
                            {canCall('batch:removeMember') && (
                              <Popconfirm title={`将${m.name}移出本批次？`} description="其在本批次的挂职记录将一并删除。" okText="移出" cancelText="取消" onConfirm={() => removeMember(m)}>
                                <Button type="link" size="small" style={OP} danger>
                                  移出
                                </Button>
                              </Popconfirm>
                            )}
                          </Space>
                        ),
                      },
                    ]}
                  />
                </Flex>
              ),
            },
            { key: 'groups', label: `工作小组（${p.subGroups.length}）`, children: <SubGroupsEditor page={p} onSaved={reload} /> },
            { key: 'branch', label: '临时党支部', children: <PartyBranchEditor page={p} onSaved={reload} /> },
            { key: 'themes', label: '季度主题', children: <ThemesEditor page={p} onSaved={reload} /> },
            { key: 'meetings', label: `会议记录（${p.meetingCounts.total}）`, children: <MeetingsTab page={p} onSaved={reload} /> },
            { key: 'completion', label: '考核完成情况', children: <CompletionTab page={p} /> },
            { key: 'growth', label: '成长评价', children: <GrowthOverviewTab batchId={b.id} /> },
            { key: 'history', label: '修改记录', children: <HistoryList entries={history.data ?? []} /> },
          ]}
        />
      </Card>
      <DocumentPreviewModal
        title={`${printingRoster === 'summary' ? '工作实绩及考核汇总表' : '挂职干部花名册'} · ${b.name}`}
        open={printingRoster !== null}
        onClose={() => setPrintingRoster(null)}
        load={() => api(printingRoster === 'summary' ? 'document:summary' : 'document:roster', { batchId: b.id })}
      />
      <BatchExportModal page={p} open={exporting} onClose={() => setExporting(false)} />
      <BatchFormModal open={editing} batch={b} members={p.members} onClose={() => setEditing(false)} onSaved={afterSave} />
      <TermAlignModal page={p} open={aligning} onClose={() => setAligning(false)} onDone={reload} />
      <BulkStatusModal members={selected} open={bulk} onClose={() => setBulk(false)} onDone={() => (setBulk(false), setSelectedIds([]), reload())} />
      <AddMembersModal open={adding} batchId={b.id} onClose={() => setAdding(false)} onDone={() => (setAdding(false), reload())} />
      <StatusChangeModal target={statusTarget} onClose={() => setStatusTarget(null)} onDone={() => (setStatusTarget(null), reload())} />
      <PostingEditModal target={postingTarget} onClose={() => setPostingTarget(null)} onDone={() => (setPostingTarget(null), reload())} />
    </Flex>
  );
}
