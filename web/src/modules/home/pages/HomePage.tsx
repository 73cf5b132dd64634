// Home: the platform's status as reported by GET /api/health.

import { useCallback, useEffect, useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link } from '../../../platform/router';
import { getHealth } from '../api';
import type { Health } from '../types';

type State = { kind: 'loading' } | { kind: 'loaded'; health: Health } | { kind: 'failed'; error: unknown };

export function HomePage() {
  const { t } = useI18n();
  usePageTitle(t('home.title'));
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    getHealth(controller.signal).then(
      (health) => setState({ kind: 'loaded', health }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return (
    <section class="page">
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      <p>
        <Link href="/dashboard" data-testid="home-dashboard-link">
          {t('home.dashboardLink')}
        </Link>
      </p>
      {state.kind === 'loading' && (
        <p class="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      {state.kind === 'failed' && <ErrorBox error={state.error} onRetry={retry} />}
      {state.kind === 'loaded' && <HealthFacts health={state.health} />}
    </section>
  );
}

function HealthFacts({ health }: { health: Health }) {
  const { t } = useI18n();
  const na = t('common.notAvailable');
  const db = health.database ?? { kind: '', reachable: false, schema_version: null };
  const ok = health.status === 'ok';
  return (
    <dl class="facts" data-testid="health">
      <dt>{t('home.status')}</dt>
      <dd>
        <span class={`badge ${ok ? 'badge--ok' : 'badge--warn'}`} data-testid="health-status" lang="en" dir="ltr">
          {health.status}
        </span>{' '}
        {ok ? t('home.status.ok') : t('home.status.degraded')}
      </dd>
      <dt>{t('home.version')}</dt>
      <dd data-testid="health-version">{health.version ? <bdi>{health.version}</bdi> : na}</dd>
      <dt>{t('home.databaseKind')}</dt>
      <dd data-testid="health-database-kind">{db.kind ? <bdi>{db.kind}</bdi> : na}</dd>
      <dt>{t('home.databaseReachable')}</dt>
      <dd data-testid="health-database-reachable">{db.reachable ? t('common.yes') : t('common.no')}</dd>
      <dt>{t('home.schemaVersion')}</dt>
      <dd data-testid="health-schema-version">{db.schema_version ?? na}</dd>
    </dl>
  );
}
