// A <select> of every country, named in the reader's language, with an empty
// choice ("none" or "all").

import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../../platform/i18n';
import { countryChoices } from '../api';
import { countryName } from '../rules';
import type { Country } from '../types';

export interface CountrySelectProps {
  id: string;
  value: string;
  onChange: (iso2: string) => void;
  emptyLabel: string;
  invalid?: boolean;
  describedBy?: string | undefined;
}

export function CountrySelect({ id, value, onChange, emptyLabel, invalid, describedBy }: CountrySelectProps) {
  const { lang } = useI18n();
  const [countries, setCountries] = useState<Country[]>([]);
  useEffect(() => {
    let live = true;
    countryChoices().then(
      (page) => live && setCountries(page.items),
      () => undefined, // the select still offers the current value
    );
    return () => {
      live = false;
    };
  }, []);
  const options = countries
    .map((c) => ({ iso2: c.iso2, name: countryName(c, lang) }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  const known = value === '' || options.some((o) => o.iso2 === value);
  return (
    <select
      id={id}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      aria-invalid={invalid ? 'true' : undefined}
      aria-describedby={describedBy}
    >
      <option value="">{emptyLabel}</option>
      {!known && <option value={value}>{value}</option>}
      {options.map((o) => (
        <option key={o.iso2} value={o.iso2}>
          {o.name}
        </option>
      ))}
    </select>
  );
}
