// Enrolling oneself in a course: the language to follow it in (among the course's, each named in
// its own language) and the button. Shown on the catalogue and on the course page.

import { useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { LANGUAGES, useI18n } from '../../../platform/i18n';
import { enrol } from '../api';
import { contentLanguage } from '../rules';
import type { Course, Progress } from '../types';

export function languageLabel(code: string): string {
  return LANGUAGES.find((l) => l.code === code)?.name ?? code;
}

export function EnrolForm({ course, onEnrolled }: { course: Course; onEnrolled: (progress: Progress) => void }) {
  const { t, lang } = useI18n();
  const [language, setLanguage] = useState(() => contentLanguage(course.languages, lang));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const id = `enrol-language-${course.course_id}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onEnrolled(await enrol(course.course_id, language));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="enrol-form" onSubmit={submit} data-testid={`enrol-form-${course.course_id}`}>
      {course.languages.length > 1 && (
        <div class="field">
          <label for={id}>{t('course.enrol.language')}</label>
          <select id={id} value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
            {course.languages.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageLabel(code)}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" class="button button--primary" disabled={busy} data-testid="enrol-button">
        {t('course.enrol.button')}
      </button>
      {error !== undefined && <ErrorBox error={error} />}
    </form>
  );
}
