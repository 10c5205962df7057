import { Input, type InputProps } from 'antd';
import { parseYearMonth } from '../../shared/validators/yearMonth';

/**
 * 年月 typed the way clerks type it (198503, 1985.3, 1985年3月) and normalised to `1985.03` on leaving the field.
 */
export function YearMonthInput({ value, onChange, placeholder = '如 1985.03', ...rest }: Omit<InputProps, 'value' | 'onChange'> & { value?: string | null; onChange?: (v: string) => void }) {
  return (
    <Input
      {...rest}
      value={value ?? ''}
      placeholder={placeholder}
      maxLength={12}
      onChange={(e) => onChange?.(e.target.value)}
      onBlur={(e) => {
        const normal = parseYearMonth(e.target.value);
        if (normal && normal !== e.target.value) onChange?.(normal);
        rest.onBlur?.(e);
      }}
    />
  );
}
