import { CheckOutlined } from '@ant-design/icons';
import { Flex, Steps, Tooltip, Typography } from 'antd';
import type { GrowthResult } from '../../../shared/growth';
import { formatScore, STAGE_COLORS, STAGE_HINTS } from './growthStyle';
import { ScoreBar } from './ScoreBar';

/** The step's marker: a filled circle in the stage's colour once reached, the next stage ringed, the rest grey. */
function Marker({ index, color, state }: { index: number; color: string; state: 'done' | 'next' | 'wait' }) {
  const size = 30;
  const style =
    state === 'done'
      ? { background: color, color: '#fff', border: `2px solid ${color}` }
      : state === 'next'
        ? { background: '#fff', color, border: `2px dashed ${color}` }
        : { background: '#fff', color: '#bfbfbf', border: '2px solid #d9d9d9' };
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: size, height: size, borderRadius: size / 2, fontWeight: 600, ...style }}>
      {state === 'done' ? <CheckOutlined /> : index + 1}
    </span>
  );
}

/**
 * 学习者 → 参与者 → 践行者 → 传递者: the stages reached filled in, the next one ringed, each with its score against the
 * threshold. Reads the backend's result only.
 */
export function StageSteps({ result }: { result: GrowthResult }) {
  const level = result.scored ? result.reachedLevel : 0;
  return (
    <Steps
      aria-label="成长阶段"
      current={Math.max(0, Math.min(3, level - 1))}
      titlePlacement="vertical"
      items={result.stageScores.map((s, i) => {
        const state = i < level ? 'done' : i === level && result.scored ? 'next' : 'wait';
        const color = STAGE_COLORS[s.stage];
        return {
          key: s.stage,
          status: state === 'done' ? 'finish' : state === 'next' ? 'process' : 'wait',
          icon: <Marker index={i} color={color} state={state} />,
          title: (
            <Tooltip title={STAGE_HINTS[s.stage]}>
              <Typography.Text strong style={{ color: state === 'wait' ? '#8c8c8c' : color, fontSize: 15 }}>
                {s.stage}
              </Typography.Text>
            </Tooltip>
          ),
          content: (
            <Flex vertical gap={4} style={{ minWidth: 120, paddingTop: 2 }}>
              <Flex align="baseline" justify="center" gap={4}>
                <Typography.Text strong style={{ fontSize: 20, color: s.meetsThreshold ? color : '#8c8c8c' }} data-testid={`stage-score-${s.stage}`}>
                  {formatScore(s.score)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.score === null ? '' : s.meetsThreshold ? '分 · 达标' : '分 · 未达标'}
                </Typography.Text>
              </Flex>
              <ScoreBar score={s.score} threshold={result.threshold} meets={s.meetsThreshold} color={color} label={s.stage} />
            </Flex>
          ),
        };
      })}
    />
  );
}
