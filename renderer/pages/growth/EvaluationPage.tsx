import { ArrowLeftOutlined, LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Flex, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { growthScoreRefusal, GROWTH_RATERS, quarterDays, quarterNumber, RATER_STATUS_LABELS, type GrowthEvaluation, type GrowthRater, type GrowthResult } from '../../../shared/growth';
import { editRefusal } from '../../../shared/workflow';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../auth/session';
import { useUnsavedChanges } from '../../lib/unsavedChanges';
import { useVersionConflict } from '../../lib/versionConflict';
import { ArchiveCheck } from './ArchiveCheck';
import { WorkflowStateTag } from '../postings/WorkflowStateTag';
import { draftOf, draftsOf, sheetInput, sheetText, type SheetDraft, type SheetDrafts } from './evaluationDrafts';
import { EvidencePanel } from './EvidencePanel';
import { GrowthWorkflowBar } from './GrowthWorkflowBar';
import { formatScore, LEVEL_COLORS } from './growthStyle';
import { NarrativesPanel } from './NarrativesPanel';
import { RaterSheetEditor } from './RaterSheetEditor';
import { ResultPanel } from './ResultPanel';
import { formatDateTime } from '../../../shared/dateText';

const STATUS_BADGES = { complete: 'success', incomplete: 'warning', missing: 'default' } as const;

/**
 * One growth evaluation (`/growth/:id`): the result (live while scores are typed, computed by `growth:preview`), a tab
 * per rater to score every indicator, the stage narratives with the cadre's own summary, and evidence. Only a draft
 * can be edited; an archived one shows the SHA-256 stored when it was frozen.
 */
export function EvaluationPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { refusalOf } = useSession();
  const [e, setE] = useState<GrowthEvaluation | null>(null);
  const [error, setError] = useState<string>();
  const [drafts, setDrafts] = useState<SheetDrafts | null>(null);
  const [dirty, setDirty] = useState<GrowthRater[]>([]);
  const [narrativesDirty, setNarrativesDirty] = useState(false);
  const [preview, setPreview] = useState<GrowthResult | null>(null);
  const [previewBusy, setPreviewBusy] = useState(false);
  const [saving, setSaving] = useState<GrowthRater | null>(null);
  const [tab, setTab] = useState<string>();
  const seq = useRef(0);
  // Another clerk saved this evaluation since it was loaded: said above the tabs, with 刷新 (which starts the
  // narratives panel afresh too: `loads` is its key).
  const versionConflict = useVersionConflict();
  const [loads, setLoads] = useState(0);

  /** A fresh copy from the service: every sheet as stored, nothing pending. */
  const adopt = useCallback((next: GrowthEvaluation) => {
    setE(next);
    setDrafts(draftsOf(next));
    setDirty([]);
    setPreview(null);
  }, []);

  useEffect(() => {
    let live = true;
    setE(null);
    setError(undefined);
    api('growth:get', { id })
      .then((next) => {
        if (!live) return;
        adopt(next);
        // A draft starts on the first rater still to score; a locked one on the first who scored.
        const wanted = next.workflow.editable ? next.ratings.find((r) => r.status !== 'complete') : next.ratings.find((r) => r.status === 'complete');
        setTab(wanted?.rater ?? GROWTH_RATERS[0]);
      })
      .catch((err) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [id, adopt]);

  // Live result while sheets are being edited: the backend scores the unsaved sheets (debounced).
  useEffect(() => {
    if (!e || !drafts || !dirty.length) {
      setPreview(null);
      setPreviewBusy(false);
      return;
    }
    const n = ++seq.current;
    setPreviewBusy(true);
    const timer = setTimeout(() => {
      // A score being corrected (outside 0—100) counts as not scored in the live figures.
      const valid = (scores: Record<string, number | null>) => Object.fromEntries(Object.entries(scores).map(([c, v]) => [c, typeof v === 'number' && !growthScoreRefusal(v) ? v : null]));
      api('growth:preview', { templateId: e.templateId, ratings: Object.fromEntries(GROWTH_RATERS.map((r) => [r, { scores: valid(drafts[r].scores) }])) })
        .then((r) => n === seq.current && setPreview(r))
        .catch(() => undefined)
        .finally(() => n === seq.current && setPreviewBusy(false));
    }, 300);
    return () => clearTimeout(timer);
  }, [e, drafts, dirty]);

  const onNarrativesDirty = useCallback((d: boolean) => setNarrativesDirty(d), []);
  // 有未保存的修改: scores or narratives typed and not saved hold 返回, a menu click, a link and closing the window.
  const unsaved = [...dirty, ...(narrativesDirty ? ['阶段评语'] : [])];
  const guard = useUnsavedChanges(unsaved.length > 0);

  if (error) return <Alert type="error" showIcon title="无法打开成长评价" description={error} action={<Button onClick={() => navigate(-1)}>返回</Button>} />;
  if (!e || !drafts) return <Skeleton active />;

  const result = preview ?? e.result;
  const p = e.posting;
  // A draft is scored by a role that may; others see it read-only, told which role may.
  const roleRefusal = refusalOf('growth:saveRater');
  const editable = e.workflow.editable && !roleRefusal;
  const toPosting = () => navigate(`/postings/${e.postingId}?tab=growth`);
  const backToPosting = () => guard.confirmLeave(toPosting);

  const change = (rater: GrowthRater) => (d: SheetDraft) => {
    setDrafts((all) => ({ ...all!, [rater]: d }));
    setDirty((xs) => (xs.includes(rater) ? xs : [...xs, rater]));
  };
  const saveSheet = async (rater: GrowthRater, d: SheetDraft, done: string) => {
    const wrong = Object.values(d.scores).filter((v) => typeof v === 'number' && growthScoreRefusal(v)).length;
    if (wrong) {
      message.error(`${rater}评分：有 ${wrong} 项超出 0—100 分，请改正标红的分数后再保存`);
      return;
    }
    setSaving(rater);
    try {
      const next = await api('growth:saveRater', sheetInput(e.id, rater, d, e.updatedAt));
      if (unsaved.length === 1) guard.release();
      setE(next);
      // This rater now reads as stored; other raters keep what is being typed.
      setDrafts((all) => ({ ...all!, [rater]: draftOf(next.ratings.find((r) => r.rater === rater)) }));
      setDirty((xs) => xs.filter((x) => x !== rater));
      message.success(done);
    } catch (err) {
      if (!versionConflict.take(err, sheetText(e, draftOf(e.ratings.find((r) => r.rater === rater))), sheetText(e, d), { 评分: `${rater}评分` })) message.error(errorMessage(err));
    } finally {
      setSaving(null);
    }
  };
  const empty: SheetDraft = { scores: {}, comments: {}, comment: '', ratedBy: '', ratedOn: '' };

  const periodDays =
    e.periodKind === 'quarter'
      ? (() => {
          const q = quarterDays(p.startDate, quarterNumber(e.period));
          return `${q.start}—${q.end}`;
        })()
      : e.periodKind === 'milestone'
        ? `节点日期 ${e.milestoneDate}`
        : '挂职期满终期评价';
  const refusal = editRefusal(e.state) ?? (roleRefusal ? `只读（${roleRefusal}）` : null);

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="start" gap={16} wrap>
          <Flex vertical gap={6}>
            <Space size={12} align="center" wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                <a onClick={() => navigate(`/cadres/${p.cadreId}`)}>{p.cadreName}</a>
                <span style={{ marginLeft: 10 }}>{`成长评价 · ${e.period}`}</span>
              </Typography.Title>
              <WorkflowStateTag state={e.state} />
              {result.scored && (
                <Tag color={LEVEL_COLORS[result.reachedLevel]} style={{ fontWeight: 600 }}>
                  {`达到 ${result.reachedLabel}`}
                </Tag>
              )}
            </Space>
            <Space wrap size={[16, 4]}>
              <Typography.Text strong>{p.hostUnit || '挂职单位未填'}</Typography.Text>
              {p.hostPost && <Typography.Text>{p.hostPost}</Typography.Text>}
              <Typography.Text type="secondary">{`挂职期间 ${p.startDate}—${p.actualEndDate || `${p.plannedEndDate}（计划）`}`}</Typography.Text>
            </Space>
            <Space wrap size={[16, 4]}>
              <Typography.Text type="secondary">{`评价时段：${e.period}（${periodDays}）`}</Typography.Text>
              <Typography.Text type="secondary">
                评价模板：
                <a onClick={() => navigate(`/growth/templates?view=${e.templateId}`)}>{`第${e.templateVersion}版`}</a>
                {`（达标线 ${formatScore(e.template.threshold)} 分）`}
              </Typography.Text>
            </Space>
          </Flex>
          <Flex vertical align="end" gap={8}>
            <Button icon={<ArrowLeftOutlined />} onClick={backToPosting}>
              返回成长评价
            </Button>
            <GrowthWorkflowBar e={e} unsaved={unsaved} onChanged={adopt} onDeleted={toPosting} />
          </Flex>
        </Flex>
        {e.archive ? (
          <Alert
            type="success"
            showIcon
            icon={<SafetyCertificateOutlined />}
            style={{ marginTop: 12 }}
            data-testid="archive-hash"
            title={`已归档：内容已冻结，不能再修改（归档于 ${formatDateTime(e.archive.archivedAt)}）`}
            description={
              <Flex vertical gap={6}>
                <span>
                  SHA-256 校验值：
                  <Typography.Text code copyable={{ text: e.archive.sha256, tooltips: ['复制校验值', '已复制'] }} style={{ wordBreak: 'break-all' }}>
                    {e.archive.sha256}
                  </Typography.Text>
                </span>
                <ArchiveCheck kind="growth_evaluation" id={e.id} />
              </Flex>
            }
          />
        ) : (
          refusal && <Alert type="info" showIcon icon={<LockOutlined />} style={{ marginTop: 12 }} title={refusal} />
        )}
      </Card>

      <ResultPanel result={result} preview={!!preview || (dirty.length > 0 && previewBusy)} busy={previewBusy} editable={editable} />

      {versionConflict.alert(async () => {
        adopt(await api('growth:get', { id }));
        setLoads((n) => n + 1);
      })}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          tabBarExtraContent={
            result.scored ? (
              <Typography.Text type="secondary">
                {`${preview ? '实时' : '当前'}：总分 `}
                <b>{formatScore(result.total)}</b>
                {' · 达到 '}
                <b style={{ color: LEVEL_COLORS[result.reachedLevel] }}>{result.reachedLabel}</b>
              </Typography.Text>
            ) : null
          }
          items={[
            ...GROWTH_RATERS.map((rater) => {
              const presence = result.raters.find((r) => r.rater === rater)!;
              return {
                key: rater,
                label: (
                  <Space size={6}>
                    <Badge status={STATUS_BADGES[presence.status]} />
                    <span>{rater}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dirty.includes(rater) ? '未保存' : RATER_STATUS_LABELS[presence.status]}
                    </Typography.Text>
                  </Space>
                ),
                children: (
                  <RaterSheetEditor
                    template={e.template}
                    rater={rater}
                    draft={drafts[rater]}
                    result={result}
                    editable={editable}
                    dirty={dirty.includes(rater)}
                    saving={saving === rater}
                    onChange={change(rater)}
                    onSave={() => saveSheet(rater, drafts[rater], `${rater}评分已保存`)}
                    onClear={() => saveSheet(rater, empty, `已清空${rater}评分`)}
                  />
                ),
              };
            }),
            { key: 'narratives', label: `阶段评语与本人总结${narrativesDirty ? ' · 未保存' : ''}`, children: <NarrativesPanel key={loads} e={e} editable={e.workflow.editable && !refusalOf('growth:save')} onSaved={setE} onDirty={onNarrativesDirty} onConflict={versionConflict.take} /> },
            { key: 'evidence', label: `佐证材料（${e.evidence.length}）`, children: <EvidencePanel e={e} editable={e.workflow.editable && !refusalOf('growth:save')} onSaved={setE} onConflict={versionConflict.take} /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
