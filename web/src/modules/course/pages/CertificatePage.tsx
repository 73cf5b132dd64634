// The public verification of a certificate by its code: valid, revoked (when and why) or
// unknown, with only what the server shows to anyone, and the signed credential to download.
// The secretariat revokes a certificate here, giving the reason.

import { useState } from 'preact/hooks';
import { isApiError } from '../../../platform/api';
import { ConfirmDialog } from '../../../platform/ConfirmDialog';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatDate } from '../../../platform/format';
import { describedBy, Field, fieldError, Loaded, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, type RouteProps } from '../../../platform/router';
import { useSession } from '../../../platform/session';
import { useLoad } from '../../../platform/useLoad';
import { credentialFileName, credentialHref, getCertificate, revokeCertificate } from '../api';
import '../course.css';
import type { Certificate } from '../types';

type Lookup = { found: true; certificate: Certificate } | { found: false };

export default function CertificatePage({ params }: RouteProps) {
  const { t } = useI18n();
  const code = params.code ?? '';
  const load = useLoad(
    async (signal): Promise<Lookup> => {
      try {
        return { found: true, certificate: await getCertificate(code, signal) };
      } catch (error) {
        // An unknown code is an answer, not a failure.
        if (isApiError(error) && error.status === 404) return { found: false };
        throw error;
      }
    },
    [code],
  );
  usePageTitle(t('course.verify.title'));
  return (
    <section class="page">
      <p class="breadcrumb">
        <Link href="/courses">{t('course.catalogue.title')}</Link>
      </p>
      <h1>{t('course.verify.title')}</h1>
      <p>
        {t('course.certificate.code')}: <code dir="ltr">{code}</code>
      </p>
      <Loaded load={load}>
        {(lookup) =>
          lookup.found ? (
            <CertificateView
              certificate={lookup.certificate}
              onRevoked={(c) => {
                // Show the answer at once, then read the page's status again as anyone sees it.
                load.set({ found: true, certificate: c });
                load.reload();
              }}
            />
          ) : (
            <div class="verdict verdict--unknown" role="status" data-testid="certificate-status" data-status="unknown">
              <p class="verdict__title">{t('course.verify.unknown')}</p>
              <p>{t('course.verify.unknownHint')}</p>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

function CertificateView({ certificate: c, onRevoked }: { certificate: Certificate; onRevoked: (c: Certificate) => void }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const [revokedNow, setRevokedNow] = useState(false);
  const valid = c.status === 'valid';
  return (
    <>
      {revokedNow && <Notice testId="revoked-notice">{t('course.revoke.done')}</Notice>}
      <div
        class={`verdict ${valid ? 'verdict--valid' : 'verdict--revoked'}`}
        data-testid="certificate-status"
        data-status={c.status}
      >
        <p class="verdict__title">{valid ? t('course.verify.valid') : t('course.verify.revoked')}</p>
        {!valid && (
          <p data-testid="certificate-revocation">
            {c.revoked_on && t('course.verify.revokedOn', { date: formatDate(c.revoked_on, lang) })}
            {c.revoked_reason && (
              <>
                {' '}
                {t('course.verify.reason')}: <bdi class="plain-text">{c.revoked_reason}</bdi>
              </>
            )}
          </p>
        )}
      </div>
      <dl class="facts" data-testid="certificate-facts">
        <dt>{t('course.certificate.learner')}</dt>
        <dd>
          <bdi>{c.learner_name}</bdi>
          {c.learner_name_latin && c.learner_name_latin !== c.learner_name && (
            <>
              {' '}
              (<bdi>{c.learner_name_latin}</bdi>)
            </>
          )}
        </dd>
        <dt>{t('course.certificate.course')}</dt>
        <dd>
          <bdi>{c.course}</bdi>
        </dd>
        <dt>{t('course.certificate.score')}</dt>
        <dd>
          <bdi>{c.score}</bdi>
        </dd>
        <dt>{t('course.certificate.issuedOn')}</dt>
        <dd>{formatDate(c.issued_on, lang)}</dd>
      </dl>
      <p>
        <a href={credentialHref(c.code)} download={credentialFileName(c.code)} data-testid="certificate-credential-link">
          {t('course.certificate.download')}
        </a>{' '}
        <span class="muted">{t('course.certificate.downloadHint')}</span>
      </p>
      {valid && session.hasRole('admin', 'officer') && (
        <RevokeForm
          code={c.code}
          onRevoked={(revoked) => {
            setRevokedNow(true);
            onRevoked(revoked);
          }}
        />
      )}
    </>
  );
}

function RevokeForm({ code, onRevoked }: { code: string; onRevoked: (c: Certificate) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const revoke = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const revoked = await revokeCertificate(code, reason.trim());
      setConfirming(false);
      onRevoked(revoked);
    } catch (e) {
      setConfirming(false);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const reasonError = missing ? t('course.revoke.reasonRequired') : fieldError(error, 'reason');
  return (
    <section class="panel course-panel" aria-labelledby="revoke-title" data-testid="revoke-panel">
      <h2 id="revoke-title">{t('course.revoke.title')}</h2>
      <form
        class="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim() === '') {
            setMissing(true);
            return;
          }
          setMissing(false);
          setConfirming(true);
        }}
      >
        <Field id="revoke-reason" label={t('course.revoke.reason')} hint={t('course.revoke.hint')} error={reasonError}>
          <textarea
            id="revoke-reason"
            rows={3}
            required
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
            aria-invalid={reasonError ? 'true' : undefined}
            aria-describedby={describedBy('revoke-reason', t('course.revoke.hint'), reasonError)}
          />
        </Field>
        {error !== undefined && <ErrorBox error={error} />}
        <div class="actions">
          <button type="submit" class="button button--danger" disabled={busy} data-testid="revoke-button">
            {t('course.revoke.button')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('course.revoke.confirmTitle')}
        confirmLabel={t('course.revoke.button')}
        danger
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void revoke()}
      >
        <p>{t('course.revoke.confirmText')}</p>
      </ConfirmDialog>
    </section>
  );
}
