import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';

/** 从其他位置恢复: a backup copied elsewhere (a USB stick, another computer), by its full path. */
export function RestoreFromPathCard({ onPreview }: { onPreview: (file: string) => void }) {
  const [file, setFile] = useState('');
  const [error, setError] = useState<string>();

  const check = () => {
    const f = file.trim().replace(/^"(.*)"$/, '$1');
    if (!f) return setError('请填写备份文件的完整路径');
    if (!/^([a-zA-Z]:[\\/]|\\\\|\/)/.test(f)) return setError('应为完整路径，如 E:\\备份\\挂职干部管理系统备份-2026-11-29-1530.cdbak');
    if (!/\.cdbak$/i.test(f)) return setError('应为本系统的备份文件（扩展名 .cdbak）');
    setError(undefined);
    onPreview(f);
  };

  return (
    <Card title="从其他位置恢复" style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        备份文件不在上面的列表中时（如保存在U盘或从其他电脑拷来），填写它的完整路径。恢复前会先显示备份内容供核对。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="备份文件路径" validateStatus={error ? 'error' : undefined} help={error} style={{ marginBottom: 0 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              aria-label="备份文件路径"
              value={file}
              placeholder="如 E:\备份\挂职干部管理系统备份-2026-11-29-1530.cdbak"
              onChange={(e) => {
                setFile(e.target.value);
                setError(undefined);
              }}
              onPressEnter={check}
            />
            <Button onClick={check}>恢复…</Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Card>
  );
}
