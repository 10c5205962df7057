import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';

/** One kind of 考核记录 on the records tab: a card with its count, an add button and the list. */
export function RecordSection<T extends { id: number }>({
  title,
  addLabel,
  onAdd,
  rows,
  columns,
  emptyText,
  expand,
  extra,
}: {
  title: string;
  addLabel: string;
  onAdd?: () => void;
  rows: T[];
  columns: TableColumnsType<T>;
  emptyText: string;
  /** The full text of a row, shown when it is expanded. */
  expand?: (r: T) => ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Card
      size="small"
      title={`${title}（${rows.length}）`}
      extra={
        <>
          {extra}
          {onAdd && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={onAdd}>
              {addLabel}
            </Button>
          )}
        </>
      }
      data-testid={`records-${title}`}
    >
      <Table<T>
        rowKey="id"
        size="small"
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 12, hideOnSinglePage: true }}
        locale={{ emptyText }}
        expandable={expand ? { expandedRowRender: expand } : undefined}
      />
    </Card>
  );
}
