import { Button, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { BackupInfo } from '../../../shared/backup';
import { BACKUP_COUNT_LABELS } from '../../../shared/backup';
import { backupTime, formatSize, LIST_COUNT_KEYS, REASON_COLORS } from './backupFormat';

/** The backups in the folder, newest first; a damaged one says why and cannot be restored. */
export function BackupTable({ items, loading, onRestore, empty }: { items: BackupInfo[]; loading: boolean; onRestore: (b: BackupInfo) => void; empty: ReactNode }) {
  return (
    <Table<BackupInfo>
      rowKey="file"
      size="middle"
      loading={loading}
      dataSource={items}
      locale={{ emptyText: empty }}
      pagination={items.length > 10 ? { pageSize: 10, showTotal: (t) => `共 ${t} 份备份`, showSizeChanger: false } : false}
      tableLayout="fixed"
      columns={[
        {
          title: '时间',
          key: 'time',
          width: 370,
          render: (_, b) => (
            <Flex vertical>
              <span>{backupTime(b)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: b.file }}>
                {b.fileName}
              </Typography.Text>
            </Flex>
          ),
        },
        { title: '类型', dataIndex: 'reason', width: 90, render: (r: string) => <Tag color={REASON_COLORS[r] ?? 'default'}>{r || '手动'}</Tag> },
        { title: '大小', dataIndex: 'size', width: 100, align: 'right', render: (s: number) => formatSize(s) },
        {
          title: '内容',
          key: 'counts',
          render: (_, b) =>
            b.damaged ? (
              <Typography.Text type="danger">已损坏，不能恢复：{b.damaged}</Typography.Text>
            ) : (
              <Flex wrap gap="2px 16px">
                {LIST_COUNT_KEYS.map((k) => (
                  <span key={k} style={{ whiteSpace: 'nowrap' }}>
                    <Typography.Text type="secondary">{BACKUP_COUNT_LABELS[k]}</Typography.Text> {b.counts[k] ?? 0}
                  </span>
                ))}
              </Flex>
            ),
        },
        {
          title: '操作',
          key: 'actions',
          width: 100,
          render: (_, b) =>
            b.damaged ? (
              <Tooltip title="备份文件已损坏，不能用来恢复">
                <Button size="small" disabled>
                  恢复…
                </Button>
              </Tooltip>
            ) : (
              <Button size="small" onClick={() => onRestore(b)}>
                恢复…
              </Button>
            ),
        },
      ]}
    />
  );
}
