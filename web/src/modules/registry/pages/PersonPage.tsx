// One person: the details, and for officers edit, merge with another record,
// erase; readers export everything recorded about them as JSON.

import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../../platform/ConfirmDialog';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatDateTime } from '../../../platform/format';
import { Loaded, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, navigate, type RouteProps } from '../../../platform/router';
import { useSession } from '../../../platform/session';
import { useDebounced, useLoad } from '../../../platform/useLoad';
import { erasePerson, getPerson, listPeople, mergePeople, personExportHref } from '../api';
import type { Person } from '../types';

export default function PersonPage({ params }: RouteProps) {
  const { t } = useI18n();
  const load = useLoad((signal) => getPerson(params.id ?? '', signal), [params.id]);
  usePageTitle(load.data ? load.data.display_name : t('registry.people.title'));
  const session = useSession();
  return (
    <section class="page">
      {session.hasRole('admin', 'officer', 'committee', 'viewer') && (
        <p class="breadcrumb">
          <Link href="/people">{t('registry.people.title')}</Link>
        </p>
      )}
      <Loaded load={load}>{(person) => <PersonView person={person} onChange={load.set} />}</Loaded>
    </section>
  );
}

function PersonView({ person, onChange }: { person: Person; onChange: (p: Person) => void }) {
  const { t, tDynamic, lang } = useI18n();
  const session = useSession();
  const officer = session.hasRole('admin', 'officer');
  const editable = officer && person.merged_into === null && !person.erased;
  const [erasing, setErasing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [erased, setErased] = useState(false);
  const na = t('common.notAvailable');

  const erase = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await erasePerson(person.id));
      setErased(true);
    } catch (e) {
      setError(e);
    } finally {
      setErasing(false);
      setBusy(false);
    }
  };

  return (
    <>
      <h1 data-testid="person-name">
        <bdi>{person.display_name}</bdi>
      </h1>
      {person.merged_into !== null && (
        <Notice testId="person-merged">
          {t('registry.people.mergedInto')}{' '}
          <Link href={`/people/${person.merged_into}`}>#{person.merged_into}</Link>
        </Notice>
      )}
      {person.erased && (
        <Notice testId="person-erased">
          {erased ? t('registry.people.erasedNow') : t('registry.people.erasedOn', { date: formatDateTime(person.erased_at, lang) })}
        </Notice>
      )}
      <dl class="facts">
        <dt>{t('registry.field.fullName')}</dt>
        <dd>{person.full_name ? <bdi>{person.full_name}</bdi> : na}</dd>
        <dt>{t('registry.field.givenName')}</dt>
        <dd>{person.given_name ? <bdi>{person.given_name}</bdi> : na}</dd>
        <dt>{t('registry.field.familyName')}</dt>
        <dd>{person.family_name ? <bdi>{person.family_name}</bdi> : na}</dd>
        <dt>{t('registry.field.transliteration')}</dt>
        <dd>{person.transliteration ? <bdi>{person.transliteration}</bdi> : na}</dd>
        <dt>{t('registry.field.email')}</dt>
        <dd>{person.email ? <bdi>{person.email}</bdi> : na}</dd>
        <dt>{t('registry.field.country')}</dt>
        <dd>{person.country ? <Link href={`/countries/${person.country}`}>{person.country}</Link> : na}</dd>
        <dt>{t('registry.field.organization')}</dt>
        <dd>
          {person.organization_id !== null ? (
            <Link href={`/organizations/${person.organization_id}`}>
              <bdi>{person.organization_name ?? `#${person.organization_id}`}</bdi>
            </Link>
          ) : person.organization_kind ? (
            tDynamic(`registry.kind.${person.organization_kind}`)
          ) : (
            na
          )}
        </dd>
        <dt>{t('registry.field.gender')}</dt>
        <dd>{tDynamic(`registry.gender.${person.gender}`)}</dd>
        <dt>{t('registry.field.languages')}</dt>
        <dd>{person.languages.length ? <bdi>{person.languages.join(', ')}</bdi> : na}</dd>
        <dt>{t('common.updatedAt')}</dt>
        <dd>{formatDateTime(person.updated_at, lang)}</dd>
      </dl>
      {error !== undefined && <ErrorBox error={error} />}
      <div class="actions">
        {editable && (
          <Link href={`/people/${person.id}/edit`} class="button button--primary">
            {t('common.edit')}
          </Link>
        )}
        <a href={personExportHref(person.id)} download={`person-${person.id}.json`} class="button" data-testid="export-person">
          {t('registry.people.export')}
        </a>
        {officer && !person.erased && (
          <button type="button" class="button button--danger" onClick={() => setErasing(true)} data-testid="erase-person">
            {t('registry.people.erase')}
          </button>
        )}
      </div>
      {editable && <MergePanel person={person} />}
      <ConfirmDialog
        open={erasing}
        title={t('registry.people.eraseTitle')}
        confirmLabel={t('registry.people.erase')}
        danger
        busy={busy}
        onConfirm={erase}
        onCancel={() => setErasing(false)}
      >
        <p>{t('registry.people.eraseBody', { name: person.display_name })}</p>
      </ConfirmDialog>
    </>
  );
}

// Find the duplicate, choose which record survives, confirm.
function MergePanel({ person }: { person: Person }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [other, setOther] = useState<Person | undefined>(undefined);
  const [keepThis, setKeepThis] = useState(true);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const query = useDebounced(q.trim());
  const results = useLoad(
    (signal) => (query.length < 2 ? Promise.resolve([]) : listPeople({ q: query, limit: 10 }, signal).then((p) => p.items)),
    [query],
  );

  const survivor = keepThis ? person : other;
  const absorbed = keepThis ? other : person;
  const merge = async () => {
    if (!survivor || !absorbed) return;
    setBusy(true);
    setError(undefined);
    try {
      const kept = await mergePeople(absorbed.id, survivor.id);
      setConfirm(false);
      navigate(`/people/${kept.id}`);
    } catch (e) {
      setConfirm(false);
      setError(e);
      setBusy(false);
    }
  };

  return (
    <details class="panel" data-testid="merge-panel">
      <summary>{t('registry.merge.title')}</summary>
      <p>{t('registry.merge.intro')}</p>
      <div class="field">
        <label for="merge-q">{t('registry.merge.find')}</label>
        <input id="merge-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </div>
      {results.state.kind === 'failed' && <ErrorBox error={results.state.error} onRetry={results.reload} />}
      {(results.data ?? [])
        .filter((p) => p.id !== person.id && p.merged_into === null && !p.erased)
        .map((p) => (
          <label key={p.id} class="check">
            <input type="radio" name="merge-other" checked={other?.id === p.id} onChange={() => setOther(p)} />
            <bdi>{p.display_name}</bdi>
            {p.email && (
              <span class="muted">
                {' '}
                · <bdi>{p.email}</bdi>
              </span>
            )}{' '}
            <span class="muted">#{p.id}</span>
          </label>
        ))}
      {other && (
        <fieldset class="field">
          <legend>{t('registry.merge.keep')}</legend>
          <label class="check">
            <input type="radio" name="merge-keep" checked={keepThis} onChange={() => setKeepThis(true)} />
            <bdi>{person.display_name}</bdi> <span class="muted">#{person.id}</span>
          </label>
          <label class="check">
            <input type="radio" name="merge-keep" checked={!keepThis} onChange={() => setKeepThis(false)} />
            <bdi>{other.display_name}</bdi> <span class="muted">#{other.id}</span>
          </label>
        </fieldset>
      )}
      {error !== undefined && <ErrorBox error={error} />}
      <div class="actions">
        <button type="button" class="button button--danger" disabled={!other} onClick={() => setConfirm(true)}>
          {t('registry.merge.submit')}
        </button>
      </div>
      <ConfirmDialog
        open={confirm}
        title={t('registry.merge.confirmTitle')}
        confirmLabel={t('registry.merge.submit')}
        danger
        busy={busy}
        onConfirm={merge}
        onCancel={() => setConfirm(false)}
      >
        {survivor && absorbed && (
          <p>
            {t('registry.merge.confirmBody', {
              absorbed: `${absorbed.display_name} (#${absorbed.id})`,
              survivor: `${survivor.display_name} (#${survivor.id})`,
            })}
          </p>
        )}
      </ConfirmDialog>
    </details>
  );
}
