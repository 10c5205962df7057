import { App, Alert, Button, Checkbox, Flex, Modal, Progress, Typography } from 'antd';
import JSZip from 'jszip';
import { useRef, useState } from 'react';
import type { BatchPage } from '../../../shared/batch';
import { DOCUMENT_FORM_TITLES, documentFileName, MEMBER_FORMS, type MemberForm } from '../../../shared/documentFileName';
import { api, errorMessage } from '../../api/client';
import { base64ToBytes } from '../../lib/files';

interface Failure {
  name: string;
  form: string;
  message: string;
}

/**
 * 批量导出: the chosen forms for every member, generated one by one by the main process (the window stays
 * responsive and shows progress; 取消 stops after the current form), collected into one zip.
 */
export function BatchExportModal({ page, open, onClose }: { page: BatchPage; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [forms, setForms] = useState<MemberForm[]>(['renmian', 'appraisal']);
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);
  const [failures, setFailures] = useState<Failure[]>([]);
  const cancelled = useRef(false);
  const members = page.members.filter((m) => !m.cadreDeleted);
  const total = members.length * forms.length;

  const run = async () => {
    cancelled.current = false;
    setRunning(true);
    setDone(0);
    setFailures([]);
    const zip = new JSZip();
    const failed: Failure[] = [];
    let count = 0;
    for (const m of members) {
      for (const form of forms) {
        if (cancelled.current) break;
        try {
          // Named `<批次>_<姓名>_<表名>.docx` by the main process, as the CLI names it.
          const doc = await api('document:batchMember', { batchId: page.batch.id, cadreId: m.cadreId, form });
          zip.file(doc.fileName, base64ToBytes(doc.base64));
        } catch (e) {
          failed.push({ name: m.name, form: DOCUMENT_FORM_TITLES[form], message: errorMessage(e) });
        }
        setDone(++count);
      }
    }
    setFailures(failed);
    if (cancelled.current) {
      setRunning(false);
      message.info('已取消导出');
      return;
    }
    const blob = await zip.generateAsync({ type: 'blob', compression: 'DEFLATE' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = documentFileName(page.batch.name, '全部成员', forms.map((k) => DOCUMENT_FORM_TITLES[k]).join('、')).replace(/\.docx$/, '.zip');
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    setRunning(false);
    message.success(`已导出 ${count - failed.length} 份表格${failed.length ? `，${failed.length} 份未能生成` : ''}`);
  };

  return (
    <Modal
      title={`批量导出 · ${page.batch.name}`}
      open={open}
      onCancel={() => (running ? (cancelled.current = true) : onClose())}
      maskClosable={!running}
      footer={
        <Flex gap={8} justify="end">
          {running ? (
            <Button danger onClick={() => (cancelled.current = true)}>
              取消
            </Button>
          ) : (
            <>
              <Button onClick={onClose}>关闭</Button>
              <Button type="primary" disabled={!forms.length || !members.length} onClick={run}>
                开始导出（{total} 份）
              </Button>
            </>
          )}
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text>为本批次 {members.length} 名成员生成以下表格，打包为一个 zip 文件：</Typography.Text>
        <Checkbox.Group value={forms} onChange={(v) => setForms(v as MemberForm[])} disabled={running} options={MEMBER_FORMS.map((value) => ({ value, label: DOCUMENT_FORM_TITLES[value] }))} />
        <Typography.Text type="secondary">文件名：批次_姓名_表名.docx</Typography.Text>
        {(running || done > 0) && <Progress percent={total ? Math.round((done / total) * 100) : 0} format={() => `${done} / ${total}`} status={running ? 'active' : undefined} />}
        {failures.length > 0 && (
          <Alert
            type="warning"
            showIcon
            message={`${failures.length} 份未能生成`}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {failures.map((f, i) => (
                  <li key={i}>
                    {f.name}·{f.form}：{f.message}
                  </li>
                ))}
              </ul>
            }
          />
        )}
      </Flex>
    </Modal>
  );
}
