import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';

/**
 * An antd rule that checks the whole form with the shared zod schema (the same rules the service applies)
 * and reports the issues that belong to this field. Cross-field rules (ID number vs birth date) land on the
 * field they name.
 */
export function zodRule(schema: z.ZodType, name: (string | number)[], getAll: () => unknown): Rule {
  const key = name.join('.');
  return {
    validator: async () => {
      const r = schema.safeParse(getAll());
      if (r.success) return;
      const mine = r.error.issues.filter((i) => i.path.join('.') === key);
      if (mine.length) throw new Error(mine[0].message);
    },
  };
}

/** Builds `rules` for a field of `form` from `schema`. */
export function rulesFor(form: FormInstance, schema: z.ZodType) {
  return (name: string | (string | number)[], required = false): Rule[] => {
    const path = Array.isArray(name) ? name : [name];
    return [...(required ? [{ required: true, message: '不能为空' }] : []), zodRule(schema, path, () => form.getFieldsValue(true))];
  };
}
