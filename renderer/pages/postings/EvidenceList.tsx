import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { EVIDENCE_ACCEPT } from '../../../shared/evidenceTypes';
import type { Evidence, WorkResult } from '../../../shared/ledger';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../auth/session';
import { readFileAsBase64, saveBase64File } from '../../lib/files';

const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * 证据文件 of a work result: upload (stored in the data folder under its SHA-256), open (the file is offered as a
 * download, which the system then opens with its viewer) and remove.
 */
export function EvidenceList({ result, onChanged }: { result: WorkResult; onChanged: () => void }) {
  const { message } = App.useApp();
  const { canCall } = useSession();
  const [uploading, setUploading] = useState(false);

  const upload = async (file: File) => {
    setUploading(true);
    try {
      await api('evidence:add', { resultId: result.id, fileName: file.name, base64: await readFileAsBase64(file) });
      message.success(`已添加证据文件“${file.name}”`);
      onChanged();
    } catch (e) {
      message.error(e instanceof Error && !('code' in e) ? e.message : errorMessage(e));
    } finally {
      setUploading(false);
    }
  };
  const open = async (e: Evidence) => {
    try {
      // The desktop app opens the file with the system's viewer; the browser host downloads it instead.
      if ((await api('desktop:openEvidence', { id: e.id })).opened) return;
      const f = await api('evidence:get', { id: e.id });
      saveBase64File(f.fileName, f.base64);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const remove = async (e: Evidence) => {
    try {
      await api('evidence:remove', { id: e.id });
      message.success(`已删除证据文件“${e.fileName}”`);
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Flex vertical gap={4}>
      {result.evidence.map((e) => (
        <Space key={e.id} size={8}>
          <PaperClipOutlined />
          <Typography.Link onClick={() => open(e)} title="打开（下载后用系统程序查看）">
            {e.fileName}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {sizeText(e.size)}
          </Typography.Text>
          <Button size="small" type="text" icon={<DownloadOutlined />} onClick={() => open(e)} aria-label={`下载${e.fileName}`} />
          {canCall('evidence:remove') && (
            <Popconfirm title={`删除证据文件“${e.fileName}”？`} okText="删除" cancelText="取消" onConfirm={() => remove(e)}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除${e.fileName}`} />
            </Popconfirm>
          )}
        </Space>
      ))}
      {canCall('evidence:add') ? (
        <div>
          <Upload
            accept={EVIDENCE_ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading}>
              上传证据文件
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
            照片、扫描件、协议、报道等，单个文件不超过20 MB
          </Typography.Text>
        </div>
      ) : (
        !result.evidence.length && <Typography.Text type="secondary">无证据文件</Typography.Text>
      )}
    </Flex>
  );
}
