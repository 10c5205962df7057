import { Form, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { canonicalJson } from '../../shared/canonicalJson';

/**
 * Whether a form differs from what was loaded (or last saved): its values compared as content with the snapshot
 * taken by `markClean`. Changes made by code (按身份证号填入, a 简历 read from text, a row added to a list) count as
 * well as typing; putting a value back as it was makes the form clean again. Feed `dirty` to useUnsavedChanges.
 */
export function useFormDirty(form: FormInstance) {
  const current = Form.useWatch((values) => canonicalJson(values ?? {}), { form, preserve: true });
  const [baseline, setBaseline] = useState<string | null>(null);
  /** Call after loading the values into the form, and after saving them. */
  const markClean = useCallback(() => setBaseline(canonicalJson(form.getFieldsValue(true) ?? {})), [form]);
  const dirty = baseline !== null && current !== undefined && current !== baseline;
  return { dirty, markClean };
}

/**
 * Re-checks the fields that show an error now, and those named: after a value is filled in by code (按身份证号填入),
 * an error it has put right must not stay red.
 */
export async function revalidateShownErrors(form: FormInstance, also: (string | number)[][] = []): Promise<void> {
  const withErrors = form.getFieldsError().filter((f) => f.errors.length > 0).map((f) => f.name);
  const names = [...withErrors, ...also];
  if (!names.length) return;
  await form.validateFields(names).catch(() => undefined);
}
