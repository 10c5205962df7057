import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Input, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { GROWTH_STAGES, type GrowthEvaluation, type GrowthStage } from '../../../shared/growth';
import { api, errorMessage } from '../../api/client';
import { evaluationInput } from './evaluationDrafts';
import { STAGE_COLORS, STAGE_HINTS } from './growthStyle';

/** 阶段评语 (one per stage) and 本人总结; saved together through `growth:save`. Read-only unless `editable` (a draft, and a role that may). */
export function NarrativesPanel({
  e,
  editable,
  onSaved,
  onDirty,
  onConflict,
}: {
  e: GrowthEvaluation;
  editable: boolean;
  onSaved: (e: GrowthEvaluation) => void;
  onDirty: (dirty: boolean) => void;
  /** Shows a version conflict (another clerk saved first) on the page; true when `err` was one. */
  onConflict?: (err: unknown, loaded: object, typed: object) => boolean;
}) {
  const { message } = App.useApp();
  const [narratives, setNarratives] = useState<Record<GrowthStage, string>>(e.narratives);
  const [summary, setSummary] = useState(e.selfSummary);
  const [saving, setSaving] = useState(false);
  const dirty = summary !== e.selfSummary || GROWTH_STAGES.some((s) => narratives[s] !== e.narratives[s]);

  // A reopened or reloaded evaluation: start again from what is stored.
  useEffect(() => {
    setNarratives(e.narratives);
    setSummary(e.selfSummary);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [e.id, e.state]);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const save = async () => {
    setSaving(true);
    try {
      const next = await api('growth:save', { id: e.id, data: evaluationInput(e, { narratives, selfSummary: summary }) });
      onSaved(next);
      message.success('阶段评语与本人总结已保存');
    } catch (err) {
      const asLines = (n: Record<GrowthStage, string>, summaryText: string) => ({ ...Object.fromEntries(GROWTH_STAGES.map((s) => [`${s}阶段评语`, n[s]])), 本人总结: summaryText });
      if (onConflict?.(err, asLines(e.narratives, e.selfSummary), asLines(narratives, summary))) return;
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const text = (v: string) => (v ? <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }}>{v}</div> : <Typography.Text type="secondary">（未填写）</Typography.Text>);
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        {GROWTH_STAGES.map((s) => (
          <Col key={s} xs={24} lg={12}>
            <Card
              size="small"
              title={<span style={{ color: STAGE_COLORS[s] }}>{`${s}阶段评语`}</span>}
              extra={<Typography.Text type="secondary">{STAGE_HINTS[s]}</Typography.Text>}
              style={{ borderTop: `3px solid ${STAGE_COLORS[s]}`, height: '100%' }}
            >
              {editable ? (
                <Input.TextArea
                  aria-label={`${s}阶段评语`}
                  rows={4}
                  maxLength={3000}
                  showCount
                  value={narratives[s]}
                  onChange={(ev) => setNarratives({ ...narratives, [s]: ev.target.value })}
                  placeholder={`该时段在“${s}”方面的表现`}
                />
              ) : (
                text(narratives[s])
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title="本人总结">
        {editable ? (
          <Input.TextArea aria-label="本人总结" rows={6} maxLength={5000} showCount value={summary} onChange={(ev) => setSummary(ev.target.value)} placeholder="干部本人对这一时段学习、工作和成长的小结" />
        ) : (
          text(summary)
        )}
      </Card>
      {editable && (
        <Flex justify="end" gap={12} align="center">
          {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
          <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!dirty} onClick={save}>
            保存评语与总结
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
