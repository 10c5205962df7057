import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Spin } from 'antd';
import { renderAsync } from 'docx-preview';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client';
import { base64ToBytes, saveBase64File } from '../lib/files';

export interface PrintableDocument {
  fileName: string;
  base64: string;
}

/**
 * Shows a generated .docx the way it will print (docx-preview renders the same file Word and WPS open),
 * with 打印 and 另存为 Word. `load` is called each time the dialog opens.
 */
export function DocumentPreviewModal({ title, load, open, onClose }: { title: string; load: () => Promise<PrintableDocument>; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const container = useRef<HTMLDivElement>(null);
  const [doc, setDoc] = useState<PrintableDocument | null>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setDoc(null);
    setError(undefined);
    setLoading(true);
    load()
      .then(async (d) => {
        if (!live) return;
        setDoc(d);
        if (container.current) {
          container.current.innerHTML = '';
          await renderAsync(new Blob([base64ToBytes(d.base64)]), container.current, undefined, { className: 'docx', inWrapper: true, breakPages: true, ignoreLastRenderedPageBreak: true });
        }
      })
      .catch((e) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      width={900}
      style={{ top: 24 }}
      destroyOnHidden
      footer={
        <Space>
          <Button icon={<PrinterOutlined />} disabled={!doc} onClick={() => window.print()}>
            打印
          </Button>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            disabled={!doc}
            onClick={() => {
              saveBase64File(doc!.fileName, doc!.base64);
              message.success(`已生成“${doc!.fileName}”`);
            }}
          >
            另存为 Word
          </Button>
          <Button onClick={onClose}>关闭</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message="无法生成文档" description={error} />}
      <Spin spinning={loading}>
        <div ref={container} className="print-area" data-testid="document-preview" style={{ maxHeight: '72vh', overflow: 'auto', background: '#e8e8e8', minHeight: 200 }} />
      </Spin>
    </Modal>
  );
}
