import { FileTextOutlined, TrophyOutlined } from '@ant-design/icons';
import { Alert, App, Empty, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { EVIDENCE_KIND_LABELS, type EvidenceKind, type EvidenceLink, type GrowthEvaluation, type GrowthIndicator, type GrowthStage } from '../../../shared/growth';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { evaluationInput } from './evaluationDrafts';
import { STAGE_COLORS } from './growthStyle';

type Row = GrowthIndicator & { stage: GrowthStage; span: number };
const KIND_ICONS: Record<EvidenceKind, ReactNode> = { record: <FileTextOutlined />, result: <TrophyOutlined /> };
const KIND_COLORS: Record<EvidenceKind, string> = { record: 'blue', result: 'gold' };

/**
 * 佐证材料: the posting's assessment records and ledger entries linked to indicators. Each link keeps the label it had
 * when linked, so an archived evaluation still reads right; a record deleted since is marked. Links are saved at once.
 */
export function EvidencePanel({
  e,
  editable,
  onSaved,
  onConflict,
}: {
  e: GrowthEvaluation;
  /** A draft, and a role that may change it. */
  editable: boolean;
  onSaved: (e: GrowthEvaluation) => void;
  /** Shows a version conflict (another clerk saved first) on the page; true when `err` was one. */
  onConflict?: (err: unknown) => boolean;
}) {
  const { message } = App.useApp();
  const candidates = useApi('growth:evidenceCandidates', { postingId: e.postingId });
  const [busy, setBusy] = useState(false);

  const rows: Row[] = [];
  for (const s of e.template.stages) s.indicators.forEach((x, j) => rows.push({ ...x, stage: s.stage, span: j === 0 ? s.indicators.length : 0 }));
  const linksOf = (code: string) => e.evidence.filter((l) => l.indicatorCode === code);
  const current = () => evaluationInput(e, {}).evidence ?? [];

  const store = async (evidence: ReturnType<typeof current>, done: string) => {
    setBusy(true);
    try {
      onSaved(await api('growth:save', { id: e.id, data: evaluationInput(e, { evidence }) }));
      message.success(done);
    } catch (err) {
      if (onConflict?.(err)) return;
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const add = (code: string, key: string) => {
    const [refKind, refId] = key.split(':') as [EvidenceKind, string];
    return store([...current(), { indicatorCode: code, refKind, refId: Number(refId), note: '' }], '已关联佐证材料');
  };
  const remove = (l: EvidenceLink) =>
    store(
      current().filter((x) => !(x.indicatorCode === l.indicatorCode && x.refKind === l.refKind && x.refId === l.refId)),
      '已取消关联',
    );

  const c = candidates.data;
  const none = c && !c.records.length && !c.results.length;
  const options = (code: string) => {
    const taken = new Set(linksOf(code).map((l) => `${l.refKind}:${l.refId}`));
    const group = (kind: EvidenceKind, items: { refId: number; label: string; date: string }[]) => ({
      label: EVIDENCE_KIND_LABELS[kind],
      title: EVIDENCE_KIND_LABELS[kind],
      options: items.filter((x) => !taken.has(`${kind}:${x.refId}`)).map((x) => ({ value: `${kind}:${x.refId}`, label: x.date ? `${x.label}（${x.date}）` : x.label })),
    });
    return c ? [group('record', c.records), group('result', c.results)].filter((g) => g.options.length) : [];
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{`已关联 ${e.evidence.length} 条佐证材料。可关联这段挂职的考核记录（季度小结、月度汇报、谈心谈话等）和工作实绩台账。`}</Typography.Text>
      {candidates.error && <Alert type="error" showIcon title={candidates.error} />}
      {none && editable && <Alert type="info" showIcon title="这段挂职尚无考核记录或工作实绩可关联：请先在“考核记录”“工作实绩”中登记。" />}
      <Table<Row>
        rowKey="code"
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: '阶段',
            key: 'stage',
            width: 90,
            onCell: (r) => ({ rowSpan: r.span, style: { verticalAlign: 'top', borderInlineStart: `4px solid ${STAGE_COLORS[r.stage]}` } }),
            render: (_, r) => <Typography.Text strong style={{ color: STAGE_COLORS[r.stage] }}>{r.stage}</Typography.Text>,
          },
          {
            title: '指标',
            key: 'name',
            width: 170,
            render: (_, r) => (
              <Tooltip title={r.indicatorDescription}>
                <span>
                  <Typography.Text type="secondary" style={{ marginRight: 6, fontSize: 12 }}>
                    {r.code}
                  </Typography.Text>
                  {r.indicatorName}
                </span>
              </Tooltip>
            ),
          },
          {
            title: '佐证材料',
            key: 'links',
            render: (_, r) => {
              const links = linksOf(r.code);
              if (!links.length) return <Typography.Text type="secondary">—</Typography.Text>;
              return (
                <Flex wrap gap={4}>
                  {links.map((l) => (
                    <Tooltip key={`${l.refKind}:${l.refId}`} title={[EVIDENCE_KIND_LABELS[l.refKind], l.note, l.exists ? '' : '原记录已删除（保留关联时的名称）'].filter(Boolean).join('：')}>
                      <Tag
                        color={l.exists ? KIND_COLORS[l.refKind] : 'default'}
                        icon={KIND_ICONS[l.refKind]}
                        closable={editable && !busy}
                        onClose={(ev) => {
                          ev.preventDefault();
                          remove(l);
                        }}
                        style={{ marginInlineEnd: 0, textDecoration: l.exists ? undefined : 'line-through' }}
                      >
                        {l.label}
                      </Tag>
                    </Tooltip>
                  ))}
                </Flex>
              );
            },
          },
          ...(editable
            ? [
                {
                  title: '关联',
                  key: 'add',
                  width: 260,
                  render: (_: unknown, r: Row) => (
                    <Select
                      aria-label={`为“${r.indicatorName}”关联佐证材料`}
                      size="small"
                      style={{ width: '100%' }}
                      placeholder="选择考核记录或工作实绩"
                      showSearch={{ optionFilterProp: 'label' }}
                      value={null}
                      disabled={busy || !c}
                      loading={candidates.loading}
                      options={options(r.code)}
                      notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有可关联的材料" />}
                      onChange={(v: string | null) => v && add(r.code, v)}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {!e.evidence.length && !editable && <Typography.Text type="secondary">未关联佐证材料。</Typography.Text>}
    </Flex>
  );
}
