import { Alert, Flex, Form, Input, Modal, Radio, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { PostingHeader } from '../../../shared/assessment';
import { periodKindOf, QUARTER_PERIODS, quarterDays, TERM_PERIOD } from '../../../shared/growth';
import { effectiveEnd } from '../../../shared/posting';
import { termEndOpensOn, termEndRefusal } from '../../../shared/termRules';
import { dayOf, parseYearMonthDay } from '../../../shared/validators/yearMonth';
import { api } from '../../api/client';
import { useApi } from '../../api/useApi';
import { DayInput } from '../../components/DayInput';
import { useFieldFormSubmit } from '../../lib/fieldErrors';
import { useUnsavedChanges } from '../../lib/unsavedChanges';

const CUSTOM = '__custom';
/** Where the service's refusals land: 时段 on the choice, 节点日期 and 节点名称 on theirs. */
const FIELDS = { 时段: 'choice', 评价时段: 'choice', 节点日期: 'milestoneDate', 节点名称: 'customName' };

/**
 * 新建评价: the period (a quarter of the posting that has begun, 期满, or a custom milestone with its day); the
 * evaluation pins the template version in force. Opens the evaluation page once created.
 */
export function NewEvaluationModal({ posting, taken, open, initialPeriod, onClose }: { posting: PostingHeader; taken: string[]; open: boolean; initialPeriod?: string; onClose: () => void }) {
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const active = useApi('growth:templateActive', open ? {} : null);
  const choice = Form.useWatch('choice', form);
  const end = effectiveEnd(posting);
  const today = dayOf(new Date());
  // 期满 only at the end of the term (shared/termRules.ts): the option says from when.
  const termRefusal = termEndRefusal(posting, today, TERM_PERIOD);
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(open && dirty);

  // The quarters begun so far within the posting (a quarter after its end is not owed), and any already evaluated.
  const quarters = useMemo(() => {
    const limit = today < end ? today : end;
    return QUARTER_PERIODS.map((p, i) => ({ period: p, ...quarterDays(posting.startDate, i + 1) })).filter((q) => q.period === '第一季度' || q.start <= limit || taken.includes(q.period));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [posting.startDate, end, today, taken.join('|')]);

  useEffect(() => {
    if (!open) return;
    const free = quarters.find((q) => !taken.includes(q.period))?.period;
    const offered = initialPeriod && !taken.includes(initialPeriod) && !(initialPeriod === TERM_PERIOD && termRefusal);
    const wanted = offered ? (periodKindOf(initialPeriod) === 'milestone' ? CUSTOM : initialPeriod) : undefined;
    form.resetFields();
    form.setFieldsValue({ choice: wanted ?? free ?? (taken.includes(TERM_PERIOD) || termRefusal ? CUSTOM : TERM_PERIOD), customName: '', milestoneDate: '' });
    setDirty(false);
    clearFormError();
    // Only when the dialog opens: the list of taken periods is a new array on every render of the tab.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, initialPeriod]);

  const { saving, submit, formError, clearFormError } = useFieldFormSubmit(
    form,
    async (v) => {
      const custom = v.choice === CUSTOM;
      const period = custom ? String(v.customName).trim() : v.choice;
      const e = await api('growth:save', { data: { postingId: posting.id, period, milestoneDate: custom ? v.milestoneDate : '', templateId: null } });
      setDirty(false);
      unsaved.release();
      onClose();
      navigate(`/growth/${e.id}`);
      return `已新建${posting.cadreName}的成长评价（${period}）`;
    },
    () => FIELDS,
  );

  const range = (q: { start: string; end: string }) => `${q.start.slice(5)}—${q.end.slice(5)}`;
  return (
    <Modal title={`新建成长评价 · ${posting.cadreName}`} open={open} width={640} onCancel={() => unsaved.confirmLeave(onClose)} onOk={submit} okText="新建并开始评分" cancelText="取消" confirmLoading={saving} destroyOnHidden>
      {formError && <Alert type="error" showIcon style={{ marginTop: 12 }} title={formError} />}
      <Form form={form} layout="vertical" style={{ marginTop: 12 }} onValuesChange={() => setDirty(true)}>
        <Form.Item label="评价时段" name="choice" rules={[{ required: true, message: '请选择评价时段' }]}>
          <Radio.Group aria-label="评价时段">
            <Flex wrap gap={8}>
              {quarters.map((q) => (
                <Radio.Button key={q.period} value={q.period} disabled={taken.includes(q.period)} style={{ height: 'auto', lineHeight: 1.4, padding: '6px 12px', borderRadius: 4 }}>
                  <Flex vertical align="center">
                    <span>{q.period}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                      {taken.includes(q.period) ? '已有评价' : range(q)}
                    </Typography.Text>
                  </Flex>
                </Radio.Button>
              ))}
              <Radio.Button
                value={TERM_PERIOD}
                disabled={taken.includes(TERM_PERIOD) || !!termRefusal}
                title={termRefusal && !taken.includes(TERM_PERIOD) ? termRefusal.replace(`${TERM_PERIOD}：`, '') : undefined}
                style={{ height: 'auto', lineHeight: 1.4, padding: '6px 12px', borderRadius: 4 }}
              >
                <Flex vertical align="center">
                  <span>{TERM_PERIOD}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                    {taken.includes(TERM_PERIOD) ? '已有评价' : termRefusal ? `${termEndOpensOn(posting) ?? '挂职结束'}起可评` : '终期评价'}
                  </Typography.Text>
                </Flex>
              </Radio.Button>
              <Radio.Button value={CUSTOM} style={{ height: 'auto', lineHeight: 1.4, padding: '6px 12px', borderRadius: 4 }}>
                <Flex vertical align="center">
                  <span>自定义节点</span>
                  <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                    如“半年”“项目签约”
                  </Typography.Text>
                </Flex>
              </Radio.Button>
            </Flex>
          </Radio.Group>
        </Form.Item>
        {choice === CUSTOM && (
          <Flex gap={12}>
            <Form.Item
              style={{ flex: 1 }}
              label="节点名称"
              name="customName"
              rules={[
                { required: true, whitespace: true, message: '请填写节点名称' },
                { max: 20, message: '不能超过20个字' },
                { validator: async (_, v: string) => { if (v && taken.includes(v.trim())) throw new Error(`“${v.trim()}”已有评价`); } },
              ]}
            >
              <Input aria-label="节点名称" placeholder="如 挂职满半年" maxLength={20} />
            </Form.Item>
            <Form.Item
              style={{ width: 200 }}
              label="节点日期"
              name="milestoneDate"
              rules={[
                { required: true, message: '自定义节点须填写日期' },
                { validator: async (_, v: string) => { if (v && !parseYearMonthDay(v)) throw new Error('应为日期，格式如 2025.12.01'); } },
              ]}
            >
              <DayInput aria-label="节点日期" />
            </Form.Item>
          </Flex>
        )}
        {active.data && (
          <Typography.Text type="secondary">{`使用模板：第${active.data.version}版“${active.data.templateName}”（达标线 ${active.data.threshold} 分）。评价始终按该版本显示，之后启用新版本也不影响。`}</Typography.Text>
        )}
        {active.error && <Alert type="error" showIcon title={active.error} />}
      </Form>
    </Modal>
  );
}
