// A <select> of study periods, by code ("2017-2020").

import type { StudyPeriod } from '../types';

export interface PeriodSelectProps {
  id: string;
  periods: readonly StudyPeriod[];
  value: string;
  onChange: (code: string) => void;
  emptyLabel?: string;
}

export function PeriodSelect({ id, periods, value, onChange, emptyLabel }: PeriodSelectProps) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {periods.map((p) => (
        <option key={p.code} value={p.code}>
          {p.code}
        </option>
      ))}
    </select>
  );
}
