import { PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Result, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ArchiveMismatch, ArchiveMissing, VerifyReport } from '../../../shared/archive';
import { api, errorMessage } from '../../api/client';
import { formatDateTime } from '../../../shared/dateText';

const KIND_LABELS: Record<string, string> = { assessment_record: '考核记录', growth_evaluation: '成长评价' };

/** Everything the report found, counted as the clerk reads it: one per integrity line, ledger problem and record. */
/** A hash chain's result (the archive ledger, the audit log): its length and each problem with its entry. */
function ChainResult({ chain }: { chain: VerifyReport['ledger'] }) {
  if (chain.ok)
    return (
      <span>
        {chain.entries} 条：<Typography.Text type="success">完整</Typography.Text>
      </span>
    );
  return (
    <Flex vertical>
      <span>{chain.entries} 条：</span>
      {chain.problems.map((p, i) => (
        <Typography.Text key={i} type="danger">
          {p.seq !== null ? `第 ${p.seq} 条：` : ''}
          {p.message}
        </Typography.Text>
      ))}
    </Flex>
  );
}

function problemCount(r: VerifyReport): number {
  return (r.integrity === 'ok' ? 0 : r.integrity.length) + r.ledger.problems.length + r.audit.problems.length + r.mismatches.length + r.missing.length;
}

/**
 * 系统 → 归档核验: every archived 考核记录 and 成长评价 hashed again and compared with the signed, append-only
 * archive ledger; plus the database's own integrity check.
 */
export function VerifyPage() {
  const navigate = useNavigate();
  const [report, setReport] = useState<VerifyReport>();
  const [checkedAt, setCheckedAt] = useState<string>();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();

  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      const r = await api('archive:verify', {});
      setReport(r);
      setCheckedAt(formatDateTime(new Date(), { seconds: true }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };

  const problems = report ? problemCount(report) : 0;

  return (
    <Flex vertical gap={16}>
      <div>
        <h1 className="page-title" style={{ marginBottom: 4 }}>
          归档核验
        </h1>
        <Typography.Text type="secondary">
          逐份重新计算已归档的考核记录和成长评价的校验值，与只增不改、带签名的归档账本核对，并检查数据库文件本身是否完好。发现问题说明数据库文件曾在本程序之外被改动：请从备份恢复，并保留本报告。
        </Typography.Text>
      </div>

      <Card>
        <Flex gap={12} align="center" wrap>
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={running} onClick={run}>
            {report ? '重新核验' : '开始核验'}
          </Button>
          {report && (
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={running}>
              打印报告
            </Button>
          )}
          {checkedAt && !running && <Typography.Text type="secondary">核验时间：{checkedAt}</Typography.Text>}
          {running && <Typography.Text type="secondary">正在核验，记录较多时需要一些时间…</Typography.Text>}
        </Flex>
      </Card>

      {error && <Alert type="error" showIcon title="核验未完成" description={error} />}

      {!report && !running && !error && (
        <Card>
          <Empty description="尚未核验。点击“开始核验”检查全部归档记录。" />
        </Card>
      )}
      {!report && running && (
        <Card>
          <Flex justify="center" style={{ padding: 32 }}>
            <Spin tip="正在核验…" size="large">
              <div style={{ width: 200, height: 60 }} />
            </Spin>
          </Flex>
        </Card>
      )}

      {report && (
        <Card className="print-area">
          <Result
            status={problems === 0 ? 'success' : 'error'}
            title={problems === 0 ? '全部一致' : `发现 ${problems} 处问题`}
            subTitle={
              problems === 0
                ? `已核对归档记录 ${report.checked} 份，与归档账本全部一致；数据库完整性正常。`
                : '数据库文件曾在本程序之外被改动。请保留本报告（可打印），并从问题出现之前的备份恢复。'
            }
            extra={
              problems > 0 && (
                <Button type="primary" onClick={() => navigate('/system/backup')}>
                  去数据备份恢复
                </Button>
              )
            }
            style={{ paddingBlock: 16 }}
          />
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 180 } }}
            items={[
              {
                key: 'integrity',
                label: '数据库完整性',
                children:
                  report.integrity === 'ok' ? (
                    <Tag color="success">正常</Tag>
                  ) : (
                    <Flex vertical>
                      {report.integrity.map((line, i) => (
                        <Typography.Text key={i} type="danger">
                          {line}
                        </Typography.Text>
                      ))}
                    </Flex>
                  ),
              },
              { key: 'ledger', label: '归档账本', children: <ChainResult chain={report.ledger} /> },
              { key: 'audit', label: '操作日志', children: <ChainResult chain={report.audit} /> },
              { key: 'checked', label: '已核对归档记录', children: `${report.checked} 份` },
              {
                key: 'mismatch',
                label: '与归档时不一致',
                children: report.mismatches.length ? <Typography.Text type="danger">{report.mismatches.length} 份（见下表）</Typography.Text> : '无',
              },
              {
                key: 'missing',
                label: '已不存在',
                children: report.missing.length ? <Typography.Text type="danger">{report.missing.length} 份（见下表）</Typography.Text> : '无',
              },
            ]}
          />
          {report.mismatches.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                与归档时不一致
              </Typography.Title>
              <Table<ArchiveMismatch>
                rowKey={(m) => `${m.kind}-${m.id}`}
                size="small"
                pagination={false}
                dataSource={report.mismatches}
                columns={[
                  { title: '类别', dataIndex: 'kind', width: 100, render: (k: string) => KIND_LABELS[k] ?? k },
                  { title: '记录', dataIndex: 'label' },
                  { title: '问题', dataIndex: 'reason', render: (r: string) => <Typography.Text type="danger">{r}</Typography.Text> },
                ]}
              />
            </>
          )}
          {report.missing.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                已不存在
              </Typography.Title>
              <Table<ArchiveMissing>
                rowKey={(m) => `${m.kind}-${m.id}-${m.seq}`}
                size="small"
                pagination={false}
                dataSource={report.missing}
                columns={[
                  { title: '类别', dataIndex: 'kind', width: 100, render: (k: string) => KIND_LABELS[k] ?? k },
                  { title: '记录', dataIndex: 'label' },
                  { title: '归档账本', dataIndex: 'seq', width: 140, render: (s: number) => `账本第 ${s} 条` },
                ]}
              />
            </>
          )}
          {checkedAt && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
              核验时间：{checkedAt}
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </Flex>
  );
}
