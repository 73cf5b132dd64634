// Your API tokens for scripts: create one (its secret is shown once), list
// them, revoke one.

import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../../platform/ConfirmDialog';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatDateTime } from '../../../platform/format';
import { Field, fieldError, Loaded, Notice } from '../../../platform/forms';
import { useI18n, type MessageKey } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { useSession } from '../../../platform/session';
import { useLoad } from '../../../platform/useLoad';
import { createToken, listTokens, revokeToken } from '../api';
import type { ApiToken, CreatedApiToken, TokenScope } from '../types';

export default function TokensPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('identity.tokens.title'));
  const load = useLoad((signal) => listTokens(signal), []);
  const [created, setCreated] = useState<CreatedApiToken | undefined>(undefined);
  const [revoking, setRevoking] = useState<ApiToken | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    setError(undefined);
    try {
      await revokeToken(revoking.token_id);
      setRevoking(undefined);
      load.reload();
    } catch (e) {
      setRevoking(undefined);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page page--wide">
      <h1>{t('identity.tokens.title')}</h1>
      <p>{t('identity.tokens.intro')}</p>
      {created && <CreatedToken token={created} onDone={() => setCreated(undefined)} />}
      <NewTokenForm
        onCreated={(token) => {
          setCreated(token);
          load.reload();
        }}
      />
      <h2>{t('identity.tokens.yours')}</h2>
      {error !== undefined && <ErrorBox error={error} />}
      <Loaded load={load}>
        {(tokens) =>
          tokens.length === 0 ? (
            <p>{t('identity.tokens.none')}</p>
          ) : (
            <div class="table-wrap">
              <table class="table" data-testid="tokens-table">
                <thead>
                  <tr>
                    <th scope="col">{t('identity.tokens.name')}</th>
                    <th scope="col">{t('identity.tokens.prefix')}</th>
                    <th scope="col">{t('identity.tokens.scopes')}</th>
                    <th scope="col">{t('common.createdAt')}</th>
                    <th scope="col">{t('identity.tokens.expires')}</th>
                    <th scope="col">{t('identity.tokens.lastUsed')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.map((token) => (
                    <tr key={token.token_id}>
                      <td>
                        <bdi>{token.name}</bdi>
                      </td>
                      <td>
                        <code>{token.prefix}…</code>
                      </td>
                      <td>{token.scopes.map((s) => t(SCOPE_LABELS[s])).join(', ')}</td>
                      <td>{formatDateTime(token.created_at, lang)}</td>
                      <td>{formatDateTime(token.expires_at, lang)}</td>
                      <td>{token.last_used_at ? formatDateTime(token.last_used_at, lang) : t('identity.tokens.never')}</td>
                      <td>
                        {token.revoked_at ? (
                          <span class="badge badge--warn">{t('identity.tokens.revoked')}</span>
                        ) : (
                          <button type="button" class="button button--danger" onClick={() => setRevoking(token)}>
                            {t('identity.tokens.revoke')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      <ConfirmDialog
        open={revoking !== undefined}
        title={t('identity.tokens.revokeTitle')}
        confirmLabel={t('identity.tokens.revoke')}
        danger
        busy={busy}
        onConfirm={revoke}
        onCancel={() => setRevoking(undefined)}
      >
        <p>{t('identity.tokens.revokeBody', { name: revoking?.name ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}

const SCOPE_LABELS: Record<TokenScope, MessageKey> = {
  read: 'identity.tokens.read',
  write: 'identity.tokens.write',
  metrics: 'identity.tokens.metrics',
};

function NewTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { t } = useI18n();
  const session = useSession();
  const [name, setName] = useState('');
  const [write, setWrite] = useState(false);
  const [metrics, setMetrics] = useState(false);
  const [days, setDays] = useState('90');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const scopes: TokenScope[] = metrics ? ['metrics'] : write ? ['read', 'write'] : ['read'];
      const n = Number(days);
      const token = await createToken({
        name: name.trim(),
        scopes,
        ...(days.trim() && Number.isInteger(n) ? { expires_in_days: n } : {}),
      });
      setName('');
      onCreated(token);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form form--inline" onSubmit={submit} noValidate>
      <h2>{t('identity.tokens.create')}</h2>
      <Field id="token-name" label={t('identity.tokens.name')} error={fieldError(error, 'name')}>
        <input id="token-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field id="token-days" label={t('identity.tokens.days')} error={fieldError(error, 'expires_in_days')}>
        <input
          id="token-days"
          class="input--short"
          type="number"
          min={1}
          max={365}
          value={days}
          onInput={(e) => setDays(e.currentTarget.value)}
        />
      </Field>
      <label class="check">
        <input
          type="checkbox"
          checked={write && !metrics}
          disabled={metrics}
          onChange={(e) => setWrite(e.currentTarget.checked)}
        />
        {t('identity.tokens.allowWrite')}
      </label>
      {session.hasRole('admin') && (
        <label class="check">
          <input type="checkbox" checked={metrics} onChange={(e) => setMetrics(e.currentTarget.checked)} />
          {t('identity.tokens.metricsOnly')}
        </label>
      )}
      {error !== undefined && <ErrorBox error={error} />}
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {t('identity.tokens.createSubmit')}
        </button>
      </div>
    </form>
  );
}

function CreatedToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div class="secret" data-testid="created-token">
      <p>
        <strong>{t('identity.tokens.copyNow')}</strong>
      </p>
      <p>
        <code class="secret__value" dir="ltr" data-testid="token-secret">
          {token.token}
        </code>
      </p>
      <div class="actions">
        <button type="button" class="button" onClick={copy}>
          {t('identity.tokens.copy')}
        </button>
        <button type="button" class="button" onClick={onDone}>
          {t('identity.tokens.done')}
        </button>
      </div>
      {copied && <Notice>{t('identity.tokens.copied')}</Notice>}
    </div>
  );
}
