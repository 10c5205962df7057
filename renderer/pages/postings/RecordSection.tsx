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
  selection,
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
  /** Rows the clerk can tick for a bulk action (the ids ticked, and which rows can be ticked). */
  selection?: { selected: number[]; onChange: (ids: number[]) => void; selectable?: (r: T) => boolean; label: (r: T) => string };
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
        rowSelection={
          selection && {
            selectedRowKeys: selection.selected,
            onChange: (keys) => selection.onChange(keys.map(Number)),
            getCheckboxProps: (r) => ({ disabled: selection.selectable ? !selection.selectable(r) : false, 'aria-label': `选择${selection.label(r)}` }),
          }
        }
      />
    </Card>
  );
}
