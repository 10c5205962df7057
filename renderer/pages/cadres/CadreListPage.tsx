import { FileExcelOutlined, PlusOutlined, SearchOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Select, Space, Table, Tag } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { EDUCATION_LEVELS, GENDERS, NATIONS, PERSON_CATEGORIES, POLITICAL_STATUSES } from '../../../shared/codes';
import { POSTING_STATUSES } from '../../../shared/codes/secondment';
import type { CadreListItem } from '../../../shared/cadre';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { saveBase64File } from '../../lib/files';
import { AddMembersModal } from '../../components/AddMembersModal';
import { CadrePhoto } from '../../components/CadrePhoto';

const FILTERS = [
  { key: 'gender', label: '性别', options: GENDERS },
  { key: 'nation', label: '民族', options: NATIONS },
  { key: 'politicalStatus', label: '政治面貌', options: POLITICAL_STATUSES },
  { key: 'education', label: '学历', options: EDUCATION_LEVELS },
  { key: 'personCategory', label: '人员类别', options: PERSON_CATEGORIES },
] as const;

type FilterKey = (typeof FILTERS)[number]['key'];

/** 干部档案 list: one search box (name, pinyin initials, full pinyin, ID number, unit), filters, pinyin order. */
export function CadreListPage() {
  const navigate = useNavigate();
  const { canCall } = useSession();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('size') ?? 20);
  const filters = Object.fromEntries(FILTERS.map((f) => [f.key, params.get(f.key) ?? ''])) as Record<FilterKey, string>;

  // Search as the user types, without a request per keystroke. Opening a row cancels a search still pending,
  // so that it cannot pull the user back to the list.
  const pendingSearch = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    const t = (pendingSearch.current = setTimeout(() => {
      if ((params.get('q') ?? '') !== text) update({ q: text, page: '1' });
    }, 250));
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) (v ? next.set(k, v) : next.delete(k));
    setParams(next, { replace: true });
  }

  const batchId = Number(params.get('batch')) || null;
  const postingStatus = params.get('status') ?? '';
  const query = useMemo(() => ({ query: params.get('q') ?? '', ...filters, batchId, postingStatus, page, pageSize }), [params]); // eslint-disable-line react-hooks/exhaustive-deps
  const batches = useApi('batch:list', {});
  const list = useApi('cadre:list', query);
  const [selected, setSelected] = useState<CadreListItem[]>([]);
  const [joining, setJoining] = useState(false);
  const { message } = App.useApp();

  const exportExcel = async () => {
    try {
      const f = await api('roster:export', { query: query.query, ...filters, batchId, postingStatus });
      saveBase64File(f.fileName, f.base64);
      message.success(`已导出 ${list.data?.total ?? ''} 人：${f.fileName}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <h1 className="page-title" style={{ margin: 0 }}>
          干部档案
        </h1>
        <Space>
          {canCall('roster:export') && (
            <Button icon={<FileExcelOutlined />} onClick={exportExcel} disabled={!list.data?.total}>
              导出Excel
            </Button>
          )}
          {canCall('batch:addMembers') && (
            <Button icon={<UsergroupAddOutlined />} disabled={!selected.length} onClick={() => setJoining(true)}>
              加入批次{selected.length ? `（${selected.length}人）` : ''}
            </Button>
          )}
          {canCall('cadre:save') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cadres/new')}>
              新建干部档案
            </Button>
          )}
        </Space>
      </Flex>
      <Card size="small">
        <Flex gap={8} wrap>
          <Input
            allowClear
            autoFocus
            prefix={<SearchOutlined />}
            placeholder="姓名、拼音首字母（如 lmy）、全拼、身份证号或单位"
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: 340 }}
            aria-label="检索干部"
          />
          {FILTERS.map((f) => (
            <Select
              key={f.key}
              allowClear
              showSearch
              placeholder={f.label}
              value={filters[f.key] || undefined}
              onChange={(v) => update({ [f.key]: v ?? '', page: '1' })}
              options={f.options.map((o) => ({ value: o, label: o }))}
              style={{ width: f.key === 'politicalStatus' ? 150 : 110 }}
              aria-label={f.label}
            />
          ))}
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="批次"
            value={batchId ?? undefined}
            onChange={(v) => update({ batch: v ? String(v) : '', page: '1' })}
            options={(batches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            style={{ width: 220 }}
            aria-label="批次"
          />
          <Select allowClear placeholder="挂职状态" value={postingStatus || undefined} onChange={(v) => update({ status: v ?? '', page: '1' })} options={POSTING_STATUSES.map((s) => ({ value: s, label: s }))} style={{ width: 150 }} aria-label="挂职状态" />
        </Flex>
      </Card>
      {list.error && <Alert type="error" showIcon message="无法读取干部档案" description={list.error} />}
      <Table<CadreListItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        rowSelection={{ selectedRowKeys: selected.map((c) => c.id), preserveSelectedRowKeys: true, onChange: (_keys, rows) => setSelected(rows.filter(Boolean)) }}
        onRow={(r) => ({ onClick: () => (clearTimeout(pendingSearch.current), navigate(`/cadres/${r.id}`)), style: { cursor: 'pointer' } })}
        locale={{ emptyText: params.get('q') || batchId || postingStatus || FILTERS.some((f) => filters[f.key]) ? '没有符合条件的干部档案' : '还没有干部档案' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (t) => `共 ${t} 人`,
          onChange: (p, s) => update({ page: String(p), size: String(s) }),
        }}
        columns={[
          { title: '照片', key: 'photo', width: 64, render: (_, r) => <CadrePhoto cadreId={r.id} hasPhoto={r.hasPhoto} /> },
          { title: '姓名', dataIndex: 'name', width: 100, render: (v: string) => <strong>{v}</strong> },
          { title: '性别', dataIndex: 'gender', width: 60 },
          { title: '出生年月', dataIndex: 'birthDate', width: 100 },
          { title: '政治面貌', dataIndex: 'politicalStatus', width: 110, render: (v: string) => (v ? <Tag>{v}</Tag> : '') },
          { title: '工作单位', dataIndex: 'workUnit', ellipsis: true },
          { title: '现任职务', dataIndex: 'currentPosition', ellipsis: true },
        ]}
      />
      <AddMembersModal
        open={joining}
        preselected={selected}
        onClose={() => setJoining(false)}
        onDone={(batchId) => {
          setJoining(false);
          setSelected([]);
          navigate(`/batches/${batchId}`);
        }}
      />
    </Flex>
  );
}
