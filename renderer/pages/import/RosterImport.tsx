import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Flex, Form, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { RosterPreview, RosterRowPreview } from '../../../shared/channels/exchange';
import type { JobProgress } from '../../../shared/jobProgress';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/useApi';
import { readFileAsBase64, saveBase64File } from '../../lib/files';

/**
 * 花名册（Excel）导入: the preview lists what will be created or updated and every problem by Excel row
 * number; if any row has an error nothing is imported.
 */
export function RosterImport() {
  const { message } = App.useApp();
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [batchName, setBatchName] = useState('');
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const batches = useApi('batch:list', {});

  const runPreview = async (f: { fileName: string; base64: string }, batch: string) => {
    setBusy(true);
    try {
      setPreview(await api('roster:preview', { ...f, batchName: batch }));
    } catch (e) {
      setPreview(null);
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await api('roster:import', { ...file, batchName }, { onProgress: setProgress });
      if (!r.ok) {
        message.error(`花名册有 ${r.errors.length} 处错误，未导入任何内容`);
        return;
      }
      message.success(`花名册已导入：新建 ${r.created} 人，更新 ${r.updated} 人${r.postings ? `，新增挂职记录 ${r.postings} 条` : ''}`);
      setPreview(null);
      setFile(null);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const template = async () => {
    try {
      const t = await api('roster:template', {});
      saveBase64File(t.fileName, t.base64);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Flex vertical gap={16}>
      <Form layout="inline">
        <Form.Item label="花名册文件">
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={async (f) => {
              const picked = { fileName: f.name, base64: await readFileAsBase64(f as unknown as File) };
              setFile(picked);
              void runPreview(picked, batchName);
              return false;
            }}
          >
            <Button icon={<FileExcelOutlined />} loading={busy} data-testid="roster-pick">
              {file ? file.fileName : '选择 Excel 文件（.xlsx）'}
            </Button>
          </Upload>
        </Form.Item>
        <Form.Item label="导入到批次" tooltip="填写批次名称时，花名册中的挂职单位、挂职职务、起止时间将生成该批次的挂职记录">
          <AutoComplete
            allowClear
            style={{ width: 300 }}
            value={batchName}
            onChange={(v) => setBatchName(v ?? '')}
            onBlur={() => file && runPreview(file, batchName)}
            options={(batches.data ?? []).map((b) => ({ value: b.name }))}
            placeholder="可不填"
          />
        </Form.Item>
        <Form.Item>
          <Button icon={<DownloadOutlined />} onClick={template}>
            下载空白花名册模板
          </Button>
        </Form.Item>
      </Form>

      {preview && (
        <>
          <Typography.Text type="secondary">
            工作表“{preview.sheetName}”，表头在第 {preview.headerRow} 行；识别的列：{preview.columns.map((c) => (c.header === c.label ? c.header : `${c.header}（${c.label}）`)).join('、')}
            {preview.ignoredColumns.length ? `；未使用的列：${preview.ignoredColumns.join('、')}` : ''}
          </Typography.Text>
          {preview.errors.length > 0 ? (
            <Alert
              type="error"
              showIcon
              message={`发现 ${preview.errors.length} 处错误，整个花名册不会导入。请在 Excel 中改正后重新选择文件。`}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="roster-errors">
                  {preview.errors.map((e, i) => (
                    <li key={i}>{e.row ? `第 ${e.row} 行：${e.message}` : e.message}</li>
                  ))}
                </ul>
              }
            />
          ) : (
            <Alert type="success" showIcon message={`可以导入：新建 ${preview.created} 人，更新 ${preview.updated} 人，无变化 ${preview.unchanged} 人`} />
          )}
          {preview.notes.map((n) => (
            <Alert key={n} type="info" showIcon message={n} />
          ))}
          {preview.skipped.length > 0 && <Typography.Text type="secondary">已跳过：{preview.skipped.map((s) => `第 ${s.row} 行（${s.message}）`).join('、')}</Typography.Text>}
          <Table<RosterRowPreview>
            rowKey="row"
            size="small"
            dataSource={preview.rows}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            // Every cell reads in full (long posts wrap), at 1366 as at 1920; the changes of an update unfold below it.
            columns={[
              { title: '行号', dataIndex: 'row', width: 64 },
              { title: '结果', dataIndex: 'status', width: 80, render: (s: string, r) => (s === 'create' ? <Tag color="green">新建</Tag> : r.status === 'update' && r.changes.length === 0 ? <Tag>无变化</Tag> : <Tag color="blue">更新</Tag>) },
              { title: '姓名', key: 'name', width: 96, render: (_, r) => r.person.name },
              { title: '身份证号', key: 'id', width: 176, render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{r.person.idNumber}</span> },
              { title: '现任职务', key: 'post', render: (_, r) => r.person.currentPosition },
              { title: '修改项', key: 'changes', width: '15%', render: (_, r) => (r.status === 'update' ? r.changes.map((c) => c.label).join('、') : '') },
              {
                title: '挂职',
                key: 'posting',
                width: '22%',
                render: (_, r) =>
                  r.posting ? (
                    <>
                      <div>
                        {r.posting.hostUnit} {r.posting.hostPost}
                      </div>
                      <Typography.Text type="secondary">
                        {r.posting.startDate}—{r.posting.plannedEndDate}
                      </Typography.Text>
                    </>
                  ) : (
                    ''
                  ),
              },
            ]}
            expandable={{
              rowExpandable: (r) => r.status === 'update' && r.changes.length > 0,
              expandedRowRender: (r) =>
                r.status === 'update' ? (
                  <Table size="small" pagination={false} rowKey="field" dataSource={r.changes} columns={[{ title: '项目', dataIndex: 'label', width: 140 }, { title: '现有内容', dataIndex: 'old', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v || '（空）'}</span> }, { title: '导入后', dataIndex: 'new', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v || '（空）'}</span> }]} />
                ) : null,
            }}
          />
          <Space>
            <Button type="primary" disabled={preview.errors.length > 0 || preview.rows.length === 0} loading={busy} onClick={confirm}>
              确认导入
            </Button>
            <Button onClick={() => (setPreview(null), setFile(null))} disabled={busy}>
              取消
            </Button>
            {progress && (
              <Space data-testid="roster-progress">
                <Progress type="line" style={{ width: 240 }} percent={progress.total ? Math.floor((progress.done / progress.total) * 100) : 0} size="small" />
                <Typography.Text type="secondary">
                  {progress.stage}（{progress.done}/{progress.total}）
                </Typography.Text>
              </Space>
            )}
          </Space>
        </>
      )}
    </Flex>
  );
}
