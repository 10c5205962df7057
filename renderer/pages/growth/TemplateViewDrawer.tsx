import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Divider, Drawer, Flex, Skeleton, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { GROWTH_RATERS, type GrowthIndicator, type GrowthTemplate } from '../../../shared/growth';
import { useApi } from '../../api/useApi';
import { HistoryList } from '../../components/HistoryList';
import { formatScore, STAGE_COLORS } from './growthStyle';
import { TemplateStatusTag } from './TemplateStatusTag';
import { formatDateTime } from '../../../shared/dateText';

const when = (iso: string) => (iso ? formatDateTime(iso) : '—');

/** One template version read-only: threshold, rater weights, every stage's indicators with guidance, and history. `onCopy` only for a role that may make templates. */
export function TemplateViewDrawer({ id, onClose, onCopy }: { id: number | null; onClose: () => void; onCopy?: (t: GrowthTemplate) => void }) {
  const t = useApi('growth:templateGet', id ? { id } : null);
  const history = useApi('growth:templateHistory', id ? { id } : null);
  const v = t.data && t.data.id === id ? t.data : undefined;
  return (
    <Drawer
      title={v ? `第${v.version}版 · ${v.templateName}` : '模板版本'}
      open={id !== null}
      onClose={onClose}
      size={960}
      destroyOnHidden
      extra={
        v &&
        onCopy && (
          <Button icon={<CopyOutlined />} onClick={() => onCopy(v)}>
            复制为新版本
          </Button>
        )
      }
    >
      {t.error && <Alert type="error" showIcon title={t.error} />}
      {!v ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            bordered
            column={3}
            items={[
              { key: 's', label: '状态', children: <TemplateStatusTag status={v.status} /> },
              { key: 't', label: '达标线', children: `${formatScore(v.threshold)} 分` },
              { key: 'u', label: '使用', children: `${v.usedBy} 份评价` },
              { key: 'w', label: '评价主体权重', span: 3, children: GROWTH_RATERS.map((r) => `${r} ${formatScore(v.raterWeights[r])}%`).join('　') },
              { key: 'a', label: '启用时间', children: when(v.activatedAt) },
              { key: 'c', label: '创建时间', children: when(v.createdAt) },
              { key: 'm', label: '修改时间', children: when(v.updatedAt) },
              ...(v.notes ? [{ key: 'n', label: '说明', span: 3, children: v.notes }] : []),
            ]}
          />
          {v.stages.map((s) => (
            <Card
              key={s.stage}
              size="small"
              style={{ borderTop: `3px solid ${STAGE_COLORS[s.stage]}` }}
              title={<span style={{ color: STAGE_COLORS[s.stage] }}>{`${s.stage}（权重 ${formatScore(s.weight)}）`}</span>}
            >
              {s.stageDescription && <Typography.Paragraph type="secondary">{s.stageDescription}</Typography.Paragraph>}
              <Table<GrowthIndicator>
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={s.indicators}
                columns={[
                  { title: '编号', dataIndex: 'code', width: 56 },
                  { title: '指标', dataIndex: 'indicatorName', width: 120 },
                  { title: '权重', dataIndex: 'weight', width: 56, align: 'right', render: formatScore },
                  { title: '说明', dataIndex: 'indicatorDescription' },
                  { title: '评分说明', dataIndex: 'guidance' },
                ]}
              />
            </Card>
          ))}
          <Divider style={{ margin: 0 }} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            修改记录
          </Typography.Title>
          <HistoryList entries={history.data ?? []} />
        </Flex>
      )}
    </Drawer>
  );
}
