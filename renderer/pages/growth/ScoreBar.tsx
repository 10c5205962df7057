import { Tooltip } from 'antd';
import { formatScore } from './growthStyle';

/**
 * A stage score (0–100) as a bar with the threshold drawn across it: filled in the stage's colour when the score
 * meets the threshold (the backend says so), in a pale tone when it does not.
 */
export function ScoreBar({ score, threshold, meets, color, height = 10, label }: { score: number | null; threshold: number; meets: boolean; color: string; height?: number; label?: string }) {
  const width = score === null ? 0 : Math.max(0, Math.min(100, score));
  return (
    <Tooltip title={`${label ? `${label}：` : ''}${score === null ? '尚无得分' : `${formatScore(score)} 分`}（达标线 ${formatScore(threshold)} 分）`}>
      <div
        role="meter"
        aria-label={label ? `${label}得分` : '得分'}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={score ?? undefined}
        style={{ position: 'relative', height, borderRadius: height / 2, background: '#f0f0f0', overflow: 'visible' }}
      >
        <div
          style={{
            width: `${width}%`,
            height: '100%',
            borderRadius: height / 2,
            background: meets ? color : `${color}55`,
            transition: 'width .35s ease',
          }}
        />
        <div
          title={`达标线 ${formatScore(threshold)} 分`}
          style={{ position: 'absolute', left: `${threshold}%`, top: -3, bottom: -3, width: 2, background: '#262626', borderRadius: 1, opacity: 0.65 }}
        />
      </div>
    </Tooltip>
  );
}
