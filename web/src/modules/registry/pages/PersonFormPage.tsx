// Officers: create a person (/people/new) or replace a person's details
// (/people/:id/edit).

import { useEffect, useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { describedBy, Field, fieldError, Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, navigate, type RouteProps } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { getPerson, listOrganizations, savePerson } from '../api';
import { CountrySelect } from '../components/CountrySelect';
import { orNull, splitLanguages } from '../rules';
import { GENDERS, type Organization, type Person } from '../types';

export default function PersonFormPage({ params }: RouteProps) {
  const { t } = useI18n();
  const id = params.id;
  const load = useLoad((signal) => (id ? getPerson(id, signal) : Promise.resolve(undefined)), [id]);
  const title = id ? t('registry.people.edit') : t('registry.people.new');
  usePageTitle(title);
  return (
    <section class="page">
      <p class="breadcrumb">
        <Link href="/people">{t('registry.people.title')}</Link>
        {id && load.data && (
          <>
            {' / '}
            <Link href={`/people/${id}`}>
              <bdi>{load.data.display_name}</bdi>
            </Link>
          </>
        )}
      </p>
      <h1>{title}</h1>
      {id ? <Loaded load={load}>{(person) => <PersonForm person={person} />}</Loaded> : <PersonForm person={undefined} />}
    </section>
  );
}

function PersonForm({ person }: { person: Person | undefined }) {
  const { t, tDynamic } = useI18n();
  const [given, setGiven] = useState(person?.given_name ?? '');
  const [family, setFamily] = useState(person?.family_name ?? '');
  const [full, setFull] = useState(person?.full_name ?? '');
  const [latin, setLatin] = useState(person?.transliteration ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [country, setCountry] = useState(person?.country ?? '');
  const [organization, setOrganization] = useState(person?.organization_id ? String(person.organization_id) : '');
  const [gender, setGender] = useState(person?.gender ?? 'not_stated');
  const [languages, setLanguages] = useState((person?.languages ?? []).join(', '));
  const [userId, setUserId] = useState(person?.user_id ? String(person.user_id) : '');
  const [organizations, setOrganizations] = useState<Organization[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    listOrganizations({ sort: 'name', limit: 500 }, controller.signal).then(
      (page) => setOrganizations(page.items),
      () => undefined, // the current organization stays selectable
    );
    return () => controller.abort();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const saved = await savePerson(person?.id, {
        given_name: orNull(given),
        family_name: orNull(family),
        full_name: orNull(full),
        transliteration: orNull(latin),
        email: orNull(email),
        country: orNull(country),
        organization_id: organization ? Number(organization) : null,
        gender,
        languages: splitLanguages(languages),
        user_id: userId.trim() ? Number(userId) : null,
      });
      navigate(`/people/${saved.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const err = (field: string) => fieldError(error, field);
  const text = (id: string, label: string, field: string, value: string, set: (v: string) => void, hint?: string) => (
    <Field id={id} label={label} hint={hint} error={err(field)}>
      <input
        id={id}
        value={value}
        onInput={(e) => set(e.currentTarget.value)}
        aria-invalid={err(field) ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, err(field))}
      />
    </Field>
  );
  const currentOrg = person?.organization_id;
  return (
    <form class="form" onSubmit={submit} noValidate data-testid="person-form">
      <div class="form__row">
        {text('person-given', t('registry.field.givenName'), 'given_name', given, setGiven)}
        {text('person-family', t('registry.field.familyName'), 'family_name', family, setFamily)}
      </div>
      {text('person-full', t('registry.field.fullName'), 'full_name', full, setFull, t('registry.people.fullNameHint'))}
      {text(
        'person-latin',
        t('registry.field.transliteration'),
        'transliteration',
        latin,
        setLatin,
        t('registry.people.transliterationHint'),
      )}
      {text('person-email', t('registry.field.email'), 'email', email, setEmail)}
      <Field id="person-country" label={t('registry.field.country')} error={err('country')}>
        <CountrySelect id="person-country" value={country} onChange={setCountry} emptyLabel={t('common.none')} />
      </Field>
      <Field id="person-org" label={t('registry.field.organization')} error={err('organization_id')}>
        <select id="person-org" value={organization} onChange={(e) => setOrganization(e.currentTarget.value)}>
          <option value="">{t('common.none')}</option>
          {currentOrg && !organizations.some((o) => o.id === currentOrg) && (
            <option value={String(currentOrg)}>{person?.organization_name ?? `#${currentOrg}`}</option>
          )}
          {organizations.map((o) => (
            <option key={o.id} value={String(o.id)}>
              {o.name}
              {o.country ? ` (${o.country})` : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field id="person-gender" label={t('registry.field.gender')} error={err('gender')}>
        <select id="person-gender" value={gender} onChange={(e) => setGender(e.currentTarget.value)}>
          {GENDERS.map((g) => (
            <option key={g} value={g}>
              {tDynamic(`registry.gender.${g}`)}
            </option>
          ))}
        </select>
      </Field>
      {text(
        'person-languages',
        t('registry.field.languages'),
        'languages',
        languages,
        setLanguages,
        t('registry.people.languagesHint'),
      )}
      {text('person-user', t('registry.field.userId'), 'user_id', userId, setUserId)}
      {error !== undefined && <ErrorBox error={error} />}
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {person ? t('common.save') : t('common.create')}
        </button>
        <Link href={person ? `/people/${person.id}` : '/people'}>{t('common.cancel')}</Link>
      </div>
    </form>
  );
}
