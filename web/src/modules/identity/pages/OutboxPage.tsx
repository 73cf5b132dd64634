// Officers and admins: the messages the system would send (invitations,
// password reset links), newest first.

import { useState } from 'preact/hooks';
import { formatDateTime } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { useDebounced, useLoad } from '../../../platform/useLoad';
import { listOutbox } from '../api';

const PAGE = 50;

export default function OutboxPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('identity.outbox.title'));
  const [to, setTo] = useState('');
  const [cursors, setCursors] = useState<Array<number | undefined>>([undefined]);
  const address = useDebounced(to.trim());
  const cursor = cursors[cursors.length - 1];
  const load = useLoad(
    (signal) => listOutbox({ to: address, limit: PAGE, ...(cursor !== undefined ? { cursor } : {}) }, signal),
    [address, cursor],
  );

  return (
    <section class="page page--wide">
      <h1>{t('identity.outbox.title')}</h1>
      <p>{t('identity.outbox.intro')}</p>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="outbox-to">{t('identity.outbox.to')}</label>
          <input
            id="outbox-to"
            type="email"
            value={to}
            onInput={(e) => {
              setTo(e.currentTarget.value);
              setCursors([undefined]);
            }}
          />
        </div>
      </form>
      <Loaded load={load}>
        {(page) => (
          <>
            {page.messages.length === 0 ? (
              <p>{t('identity.outbox.none')}</p>
            ) : (
              <ul class="messages" data-testid="outbox">
                {page.messages.map((m) => (
                  <li key={m.message_id} class="message">
                    <details>
                      <summary>
                        <time dateTime={m.created_at}>{formatDateTime(m.created_at, lang)}</time> ·{' '}
                        <bdi>{m.to}</bdi> · <bdi>{m.subject}</bdi>
                      </summary>
                      <pre class="message__body">{m.body}</pre>
                    </details>
                  </li>
                ))}
              </ul>
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
