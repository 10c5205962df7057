import { ApiError, errorMessage } from '../../api/client';

/**
 * Splits a refusal of the security channels into the fields it names ("当前密码：密码不正确；新密码：至少8个字符")
 * by the field label each part starts with; the rest is shown above the form.
 */
export function splitFieldErrors<F extends string>(err: unknown, labels: Readonly<Record<string, F>>): { fields: { name: F; errors: string[] }[]; rest: string | null } {
  const text = errorMessage(err);
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION') return { fields: [], rest: text };
  const byField = new Map<F, string[]>();
  const rest: string[] = [];
  for (const part of text.split('；').filter(Boolean)) {
    const label = part.split('：')[0];
    const name = part.includes('：') ? labels[label] : undefined;
    if (name) byField.set(name, [...(byField.get(name) ?? []), part]);
    else rest.push(part);
  }
  return { fields: [...byField].map(([name, errors]) => ({ name, errors })), rest: rest.length ? rest.join('；') : null };
}
