import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';

/**
 * The save step every form dialog shares: validate (errors show inline), run `save` with the values, then show
 * the success text it returns, or the service's Chinese message when it refuses.
 */
export function useFormSubmit<V = Record<string, any>>(form: FormInstance, save: (values: V) => Promise<string | void>) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const text = await save(form.getFieldsValue(true));
      if (text) message.success(text);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit };
}
