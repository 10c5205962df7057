import { DeleteOutlined, FileExcelOutlined, PlusOutlined, SearchOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EDUCATION_LEVELS, GENDERS, NATIONS, PERSON_CATEGORIES, POLITICAL_STATUSES } from '../../../shared/codes';
import { POSTING_STATUSES } from '../../../shared/codes/secondment';
import { CADRE_SORT_KEYS, type CadreListItem, type CadreSortKey } from '../../../shared/cadre';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useSession } from '../../auth/session';
import { namesList, runEach, showRefusals } from '../../lib/bulk';
import { useColumnChoice, type ChoosableColumn } from '../../lib/columnChooser';
import { saveBase64File } from '../../lib/files';
import { rowLink } from '../../lib/keyboard';
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

/** The columns a clerk may show or hide (列). 挂职状态 and 批次 are those of the posting the filters name, else the latest. */
const CHOOSABLE: ChoosableColumn[] = [
  { key: 'photo', title: '照片', defaultShown: true },
  { key: 'name', title: '姓名', defaultShown: true, fixed: true },
  { key: 'gender', title: '性别', defaultShown: true },
  { key: 'birthDate', title: '出生年月', defaultShown: true },
  { key: 'idNumber', title: '身份证号', defaultShown: false },
  { key: 'politicalStatus', title: '政治面貌', defaultShown: true },
  { key: 'workUnit', title: '工作单位', defaultShown: true },
  { key: 'currentPosition', title: '现任职务', defaultShown: true },
  { key: 'postingStatus', title: '挂职状态', defaultShown: false },
  { key: 'batchName', title: '批次', defaultShown: false },
];

const isSortKey = (v: string | null): v is CadreSortKey => !!v && (CADRE_SORT_KEYS as readonly string[]).includes(v);

/**
 * 干部档案 list: one search box (name, pinyin initials, full pinyin, ID number or its last digits, unit), filters,
 * sorting by any column (pinyin order for names), a column chooser, and on the selected rows 加入批次 / 移入回收站.
 * Rows are links: Tab (or ↑/↓) to one and press Enter to open it.
 */
export function CadreListPage() {
  const navigate = useNavigate();
  const { canCall } = useSession();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('size') ?? 20);
  const sortParam = params.get('sort');
  const sort: CadreSortKey = isSortKey(sortParam) ? sortParam : 'name';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const filters = Object.fromEntries(FILTERS.map((f) => [f.key, params.get(f.key) ?? ''])) as Record<FilterKey, string>;
  const { shown, chooser } = useColumnChoice('cadreList', CHOOSABLE);
  const postingColumns = shown.has('postingStatus') || shown.has('batchName');

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
  const filter = useMemo(() => ({ query: params.get('q') ?? '', ...filters, batchId, postingStatus, sort, order }) as const, [params]); // eslint-disable-line react-hooks/exhaustive-deps
  const query = useMemo(() => ({ ...filter, postingColumns, page, pageSize }), [filter, postingColumns, page, pageSize]);
  const batches = useApi('batch:list', {});
  const list = useApi('cadre:list', query);
  const [selected, setSelected] = useState<CadreListItem[]>([]);
  const [joining, setJoining] = useState(false);
  const [removing, setRemoving] = useState(false);
  const open = (r: CadreListItem) => {
    clearTimeout(pendingSearch.current);
    navigate(`/cadres/${r.id}`);
  };

  const exportExcel = async () => {
    try {
      const f = await api('roster:export', filter);
      saveBase64File(f.fileName, f.base64);
      message.success(`已导出 ${list.data?.total ?? ''} 人：${f.fileName}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  // 移入回收站 for the selected rows: one confirmation naming how many and who; each refusal listed afterwards.
  const removeSelected = () => {
    const chosen = [...selected];
    modal.confirm({
      title: `将选中的 ${chosen.length} 份档案移入回收站？`,
      content: `${namesList(chosen.map((c) => c.name))}。移入回收站后可在回收站中恢复。`,
      okText: `移入回收站（${chosen.length}人）`,
      okButtonProps: { danger: true },
      cancelText: '取消',
      autoFocusButton: 'cancel',
      onOk: async () => {
        setRemoving(true);
        try {
          const outcome = await runEach(chosen, (c) => api('cadre:delete', { id: c.id }));
          setSelected(outcome.refused.map((r) => r.item));
          if (outcome.done.length) message.success(`已将 ${outcome.done.length} 份档案移入回收站，可在回收站中恢复`);
          if (outcome.refused.length) showRefusals(modal, `${outcome.refused.length} 份档案未能移入回收站`, outcome, (c) => c.name);
          list.reload();
        } finally {
          setRemoving(false);
        }
      },
    });
  };

  const sortable = (key: CadreSortKey) => ({
    key,
    sorter: true,
    sortOrder: sort === key && sortParam ? (order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null,
    showSorterTooltip: { title: key === 'name' ? '按姓名拼音排序' : '点击排序' },
  });
  const allColumns: ColumnsType<CadreListItem> = [
    { title: '照片', key: 'photo', width: 64, render: (_, r) => <CadrePhoto cadreId={r.id} hasPhoto={r.hasPhoto} /> },
    {
      title: '姓名',
      dataIndex: 'name',
      width: 110,
      ...sortable('name'),
      // A real link: opens in place; the row itself also opens on Enter.
      render: (v: string, r) => (
        <Link to={`/cadres/${r.id}`} onClick={() => clearTimeout(pendingSearch.current)} tabIndex={-1}>
          <strong>{v}</strong>
        </Link>
      ),
    },
    { title: '性别', dataIndex: 'gender', width: 80, ...sortable('gender') },
    { title: '出生年月', dataIndex: 'birthDate', width: 110, ...sortable('birthDate') },
    { title: '身份证号', dataIndex: 'idNumber', width: 190, ...sortable('idNumber') },
    { title: '政治面貌', dataIndex: 'politicalStatus', width: 130, ...sortable('politicalStatus'), render: (v: string) => (v ? <Tag>{v}</Tag> : '') },
    // Units and posts wrap instead of being cut off: at 1366 with the optional columns on, they still read in full.
    { title: '工作单位', dataIndex: 'workUnit', ...sortable('workUnit') },
    { title: '现任职务', dataIndex: 'currentPosition', ...sortable('currentPosition') },
    { title: '挂职状态', dataIndex: 'postingStatus', width: 130, ...sortable('postingStatus'), render: (v: string) => (v ? <Tag color={v === '在岗' || v === '延期' ? 'green' : undefined}>{v}</Tag> : '') },
    { title: '批次', dataIndex: 'batchName', width: 200, ...sortable('batchName') },
  ];
  const columns = allColumns.filter((c) => shown.has(String(c.key ?? (c as { dataIndex?: string }).dataIndex)));

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <h1 className="page-title" style={{ margin: 0 }}>
          干部档案
        </h1>
        <Space wrap>
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
          {canCall('cadre:delete') && (
            <Button danger icon={<DeleteOutlined />} disabled={!selected.length} loading={removing} onClick={removeSelected}>
              移入回收站{selected.length ? `（${selected.length}人）` : ''}
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
        <Flex gap={8} wrap align="center">
          <Input
            allowClear
            autoFocus
            prefix={<SearchOutlined />}
            placeholder="姓名、拼音（如 lmy）、身份证号或末4位、单位"
            title="可输入姓名、拼音首字母（如 lmy）或全拼、身份证号或其末4–8位、工作单位或职务"
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: 400 }}
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
            style={{ width: 240 }}
            popupMatchSelectWidth={false}
            aria-label="批次"
          />
          <Select allowClear placeholder="挂职状态" value={postingStatus || undefined} onChange={(v) => update({ status: v ?? '', page: '1' })} options={POSTING_STATUSES.map((s) => ({ value: s, label: s }))} style={{ width: 150 }} aria-label="挂职状态" />
          <div style={{ marginLeft: 'auto' }}>{chooser}</div>
        </Flex>
      </Card>
      {list.error && <Alert type="error" showIcon message="无法读取干部档案" description={list.error} />}
      <Table<CadreListItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        rowSelection={{ selectedRowKeys: selected.map((c) => c.id), preserveSelectedRowKeys: true, onChange: (_keys, rows) => setSelected(rows.filter(Boolean)) }}
        onRow={(r) => rowLink(() => open(r))}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'sort') {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<CadreListItem>;
            const key = s?.order ? String(s.columnKey) : '';
            update({ sort: key, order: s?.order === 'descend' ? 'desc' : '', page: '1' });
          } else if (extra.action === 'paginate') update({ page: String(pagination.current ?? 1), size: String(pagination.pageSize ?? 20) });
        }}
        locale={{ emptyText: params.get('q') || batchId || postingStatus || FILTERS.some((f) => filters[f.key]) ? '没有符合条件的干部档案' : '还没有干部档案' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (t) => `共 ${t} 人`,
        }}
        columns={columns}
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
