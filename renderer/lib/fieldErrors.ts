import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { FIELD_LABELS } from '../../shared/fieldLabels';
import { errorMessage } from '../api/client';

/**
 * A refusal on the field it concerns. The services start each refusal with the field's Chinese label and a colon
 * (“月份：2027.01 尚未开始（今天是 2026.11.29），不能提前登记”, “季度：第二季度已有季度小结/考核…”), as zod's
 * messages do (shared/errors.ts `formatZodError`); several refusals are joined by “；”.
 *
 * `fields` are the form's field names (their labels come from shared/fieldLabels.ts) and/or `{ 标签: name }` for
 * labels of the form's own (离岗开始日期 → startDate).
 */
export type FieldLabels = readonly string[] | Readonly<Record<string, string>>;

function labelsOf(fields: FieldLabels): Map<string, string> {
  const byLabel = new Map<string, string>();
  if (Array.isArray(fields)) {
    for (const name of fields as readonly string[]) if (FIELD_LABELS[name]) byLabel.set(FIELD_LABELS[name], name);
  } else for (const [label, name] of Object.entries(fields)) byLabel.set(label, name);
  return byLabel;
}

/** The field a single refusal names, with the text to show under it; null when it names none of `fields`. */
export function fieldOfError(message: string, fields: FieldLabels): { name: string; text: string } | null {
  const i = message.indexOf('：');
  if (i <= 0) return null;
  const name = labelsOf(fields).get(message.slice(0, i));
  return name ? { name, text: message.slice(i + 1) } : null;
}

/** Puts each part of a refusal under its field; returns the parts that name no field ('' when every part landed). */
export function showFieldErrors(form: FormInstance, err: unknown, fields: FieldLabels): string {
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const part of errorMessage(err).split('；').filter(Boolean)) {
    const f = fieldOfError(part, fields);
    if (f) byField.set(f.name, [...(byField.get(f.name) ?? []), f.text]);
    else rest.push(part);
  }
  if (byField.size) form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest.join('；');
}

/**
 * The save step of a form dialog whose refusals also land on their fields: validate (errors show inline), run
 * `save`, show its success text; on a refusal, the toast as before, each part under its field, and what names no
 * field in `formError` (for an Alert inside the dialog, so it does not only flash by).
 */
export function useFieldFormSubmit<V = Record<string, any>>(form: FormInstance, save: (values: V) => Promise<string | void>, fields: () => FieldLabels) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState('');
  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setFormError('');
    try {
      const text = await save(form.getFieldsValue(true));
      if (text) message.success(text);
    } catch (e) {
      message.error(errorMessage(e));
      setFormError(showFieldErrors(form, e, fields()));
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit, formError, clearFormError: () => setFormError('') };
}

/** The names of a form's fields: those registered and those holding a value. */
export const formFieldNames = (form: FormInstance): string[] => [...new Set([...Object.keys(form.getFieldsValue()), ...Object.keys(form.getFieldsValue(true))])];
