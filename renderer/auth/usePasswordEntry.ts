import { Form, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client';

/**
 * A one-field password form (unlock the database, unlock the idle lock): busy while `submit` runs, focus back in the
 * field, and a refusal said under the field, which is emptied. `submit` returns a message to show, or null when done.
 */
export function usePasswordEntry(submit: (password: string) => Promise<string | null>) {
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const input = useRef<InputRef>(null);

  // Focus in the field: at first, and again after a refused password (the field is enabled again by then).
  useEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy]);

  const onFinish = async ({ password }: { password: string }) => {
    setBusy(true);
    try {
      const refusal = await submit(password);
      if (refusal) form.setFields([{ name: 'password', value: '', errors: [refusal] }]);
    } catch (e) {
      form.setFields([{ name: 'password', value: '', errors: [errorMessage(e)] }]);
    } finally {
      setBusy(false);
    }
  };

  return { form, busy, input, onFinish };
}
