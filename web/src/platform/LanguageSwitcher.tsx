// A <select> offering the six UN languages, each named in its own language.
// Choosing one loads its catalogue, sets <html lang dir> and remembers the choice.

import { useState } from 'preact/hooks';
import { isLang, LANGUAGES, useI18n } from './i18n';

export function LanguageSwitcher() {
  const { lang, setLang, t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const onChange = (event: Event) => {
    const next = (event.currentTarget as HTMLSelectElement).value;
    if (!isLang(next) || next === lang) return;
    setBusy(true);
    setFailed(false);
    setLang(next)
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };

  return (
    <div class="language-switcher">
      <label for="language-select">{t('shell.language')}</label>
      <select
        id="language-select"
        data-testid="language-select"
        value={lang}
        onChange={onChange}
        aria-busy={busy ? 'true' : undefined}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
      {failed && (
        <span class="language-switcher__error" role="alert">
          {t('error.network')}
        </span>
      )}
    </div>
  );
}
