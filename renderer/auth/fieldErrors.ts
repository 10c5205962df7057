import type { FormInstance } from 'antd';
import { errorMessage } from '../api/client';

/**
 * Puts each part of a refusal that starts with a field's label ("用户名：“li”已被使用；新密码：至少8个字符") under
 * that field, whatever the error code; returns the rest (to show above the form), or null when every part landed.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, labels: Readonly<Record<string, string>>): string | null {
  const text = errorMessage(err);
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const part of text.split('；').filter(Boolean)) {
    const i = part.indexOf('：');
    const name = i > 0 ? labels[part.slice(0, i)] : undefined;
    if (name) byField.set(name, [...(byField.get(name) ?? []), part.slice(i + 1)]);
    else rest.push(part);
  }
  if (byField.size) form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest.length ? rest.join('；') : null;
}
