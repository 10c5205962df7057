import { App, Button, Flex, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { AnnualTextProposal } from '../../../shared/assessment';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../auth/session';

const box = { background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', whiteSpace: 'pre-wrap' as const, lineHeight: 1.8 };

/**
 * 档案中的年度考核结果与本次考核不一致: after a 审核 (or a 退回) the cadre file's 年度考核结果, typed by the clerk or
 * imported, is not rewritten; this dialog shows what it says and what the app proposes. 采用建议 writes the proposal
 * (audited on the file and on the record); 保留原文 leaves the text as it is.
 */
export function AnnualProposalModal({ proposal, onClose, onAccepted }: { proposal: AnnualTextProposal | null; onClose: () => void; onAccepted: () => void }) {
  const { message } = App.useApp();
  const { canCall } = useSession();
  const [busy, setBusy] = useState(false);
  const p = proposal;
  const mayAccept = canCall('record:acceptAnnualProposal');

  const accept = async () => {
    if (!p) return;
    setBusy(true);
    try {
      await api('record:acceptAnnualProposal', { recordId: p.recordId, current: p.current });
      message.success(`已按建议更新${p.cadreName}档案中的年度考核结果`);
      onAccepted();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="档案中的年度考核结果与本次考核不一致"
      open={!!p}
      width={620}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>保留原文</Button>
          {mayAccept && (
            <Button type="primary" loading={busy} onClick={accept}>
              采用建议
            </Button>
          )}
        </Flex>
      }
    >
      {p && (
        <Flex vertical gap={12} data-testid="annual-proposal">
          <Typography.Text>
            {p.grade
              ? `${p.cadreName}的${p.year}年度考核已确定为“${p.grade}”，干部档案中填写的年度考核结果没有相应内容。系统不会自动改写档案中已填写的文字，请确认是否采用建议。`
              : `${p.cadreName}的${p.year}年度考核已退回，不再是确定的结果，干部档案中的年度考核结果仍写有该年度。系统不会自动改写档案中已填写的文字，请确认是否采用建议。`}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">现为：</Typography.Text>
            <div style={box} data-testid="annual-proposal-current">
              {p.current || <Typography.Text type="secondary">（空）</Typography.Text>}
            </div>
          </div>
          <div>
            <Typography.Text type="secondary">建议改为：</Typography.Text>
            <div style={{ ...box, background: '#f6ffed', borderColor: '#b7eb8f' }} data-testid="annual-proposal-proposed">
              {p.proposed || <Typography.Text type="secondary">（空）</Typography.Text>}
            </div>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {mayAccept ? '采用建议后，修改记入干部档案和该考核记录的修改记录；保留原文则不作改动，之后仍可在考核记录中采用。' : '当前账号不能修改干部档案，请由经办人采用建议。'}
          </Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}
