import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AuditListItem } from '../../../shared/audit';
import type { AuditFilter } from '../../../shared/channels/audit';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { saveBase64File } from '../../lib/files';
import { AuditChanges } from './AuditChanges';
import { AuditFilterBar } from './AuditFilterBar';
import { AUDIT_PAGE_SIZES, EMPTY_FILTER, filterOf, hasFilter, readAuditUrl, writeAuditUrl, type AuditUrlState } from './auditLogFilters';
import './auditLog.css';

const COLUMNS = [
  { title: '时间', dataIndex: 'atText', width: 168, render: (t: string) => <span className="audit-time">{t}</span> },
  { title: '操作人', dataIndex: 'actor', width: 100 },
  { title: '操作', dataIndex: 'action', width: 190 },
  { title: '对象', dataIndex: 'object', width: 260 },
  { title: '修改内容', key: 'changes', render: (_: unknown, r: AuditListItem) => <AuditChanges changes={r.changes} note={r.note} /> },
];

/**
 * 系统 → 操作日志: who changed what and when, from the append-only audit log; filtered by user, days, object type,
 * action and note text, paged by the server, exported as .xlsx. The filters live in the URL.
 */
export function AuditLogPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readAuditUrl(params), [params]);
  const filter = useMemo(() => filterOf(state), [state]);
  const list = useApi('audit:list', state);
  const options = useApi('audit:options', {});
  const [exporting, setExporting] = useState(false);

  const go = (next: AuditUrlState) => setParams(writeAuditUrl(next), { replace: true });
  const search = (f: AuditFilter) => {
    go({ ...state, ...f, page: 1 });
    // The same filters again: 查询 still means “read again” (someone may have saved meanwhile).
    if (JSON.stringify(f) === JSON.stringify(filter) && state.page === 1) list.reload();
    options.reload();
  };

  const exportExcel = async () => {
    setExporting(true);
    try {
      const f = await api('audit:export', filter);
      saveBase64File(f.fileName, f.base64);
      message.success(`已导出 ${f.count} 条操作记录：${f.fileName}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const total = list.error ? 0 : (list.data?.total ?? 0);
  const filtered = hasFilter(filter);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16}>
        <div>
          <h1 className="page-title" style={{ marginBottom: 4 }}>
            操作日志
          </h1>
          <Typography.Text type="secondary">每一次修改都记录了谁、何时、改了什么；操作日志只能追加，不能修改或删除（归档核验会发现被改动的记录）。</Typography.Text>
        </div>
        <Button icon={<FileExcelOutlined />} loading={exporting} disabled={!total || list.loading} onClick={exportExcel}>
          导出Excel
        </Button>
      </Flex>

      <AuditFilterBar value={filter} options={options.data} optionsLoading={options.loading} onSearch={search} onReset={() => go({ ...state, ...EMPTY_FILTER, page: 1 })} />

      {list.error ? (
        <Alert
          type="error"
          showIcon
          title="无法读取操作日志"
          description={list.error}
          action={
            <Button size="small" onClick={list.reload}>
              重试
            </Button>
          }
        />
      ) : (
        <Table<AuditListItem>
          className="audit-table"
          rowKey="id"
          size="middle"
          loading={list.loading}
          columns={COLUMNS}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: list.loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? '没有符合条件的操作记录' : '还没有操作记录'} /> }}
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total,
            showSizeChanger: true,
            pageSizeOptions: AUDIT_PAGE_SIZES.map(String),
            showTotal: (t) => `共 ${t} 条`,
            onChange: (page, pageSize) => go({ ...state, page: pageSize === state.pageSize ? page : 1, pageSize }),
          }}
        />
      )}
    </Flex>
  );
}
