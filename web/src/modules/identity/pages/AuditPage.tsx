// Officers and admins: the audit history, newest first, filtered by record
// (TYPE or TYPE:ID), acting user id and start date, one page at a time.

import { useState } from 'preact/hooks';
import { formatDateTime } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { useDebounced, useLoad } from '../../../platform/useLoad';
import { listAudit } from '../api';
import type { AuditEvent } from '../types';

const PAGE = 50;

export default function AuditPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('identity.audit.title'));
  const initial = new URLSearchParams(window.location.search);
  const [record, setRecord] = useState(initial.get('record') ?? '');
  const [by, setBy] = useState(initial.get('by') ?? '');
  const [since, setSince] = useState(initial.get('since') ?? '');
  // Cursors of the pages before the current one; the current page's cursor is last.
  const [cursors, setCursors] = useState<Array<number | undefined>>([undefined]);
  const recordFilter = useDebounced(record.trim());
  const byFilter = useDebounced(by.trim());
  const cursor = cursors[cursors.length - 1];
  const load = useLoad(
    (signal) =>
      listAudit(
        {
          record: recordFilter,
          by: /^\d+$/.test(byFilter) ? byFilter : undefined,
          since,
          limit: PAGE,
          ...(cursor !== undefined ? { cursor } : {}),
        },
        signal,
      ),
    [recordFilter, byFilter, since, cursor],
  );
  const filter = (apply: () => void) => {
    apply();
    setCursors([undefined]);
  };

  return (
    <section class="page page--wide">
      <h1>{t('identity.audit.title')}</h1>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="audit-record">{t('identity.audit.record')}</label>
          <input
            id="audit-record"
            value={record}
            placeholder="user:12"
            dir="ltr"
            aria-describedby="audit-record-hint"
            onInput={(e) => filter(() => setRecord(e.currentTarget.value))}
          />
          <p class="field__hint" id="audit-record-hint">
            {t('identity.audit.recordHint')}
          </p>
        </div>
        <div class="field">
          <label for="audit-by">{t('identity.audit.by')}</label>
          <input
            id="audit-by"
            class="input--short"
            inputMode="numeric"
            value={by}
            onInput={(e) => filter(() => setBy(e.currentTarget.value))}
          />
        </div>
        <div class="field">
          <label for="audit-since">{t('identity.audit.since')}</label>
          <input id="audit-since" type="date" value={since} onInput={(e) => filter(() => setSince(e.currentTarget.value))} />
        </div>
      </form>
      <Loaded load={load}>
        {(page) => (
          <>
            {page.events.length === 0 ? (
              <p>{t('common.noResults')}</p>
            ) : (
              <div class="table-wrap">
                <table class="table" data-testid="audit-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('identity.audit.at')}</th>
                      <th scope="col">{t('identity.audit.actor')}</th>
                      <th scope="col">{t('identity.audit.action')}</th>
                      <th scope="col">{t('identity.audit.record')}</th>
                      <th scope="col">{t('identity.audit.details')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.events.map((e) => (
                      <AuditRow key={e.event_id} event={e} lang={lang} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <nav class="pager" aria-label={t('common.pages')}>
              <button
                type="button"
                class="button"
                disabled={cursors.length === 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                {t('identity.audit.newer')}
              </button>
              <button
                type="button"
                class="button"
                disabled={page.next_cursor === null}
                onClick={() => setCursors((c) => [...c, page.next_cursor ?? undefined])}
              >
                {t('identity.audit.older')}
              </button>
            </nav>
          </>
        )}
      </Loaded>
    </section>
  );
}

function AuditRow({ event, lang }: { event: AuditEvent; lang: string }) {
  const { t } = useI18n();
  const hasDetails = event.before !== null || event.after !== null;
  return (
    <tr>
      <td>
        <time dateTime={event.at}>{formatDateTime(event.at, lang)}</time>
      </td>
      <td>
        <bdi>{event.actor_label}</bdi>
        {event.actor_user_id !== null && <span class="muted"> (#{event.actor_user_id})</span>}
      </td>
      <td>
        <code>{event.action}</code>
      </td>
      <td>
        <code dir="ltr">
          {event.record_type}:{event.record_id}
        </code>
      </td>
      <td>
        {hasDetails && (
          <details>
            <summary>{t('identity.audit.show')}</summary>
            {event.before !== null && (
              <>
                <p class="muted">{t('identity.audit.before')}</p>
                <pre class="json" dir="ltr">
                  {JSON.stringify(event.before, null, 2)}
                </pre>
              </>
            )}
            {event.after !== null && (
              <>
                <p class="muted">{t('identity.audit.after')}</p>
                <pre class="json" dir="ltr">
                  {JSON.stringify(event.after, null, 2)}
                </pre>
              </>
            )}
          </details>
        )}
      </td>
    </tr>
  );
}
