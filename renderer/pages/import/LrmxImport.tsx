import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, List, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { LrmxFilePreview, LrmxImportOutcome, NamedFile } from '../../../shared/channels/exchange';
import { api, errorMessage } from '../../api/client';
import { readFileAsBase64 } from '../../lib/files';

const STATUS = { create: ['新建', 'green'], update: ['更新', 'blue'], error: ['无法导入', 'red'], created: ['已新建', 'green'], updated: ['已更新', 'blue'] } as const;

/**
 * 任免审批表（.lrmx）导入: pick or drop files, see what each would do (新建 / 更新 with every changed field /
 * the error naming the field), then confirm. Each file is imported all-or-nothing.
 */
export function LrmxImport() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [files, setFiles] = useState<NamedFile[]>([]);
  const [preview, setPreview] = useState<LrmxFilePreview[] | null>(null);
  const [report, setReport] = useState<LrmxImportOutcome[] | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (picked: File[]) => {
    setBusy(true);
    setReport(null);
    try {
      const named = await Promise.all(picked.map(async (f) => ({ name: f.name, base64: await readFileAsBase64(f) })));
      setFiles(named);
      setPreview(await api('lrmx:preview', { files: named }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const importable = preview?.filter((p) => p.status !== 'error') ?? [];
  const confirm = async () => {
    setBusy(true);
    try {
      const ok = new Set(importable.map((p) => p.file));
      const outcome = await api('lrmx:import', { files: files.filter((f) => ok.has(f.name)) });
      setReport(outcome);
      setPreview(null);
      const done = outcome.filter((o) => o.status !== 'error').length;
      message.success(`已导入 ${done} 个文件`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  let batchFiles: File[] = [];
  return (
    <Flex vertical gap={16}>
      <Upload.Dragger
        multiple
        accept=".lrmx,.xml"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file, list) => {
          // antd calls this once per file; handle the whole selection once.
          if (file === list[0]) batchFiles = [];
          batchFiles.push(file as unknown as File);
          if (batchFiles.length === list.length) void pick(batchFiles);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击选择或将 .lrmx 文件拖到这里（可多选）</p>
        <p className="ant-upload-hint">来自全国干部信息系统或任免审批表编辑器的文件；导入前会先显示将新建或更新的内容。</p>
      </Upload.Dragger>

      {preview && (
        <>
          <Table<LrmxFilePreview>
            rowKey="file"
            size="small"
            pagination={false}
            dataSource={preview}
            columns={[
              // Long file names wrap rather than being cut: the clerk needs to tell 张三.lrmx from 张三(1).lrmx.
              { title: '文件', dataIndex: 'file', width: 220, render: (v: string) => <span style={{ wordBreak: 'break-all' }}>{v}</span> },
              { title: '结果', dataIndex: 'status', width: 100, render: (s: keyof typeof STATUS) => <Tag color={STATUS[s][1]}>{STATUS[s][0]}</Tag> },
              {
                title: '内容',
                key: 'what',
                render: (_, p) =>
                  p.status === 'error' ? (
                    <Typography.Text type="danger">{p.errors.join('；')}</Typography.Text>
                  ) : (
                    <Space direction="vertical" size={2}>
                      <span>
                        <strong>{p.person.name}</strong> {p.person.gender} {p.person.birthDate} {p.person.idNumber} {p.person.currentPosition}
                      </span>
                      {p.status === 'update' && (p.changes.length ? <Typography.Text type="secondary">将修改 {p.changes.length} 项：{p.changes.map((c) => c.label).join('、')}</Typography.Text> : <Typography.Text type="secondary">与现有档案一致，无变化</Typography.Text>)}
                      {p.notes.map((n) => (
                        <Typography.Text key={n} type="secondary" style={{ fontSize: 12 }}>
                          {n}
                        </Typography.Text>
                      ))}
                    </Space>
                  ),
              },
            ]}
            expandable={{
              rowExpandable: (p) => p.status === 'update' && p.changes.length > 0,
              expandedRowRender: (p) =>
                p.status === 'update' ? (
                  <Table size="small" pagination={false} rowKey="field" dataSource={p.changes} columns={[{ title: '项目', dataIndex: 'label', width: 140 }, { title: '现有内容', dataIndex: 'old', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v || '（空）'}</span> }, { title: '导入后', dataIndex: 'new', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v || '（空）'}</span> }]} />
                ) : null,
            }}
          />
          <Flex gap={8} align="center">
            <Button type="primary" disabled={!importable.length} loading={busy} onClick={confirm}>
              确认导入 {importable.length} 个文件
            </Button>
            <Button onClick={() => (setPreview(null), setFiles([]))}>取消</Button>
            {preview.some((p) => p.status === 'error') && <Typography.Text type="danger">标为“无法导入”的文件不会写入任何内容。</Typography.Text>}
          </Flex>
        </>
      )}

      {report && (
        <Alert
          type={report.some((r) => r.status === 'error') ? 'warning' : 'success'}
          showIcon
          message="导入结果"
          description={
            <List
              size="small"
              dataSource={report}
              renderItem={(r) => (
                <List.Item>
                  <Tag color={STATUS[r.status][1]}>{STATUS[r.status][0]}</Tag> {r.file}：
                  {r.status === 'error' ? r.errors.join('；') : <a onClick={() => navigate(`/cadres/${r.cadreId}`)}>{r.name}</a>}
                </List.Item>
              )}
            />
          }
        />
      )}
    </Flex>
  );
}
