import { Input, type InputProps } from 'antd';
import { parseYearMonthDay } from '../../shared/validators/yearMonth';

/** A day typed as clerks type it (20251201, 2025.12.1, 2025年12月1日), normalised to `2025.12.01` on leaving the field. */
export function DayInput({ value, onChange, placeholder = '如 2025.12.01', ...rest }: Omit<InputProps, 'value' | 'onChange'> & { value?: string | null; onChange?: (v: string) => void }) {
  return (
    <Input
      {...rest}
      value={value ?? ''}
      placeholder={placeholder}
      maxLength={14}
      onChange={(e) => onChange?.(e.target.value)}
      onBlur={(e) => {
        const normal = parseYearMonthDay(e.target.value);
        if (normal && normal !== e.target.value) onChange?.(normal);
        rest.onBlur?.(e);
      }}
    />
  );
}
