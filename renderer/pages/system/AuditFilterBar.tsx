import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { AuditFilterOptions } from '../../../shared/audit';
import type { AuditFilter } from '../../../shared/channels/audit';
import { EMPTY_FILTER } from './auditLogFilters';

/** The filter's days as the service and the URL take them; shown (and typed) as 2026.11.29, typed 2026-11-29 too. */
const DAY_FORMAT = 'YYYY-MM-DD';
const SHOWN_DAY_FORMATS = ['YYYY.MM.DD', DAY_FORMAT];

interface Props {
  /** The filters in force (from the URL). */
  value: AuditFilter;
  options: AuditFilterOptions | undefined;
  optionsLoading: boolean;
  onSearch: (f: AuditFilter) => void;
  onReset: () => void;
}

const toDay = (s: string): Dayjs | null => (s ? dayjs(s, DAY_FORMAT) : null);

/**
 * 操作人, 日期范围, 对象类型, 操作, 关键词: edited here and applied with 查询 (or Enter in the keyword box), so that
 * choosing several filters costs one search.
 */
export function AuditFilterBar({ value, options, optionsLoading, onSearch, onReset }: Props) {
  const [draft, setDraft] = useState<AuditFilter>(value);
  // The URL changed (back button, 重置, a link): show what is in force.
  const valueKey = JSON.stringify(value);
  useEffect(() => setDraft(value), [valueKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (changes: Partial<AuditFilter>) => setDraft((d) => ({ ...d, ...changes }));
  const withCurrent = (list: string[], current: string) => (current && !list.includes(current) ? [current, ...list] : list);

  return (
    <Card size="small">
      <Flex gap={8} wrap align="center">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="操作人"
          aria-label="操作人"
          loading={optionsLoading}
          value={draft.actor || undefined}
          onChange={(v) => set({ actor: v ?? '' })}
          options={withCurrent(options?.actors ?? [], draft.actor).map((a) => ({ value: a, label: a }))}
          notFoundContent="没有这个操作人"
          style={{ width: 140 }}
        />
        <DatePicker.RangePicker
          aria-label="日期范围"
          allowEmpty={[true, true]}
          placeholder={['开始日期', '结束日期']}
          format={SHOWN_DAY_FORMATS}
          value={[toDay(draft.startDate), toDay(draft.endDate)]}
          onChange={(range) => set({ startDate: range?.[0]?.format(DAY_FORMAT) ?? '', endDate: range?.[1]?.format(DAY_FORMAT) ?? '' })}
          style={{ width: 250 }}
        />
        <Select
          allowClear
          placeholder="对象类型"
          aria-label="对象类型"
          loading={optionsLoading}
          value={draft.entityType || undefined}
          onChange={(v) => set({ entityType: v ?? '' })}
          options={options?.entityTypes ?? (draft.entityType ? [{ value: draft.entityType, label: draft.entityType }] : [])}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="操作"
          aria-label="操作"
          loading={optionsLoading}
          value={draft.action || undefined}
          onChange={(v) => set({ action: v ?? '' })}
          options={withCurrent(options?.actions ?? [], draft.action).map((a) => ({ value: a, label: a }))}
          notFoundContent="没有这种操作"
          style={{ width: 150 }}
        />
        <Input
          allowClear
          placeholder="关键词（说明中的文字）"
          aria-label="关键词"
          maxLength={100}
          value={draft.query}
          onChange={(e) => set({ query: e.target.value })}
          onPressEnter={() => onSearch(draft)}
          style={{ width: 220 }}
        />
        <Button type="primary" icon={<SearchOutlined />} onClick={() => onSearch(draft)}>
          查询
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setDraft(EMPTY_FILTER);
            onReset();
          }}
        >
          重置
        </Button>
      </Flex>
    </Card>
  );
}
