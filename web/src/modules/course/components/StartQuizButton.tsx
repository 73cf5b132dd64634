// Starts a quiz, or resumes the attempt in progress (the server gives back the open one), and
// opens the attempt's page.

import { useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { navigate } from '../../../platform/router';
import { startAttempt } from '../api';

export function StartQuizButton({ quizId, label, testId }: { quizId: number; label: string; testId?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const attempt = await startAttempt(quizId);
      navigate(`/attempts/${attempt.attempt_id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="button button--primary" disabled={busy} onClick={start} data-testid={testId}>
        {label}
      </button>
      {error !== undefined && <ErrorBox error={error} />}
    </>
  );
}
