import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ArchivedType, VerifyReport } from '../../../shared/archive';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../auth/session';

type Outcome = { ok: boolean; lines: string[] };

/** What the report says about one archived record, and about the ledger it is checked against. */
function outcomeFor(r: VerifyReport, kind: ArchivedType, id: number): Outcome {
  const mismatch = r.mismatches.find((m) => m.kind === kind && m.id === id);
  const lines: string[] = [];
  if (mismatch) lines.push(`校验未通过：${mismatch.reason}。请从备份恢复，并保留此结果。`);
  else lines.push('校验通过：本评价的内容与归档时记录的校验值一致，归档后未被改动。');
  const others = r.mismatches.length - (mismatch ? 1 : 0) + r.missing.length;
  if (!r.ledger.ok) lines.push(`归档账本有 ${r.ledger.problems.length} 处问题：${r.ledger.problems.map((p) => p.message).join('；')}`);
  if (others > 0) lines.push(`另有 ${others} 份归档记录与归档时不一致或已缺失，请到“系统 → 归档核验”查看。`);
  return { ok: !mismatch && r.ledger.ok, lines };
}

/**
 * 校验 an archived record where it is shown: the same check as 系统 → 归档核验 (`archive:verify`), with its result
 * inline for this record, instead of asking the clerk to run `verify` on a command line.
 */
export function ArchiveCheck({ kind, id }: { kind: ArchivedType; id: number }) {
  const navigate = useNavigate();
  const { canCall } = useSession();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (!canCall('archive:verify')) return null;

  const run = async () => {
    setBusy(true);
    try {
      setOutcome(outcomeFor(await api('archive:verify', {}), kind, id));
    } catch (e) {
      setOutcome({ ok: false, lines: [`无法完成校验：${errorMessage(e)}`] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={4} data-testid="archive-check">
      <Flex gap={8} align="center" wrap>
        <Button size="small" icon={<SafetyCertificateOutlined />} loading={busy} onClick={run}>
          {outcome ? '重新校验' : '校验'}
        </Button>
        <Typography.Text type="secondary">核对归档内容是否被改动（与归档账本比对）</Typography.Text>
      </Flex>
      {outcome?.lines.map((l, i) => (
        <Typography.Text key={i} type={i === 0 && outcome.ok ? 'success' : 'danger'} data-testid={i === 0 ? 'archive-check-result' : undefined}>
          {l}
          {i > 0 && (
            <Typography.Link style={{ marginLeft: 8 }} onClick={() => navigate('/system/verify')}>
              前往归档核验
            </Typography.Link>
          )}
        </Typography.Text>
      ))}
    </Flex>
  );
}
