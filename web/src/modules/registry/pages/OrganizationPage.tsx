// One organization (/organizations/:id) or a new one (/organizations/new).
// Everyone signed in reads it; officers edit and delete it.

import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../../platform/ConfirmDialog';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatDate } from '../../../platform/format';
import { describedBy, Field, fieldError, Loaded, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, navigate, type RouteProps } from '../../../platform/router';
import { useSession } from '../../../platform/session';
import { useLoad } from '../../../platform/useLoad';
import { deleteOrganization, getOrganization, saveOrganization } from '../api';
import { CountrySelect } from '../components/CountrySelect';
import { orNull } from '../rules';
import { ORGANIZATION_KINDS, SME_SIZES, type Organization } from '../types';

export default function OrganizationPage({ params }: RouteProps) {
  const { t } = useI18n();
  const id = params.id;
  const load = useLoad(
    (signal) => (id ? getOrganization(id, signal) : Promise.resolve(undefined)),
    [id],
  );
  usePageTitle(load.data ? load.data.name : t('registry.organizations.new'));
  return (
    <section class="page">
      <p class="breadcrumb">
        <Link href="/organizations">{t('registry.organizations.title')}</Link>
      </p>
      {id ? (
        <Loaded load={load}>{(org) => (org ? <OrganizationView org={org} onSaved={load.set} /> : null)}</Loaded>
      ) : (
        <>
          <h1>{t('registry.organizations.new')}</h1>
          <OrganizationForm onSaved={(org) => navigate(`/organizations/${org.id}`)} />
        </>
      )}
    </section>
  );
}

function OrganizationView({ org, onSaved }: { org: Organization; onSaved: (org: Organization) => void }) {
  const { t, tDynamic, lang } = useI18n();
  const session = useSession();
  const officer = session.hasRole('admin', 'officer');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await deleteOrganization(org.id);
      navigate('/organizations');
    } catch (e) {
      setConfirm(false);
      setError(e);
      setBusy(false);
    }
  };

  return (
    <>
      <h1>
        <bdi>{org.name}</bdi>
      </h1>
      {saved && <Notice>{t('common.saved')}</Notice>}
      {editing ? (
        <OrganizationForm
          org={org}
          onSaved={(next) => {
            onSaved(next);
            setEditing(false);
            setSaved(true);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <dl class="facts">
            <dt>{t('registry.field.kind')}</dt>
            <dd>{tDynamic(`registry.kind.${org.kind}`)}</dd>
            <dt>{t('registry.field.country')}</dt>
            <dd>{org.country ? <bdi>{org.country}</bdi> : t('common.notAvailable')}</dd>
            <dt>{t('registry.field.memberSince')}</dt>
            <dd>{org.member_since ? formatDate(org.member_since, lang) : t('common.notAvailable')}</dd>
            <dt>{t('registry.field.memberUntil')}</dt>
            <dd>{org.member_until ? formatDate(org.member_until, lang) : t('common.notAvailable')}</dd>
            {org.kind === 'sme' && (
              <>
                <dt>{t('registry.field.smeSize')}</dt>
                <dd>{org.sme_size ? tDynamic(`registry.sme.${org.sme_size}`) : t('common.notAvailable')}</dd>
              </>
            )}
          </dl>
          <p>
            <Link href={`/people?organization_id=${org.id}`}>{t('registry.organizations.people')}</Link>
          </p>
          {error !== undefined && <ErrorBox error={error} />}
          {officer && (
            <div class="actions">
              <button type="button" class="button button--primary" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </button>
              <button type="button" class="button button--danger" onClick={() => setConfirm(true)}>
                {t('common.delete')}
              </button>
            </div>
          )}
        </>
      )}
      <ConfirmDialog
        open={confirm}
        title={t('registry.organizations.deleteTitle')}
        confirmLabel={t('common.delete')}
        danger
        busy={busy}
        onConfirm={remove}
        onCancel={() => setConfirm(false)}
      >
        <p>{t('registry.organizations.deleteBody', { name: org.name })}</p>
      </ConfirmDialog>
    </>
  );
}

function OrganizationForm({
  org,
  onSaved,
  onCancel,
}: {
  org?: Organization;
  onSaved: (org: Organization) => void;
  onCancel?: () => void;
}) {
  const { t, tDynamic } = useI18n();
  const [kind, setKind] = useState(org?.kind ?? 'sector_member');
  const [name, setName] = useState(org?.name ?? '');
  const [country, setCountry] = useState(org?.country ?? '');
  const [since, setSince] = useState(org?.member_since ?? '');
  const [until, setUntil] = useState(org?.member_until ?? '');
  const [sme, setSme] = useState(org?.sme_size ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const saved = await saveOrganization(org?.id, {
        kind,
        name: name.trim(),
        country: orNull(country),
        member_since: orNull(since),
        member_until: orNull(until),
        sme_size: kind === 'sme' ? orNull(sme) : null,
      });
      onSaved(saved);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const err = (field: string) => fieldError(error, field);
  return (
    <form class="form" onSubmit={submit} noValidate data-testid="organization-form">
      <Field id="org-name" label={t('registry.field.name')} error={err('name')}>
        <input
          id="org-name"
          required
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          aria-invalid={err('name') ? 'true' : undefined}
          aria-describedby={describedBy('org-name', undefined, err('name'))}
        />
      </Field>
      <Field id="org-kind" label={t('registry.field.kind')} error={err('kind')}>
        <select id="org-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
          {ORGANIZATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {tDynamic(`registry.kind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {kind === 'sme' && (
        <Field id="org-sme" label={t('registry.field.smeSize')} error={err('sme_size')}>
          <select id="org-sme" value={sme} onChange={(e) => setSme(e.currentTarget.value)}>
            <option value="">{t('common.notAvailable')}</option>
            {SME_SIZES.map((s) => (
              <option key={s} value={s}>
                {tDynamic(`registry.sme.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id="org-country" label={t('registry.field.country')} error={err('country')}>
        <CountrySelect id="org-country" value={country} onChange={setCountry} emptyLabel={t('common.none')} />
      </Field>
      <div class="form__row">
        <Field id="org-since" label={t('registry.field.memberSince')} error={err('member_since')}>
          <input id="org-since" type="date" value={since} onInput={(e) => setSince(e.currentTarget.value)} />
        </Field>
        <Field id="org-until" label={t('registry.field.memberUntil')} error={err('member_until')}>
          <input id="org-until" type="date" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
        </Field>
      </div>
      {error !== undefined && <ErrorBox error={error} />}
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {org ? t('common.save') : t('common.create')}
        </button>
        {onCancel ? (
          <button type="button" class="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : (
          <Link href="/organizations">{t('common.cancel')}</Link>
        )}
      </div>
    </form>
  );
}
