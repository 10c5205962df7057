import { DeleteOutlined, EditOutlined, ExportOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Popconfirm, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Cadre } from '../../../shared/cadre';
import { formatDay } from '../../../shared/dateText';
import { formatResumeLine } from '../../../shared/resume';
import { ageAt, dayOf, formatBirthWithAge, yearMonthOf } from '../../../shared/validators/yearMonth';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { CadrePhoto } from '../../components/CadrePhoto';
import { DocumentPreviewModal } from '../../components/DocumentPreviewModal';
import { saveBase64File } from '../../lib/files';
import { HistoryList } from '../../components/HistoryList';
import { PostingsTimeline } from '../../components/postings/PostingsTimeline';

const dash = (v: string | null | undefined): ReactNode => v || <Typography.Text type="secondary">—</Typography.Text>;

function BasicInfo({ c }: { c: Cadre }) {
  const today = dayOf(new Date());
  const item = (label: string, value: ReactNode, span = 1) => ({ key: label + span, label, children: value, span });
  const items = [
    item('姓名', c.name),
    item('性别', c.gender),
    item('出生年月', dash(formatBirthWithAge(c.birthDate, today))),
    item('民族', dash(c.nation)),
    item('籍贯', dash(c.nativePlace)),
    item('出生地', dash(c.birthPlace)),
    item('身份证号', c.idNumber),
    item('政治面貌', dash(c.politicalStatus)),
    item('入党时间', dash(c.partyJoinDate)),
    item('参加工作时间', dash(c.workStartDate)),
    item('健康状况', dash(c.health)),
    item('联系电话', dash(c.phone)),
    item('专业技术职务', dash(c.techTitle)),
    item('熟悉专业有何专长', dash(c.expertise), 2),
    item('全日制教育', dash([c.ftEducation, c.ftDegree].filter(Boolean).join(' '))),
    item('毕业院校系及专业', dash(c.ftEduSchool || c.ftDegreeSchool), 2),
    item('在职教育', dash([c.ptEducation, c.ptDegree].filter(Boolean).join(' '))),
    item('毕业院校系及专业', dash(c.ptEduSchool || c.ptDegreeSchool), 2),
    item('工作单位', dash(c.workUnit), 2),
    item('人员类别', dash(c.personCategory)),
    item('现任职务', dash(c.currentPosition), 2),
    item('职级', dash(c.rank)),
    ...(c.proposedPosition || c.proposedRemoval ? [item('拟任职务', dash(c.proposedPosition), 2), item('拟免职务', dash(c.proposedRemoval))] : []),
    item('奖惩情况', dash(c.rewards), 3),
    item('年度考核结果', dash(c.annualAssessment), 3),
    ...(c.appointmentReason ? [item('任免理由', c.appointmentReason, 3)] : []),
    // 填表信息: what the 任免审批表 prints on its second page (呈报单位, 填表人, 填表时间) and the date ages count to.
    item('呈报单位', dash(c.reportingUnit), 2),
    item('填表人', dash(c.formFiller)),
    item('填表时间', dash(c.fillDate && formatDay(c.fillDate))),
    item('计算年龄时间', c.ageCalcDate ? formatDay(c.ageCalcDate) : <Typography.Text type="secondary">按打印当天</Typography.Text>, 2),
    item('标签', c.tags.length ? c.tags.map((t) => <Tag key={t}>{t}</Tag>) : dash(''), 3),
    ...(c.remarks ? [item('备注', c.remarks, 3)] : []),
  ];
  return <Descriptions bordered size="small" column={3} items={items} />;
}

function ResumeView({ c }: { c: Cadre }) {
  if (!c.resume.length) return <Empty description="尚无简历" />;
  return (
    <div className="resume-text" data-testid="resume-text">
      {c.resume.map((e, i) => (
        <div key={i}>{formatResumeLine(e)}</div>
      ))}
    </div>
  );
}

function FamilyView({ c }: { c: Cadre }) {
  const now = yearMonthOf(new Date());
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(_, i) => String(i)}
      dataSource={c.family}
      locale={{ emptyText: '尚无家庭成员' }}
      columns={[
        { title: '称谓', dataIndex: 'relation', width: 80 },
        { title: '姓名', dataIndex: 'name', width: 100 },
        { title: '年龄', key: 'age', width: 70, render: (_, f) => (f.birthDate ? `${ageAt(f.birthDate, now)}岁` : '') },
        { title: '出生年月', dataIndex: 'birthDate', width: 100 },
        { title: '政治面貌', dataIndex: 'politicalStatus', width: 110 },
        { title: '工作单位及职务', dataIndex: 'workUnitAndPost' },
      ]}
    />
  );
}

/** A cadre's file: identity, 简历, family, and its history. */
export function CadreDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { canCall } = useSession();
  const cadre = useApi('cadre:get', { id });
  const history = useApi('cadre:history', { id });
  const [printing, setPrinting] = useState(false);

  if (cadre.loading && !cadre.data) return <Skeleton active />;
  if (cadre.error || !cadre.data) return <Alert type="error" showIcon message="无法打开档案" description={cadre.error} action={<Button onClick={() => navigate('/cadres')}>返回列表</Button>} />;
  const c = cadre.data;

  const exportLrmx = async () => {
    try {
      const f = await api('lrmx:export', { cadreId: id });
      saveBase64File(f.fileName, f.base64);
      message.success(`已导出“${f.fileName}”`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const remove = async () => {
    try {
      await api('cadre:delete', { id });
      message.success(`“${c.name}”的档案已移入回收站，可在回收站中恢复`);
      navigate('/cadres');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Flex vertical gap={16}>
      {c.deletedAt && <Alert type="warning" showIcon message="此档案在回收站中" action={<Button onClick={() => navigate('/recycle')}>去回收站</Button>} />}
      <Card>
        <Flex gap={20} align="start">
          <CadrePhoto cadreId={c.id} hasPhoto={c.hasPhoto} width={96} version={c.updatedAt.length} />
          <Flex vertical gap={6} style={{ flex: 1 }}>
            <Flex align="center" gap={12}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {c.name}
              </Typography.Title>
              <Typography.Text type="secondary">
                {c.gender} · {formatBirthWithAge(c.birthDate, dayOf(new Date()))} · {c.nation || '民族未填'} · {c.politicalStatus || '政治面貌未填'}
              </Typography.Text>
            </Flex>
            <Typography.Text>{c.currentPosition || c.workUnit || '现任职务未填'}</Typography.Text>
            <Typography.Text type="secondary">身份证号 {c.idNumber}</Typography.Text>
          </Flex>
          {!c.deletedAt && (
            <Space wrap>
              {canCall('document:renmian') && (
                <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>
                  任免审批表
                </Button>
              )}
              {canCall('lrmx:export') && (
                <Button icon={<ExportOutlined />} onClick={exportLrmx}>
                  导出LRMX
                </Button>
              )}
              {canCall('cadre:save') && (
                <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/cadres/${id}/edit`)}>
                  编辑
                </Button>
              )}
              {canCall('cadre:delete') && (
                <Popconfirm title="删除此档案？" description="档案将移入回收站，可随时恢复。" okText="删除" cancelText="取消" onConfirm={remove}>
                  <Button danger icon={<DeleteOutlined />}>
                    删除
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )}
        </Flex>
      </Card>
      <DocumentPreviewModal title={`干部任免审批表 · ${c.name}`} open={printing} onClose={() => setPrinting(false)} load={() => api('document:renmian', { cadreId: id })} />
      <Card>
        <Tabs
          items={[
            { key: 'basic', label: '基本信息', children: <BasicInfo c={c} /> },
            { key: 'resume', label: '简历', children: <ResumeView c={c} /> },
            { key: 'family', label: '家庭成员', children: <FamilyView c={c} /> },
            { key: 'postings', label: '挂职经历', children: <PostingsTimeline cadreId={c.id} cadreName={c.name} /> },
            { key: 'history', label: '修改记录', children: history.error ? <Alert type="error" message={history.error} /> : <HistoryList entries={history.data ?? []} /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
