// Role checkboxes, with the country a focal point speaks for (the server
// requires a country for focal_point and refuses one for any other role).

import { ROLES } from '../../../platform/access';
import { useI18n } from '../../../platform/i18n';
import { roleKey } from './UserMenu';

export interface RolesFieldProps {
  roles: string[];
  country: string;
  onRoles: (roles: string[]) => void;
  onCountry: (country: string) => void;
  rolesError?: string | undefined;
  countryError?: string | undefined;
}

export function RolesField({ roles, country, onRoles, onCountry, rolesError, countryError }: RolesFieldProps) {
  const { t } = useI18n();
  const toggle = (role: string, on: boolean) => {
    const set = new Set(roles);
    if (on) set.add(role);
    else set.delete(role);
    onRoles(ROLES.filter((r) => set.has(r)));
  };
  const focal = roles.includes('focal_point');
  return (
    <>
      <fieldset class={`field${rolesError ? ' field--invalid' : ''}`} data-testid="roles">
        <legend>{t('identity.field.roles')}</legend>
        <div class="checks">
          {ROLES.map((role) => (
            <label key={role} class="check">
              <input
                type="checkbox"
                name="roles"
                value={role}
                checked={roles.includes(role)}
                onChange={(e) => toggle(role, e.currentTarget.checked)}
              />
              {t(roleKey(role))}
            </label>
          ))}
        </div>
        {rolesError && <p class="field__error">{rolesError}</p>}
      </fieldset>
      {focal && (
        <div class={`field${countryError ? ' field--invalid' : ''}`}>
          <label for="user-country">{t('identity.field.country')}</label>
          <input
            id="user-country"
            class="input--short"
            value={country}
            maxLength={2}
            autoComplete="off"
            onInput={(e) => onCountry(e.currentTarget.value.toUpperCase())}
            aria-describedby="user-country-hint"
          />
          <p class="field__hint" id="user-country-hint">
            {t('identity.field.countryHint')}
          </p>
          {countryError && <p class="field__error">{countryError}</p>}
        </div>
      )}
    </>
  );
}
