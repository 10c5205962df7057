import type { FormInstance } from 'antd';
import { errorMessage } from '../api/client';

type NamePath = string | (string | number)[];

/**
 * Puts a service's refusal under the field it concerns (the toast vanishes; the red line stays until the field is
 * changed): the first rule whose pattern matches the message names the fields. A `批次名称：…` prefix is dropped, the
 * field already says it. Returns whether the refusal found a field.
 */
export function refusalOnField(form: FormInstance, err: unknown, rules: { match: RegExp; fields: NamePath[]; /** Shown under the other fields (the first has the whole message). */ others?: string }[]): boolean {
  const message = errorMessage(err);
  const rule = rules.find((r) => r.match.test(message));
  if (!rule) return false;
  const text = message.replace(/^[^：“]{1,20}：/, '');
  form.setFields(rule.fields.map((name, i) => ({ name, errors: [i > 0 && rule.others ? rule.others : text] })));
  return true;
}
