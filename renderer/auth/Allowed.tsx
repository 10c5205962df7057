import { Popconfirm, Tooltip } from 'antd';
import { cloneElement, isValidElement, type CSSProperties, type ReactNode } from 'react';
import type { Channel } from '../../shared/contract';
import type { Permission } from '../../shared/permissions';
import { useSession } from './session';

/**
 * The control a role may use, keyed by the channel it calls (CHANNEL_PERMISSIONS stays the one table): shown when the
 * signed-in role may, otherwise left out — or, with `showDisabled`, shown disabled under a tooltip naming the role it
 * needs, for a control whose absence would puzzle (彻底删除 beside 恢复). A Popconfirm around it is dropped then.
 */
export function Allowed({ channel, permission, showDisabled = false, children }: { channel?: Channel; permission?: Permission; showDisabled?: boolean; children: ReactNode }) {
  const { refusal, refusalOf } = useSession();
  const why = channel ? refusalOf(channel) : permission ? refusal(permission) : null;
  if (!why) return <>{children}</>;
  if (!showDisabled || !isValidElement(children)) return null;
  const inner = children.type === Popconfirm ? (children.props as { children: ReactNode }).children : children;
  if (!isValidElement<{ disabled?: boolean; style?: CSSProperties }>(inner)) return null;
  // The wrapper takes the pointer (a disabled button gets no mouse events), so the tooltip shows on hover.
  return (
    <Tooltip title={why}>
      <span style={{ display: 'inline-block', cursor: 'not-allowed' }}>{cloneElement(inner, { disabled: true, style: { ...inner.props.style, pointerEvents: 'none' } })}</span>
    </Tooltip>
  );
}
