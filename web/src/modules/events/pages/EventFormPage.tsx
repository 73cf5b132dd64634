// Officers: create an event (/events/new) or change one (/events/:id/edit). The server checks
// everything (dates, a held event not ending in the future, collocation, venue, remote link);
// its 422 messages are shown next to the fields they name.

import { useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { describedBy, Field, fieldError, Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, navigate, type RouteProps } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { listGroups } from '../../groups/api';
import type { Group } from '../../groups/types';
import { getMandates } from '../../mandates/api';
import { CountrySelect } from '../../registry/components/CountrySelect';
import { getEvent, saveEvent } from '../api';
import { emptyForm, eventInput, formOf, type EventForm } from '../rules';
import { DATE_PRECISIONS, EVENT_KINDS, EVENT_MODES, EVENT_STATUSES, type EventRecord } from '../types';

export default function EventFormPage({ params }: RouteProps) {
  const { t } = useI18n();
  const id = params.id;
  const load = useLoad((signal) => (id ? getEvent(id, signal) : Promise.resolve(undefined)), [id]);
  const title = id ? t('events.form.editTitle') : t('events.new');
  usePageTitle(title);
  return (
    <section class="page">
      <p class="breadcrumb">
        <Link href="/events">{t('events.list.title')}</Link>
        {id && load.data && (
          <>
            {' / '}
            <Link href={`/events/${id}`}>
              <bdi>{load.data.title}</bdi>
            </Link>
          </>
        )}
      </p>
      <h1>{title}</h1>
      {id ? <Loaded load={load}>{(event) => <EventFormView event={event} />}</Loaded> : <EventFormView event={undefined} />}
    </section>
  );
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

function groupsByPeriod(groups: readonly Group[]): Array<[string, Group[]]> {
  const periods = new Map<string, Group[]>();
  for (const g of groups) periods.set(g.period, [...(periods.get(g.period) ?? []), g]);
  return [...periods.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([period, list]) => [period, list.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }))]);
}

function EventFormView({ event }: { event: EventRecord | undefined }) {
  const { t, tDynamic } = useI18n();
  const [form, setForm] = useState<EventForm>(() => (event ? formOf(event) : emptyForm(browserTimeZone())));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const groups = useLoad((signal) => listGroups({}, signal), []);
  const mandates = useLoad((signal) => getMandates(signal), []);
  const zones = knownTimeZones();

  const set = <K extends keyof EventForm>(key: K, value: EventForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (field: string) => fieldError(error, field);
  const month = form.date_precision === 'month';
  const venue = form.mode !== 'virtual';
  const remote = form.mode !== 'in_person';

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const saved = await saveEvent(event?.id, eventInput(form));
      navigate(`/events/${saved.id}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const text = (
    id: string,
    field: string,
    label: string,
    key: keyof EventForm,
    options: { type?: string; hint?: string; dir?: 'ltr'; list?: string; inputMode?: 'numeric' } = {},
  ) => (
    <Field id={id} label={label} hint={options.hint} error={err(field)}>
      <input
        id={id}
        type={options.type ?? 'text'}
        dir={options.dir}
        list={options.list}
        inputMode={options.inputMode}
        value={String(form[key])}
        onInput={(e) => set(key, e.currentTarget.value as never)}
        aria-invalid={err(field) ? 'true' : undefined}
        aria-describedby={describedBy(id, options.hint, err(field))}
      />
    </Field>
  );
  const choice = (id: string, field: keyof EventForm & string, label: string, values: readonly string[], prefix: string) => (
    <Field id={id} label={label} error={err(field)}>
      <select
        id={id}
        value={String(form[field])}
        onChange={(e) => set(field, e.currentTarget.value as never)}
        aria-invalid={err(field) ? 'true' : undefined}
        aria-describedby={describedBy(id, undefined, err(field))}
      >
        {values.map((v) => (
          <option key={v} value={v}>
            {tDynamic(`${prefix}.${v}`)}
          </option>
        ))}
      </select>
    </Field>
  );
  const check = (key: 'link_public' | 'requires_endorsement', field: string, label: string, id: string) => (
    <div class={`field${err(field) ? ' field--invalid' : ''}`}>
      <label class="check" for={id}>
        <input id={id} type="checkbox" checked={form[key]} onChange={(e) => set(key, e.currentTarget.checked)} />
        {label}
      </label>
      {err(field) && <p class="field__error">{err(field)}</p>}
    </div>
  );

  return (
    <form class="form" onSubmit={submit} noValidate data-testid="event-form">
      <div class="form__row">
        {choice('event-kind', 'kind', t('events.field.kind'), EVENT_KINDS, 'events.kind')}
        {choice('event-status', 'status', t('events.field.status'), EVENT_STATUSES, 'events.status')}
      </div>
      {text('event-title', 'title', t('events.field.title'), 'title')}
      <Field id="event-description" label={t('events.field.description')} error={err('description')}>
        <textarea
          id="event-description"
          rows={4}
          value={form.description}
          onInput={(e) => set('description', e.currentTarget.value)}
          aria-describedby={describedBy('event-description', undefined, err('description'))}
        />
      </Field>
      <div class="form__row">
        <Field id="event-precision" label={t('events.field.precision')} error={err('date_precision')}>
          <select
            id="event-precision"
            value={form.date_precision}
            onChange={(e) => {
              const next = e.currentTarget.value;
              // A month input holds "YYYY-MM", a date input "YYYY-MM-DD".
              setForm((f) => ({
                ...f,
                date_precision: next,
                start_date: next === 'month' ? f.start_date.slice(0, 7) : f.start_date.length === 7 ? `${f.start_date}-01` : f.start_date,
                end_date: next === 'month' ? f.end_date.slice(0, 7) : '',
              }));
            }}
          >
            {DATE_PRECISIONS.map((p) => (
              <option key={p} value={p}>
                {tDynamic(`events.precision.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        {text('event-start', 'start_date', t('events.field.start'), 'start_date', { type: month ? 'month' : 'date' })}
        {text('event-end', 'end_date', t('events.field.end'), 'end_date', {
          type: month ? 'month' : 'date',
          hint: t('events.form.endHint'),
        })}
      </div>
      {!month && (
        <div class="form__row">
          {text('event-start-time', 'start_time', t('events.field.startTime'), 'start_time', { type: 'time' })}
          {text('event-end-time', 'end_time', t('events.field.endTime'), 'end_time', { type: 'time' })}
        </div>
      )}
      {text('event-zone', 'time_zone', t('events.field.timeZone'), 'time_zone', {
        dir: 'ltr',
        list: zones.length ? 'event-zones' : undefined,
        hint: t('events.form.zoneHint'),
      })}
      {zones.length > 0 && (
        <datalist id="event-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      )}
      {choice('event-mode', 'mode', t('events.field.mode'), EVENT_MODES, 'events.mode')}
      {venue && (
        <div class="form__row">
          {text('event-city', 'city', t('events.field.city'), 'city')}
          <Field id="event-country" label={t('events.field.country')} error={err('country')}>
            <CountrySelect
              id="event-country"
              value={form.country}
              onChange={(v) => set('country', v)}
              emptyLabel={t('common.none')}
              invalid={!!err('country')}
              describedBy={describedBy('event-country', undefined, err('country'))}
            />
          </Field>
        </div>
      )}
      {text('event-host', 'host', t('events.field.host'), 'host')}
      <Field id="event-groups" label={t('events.field.groups')} hint={t('events.form.groupsHint')} error={err('group_ids')}>
        <select
          id="event-groups"
          multiple
          size={8}
          onChange={(e) =>
            set(
              'group_ids',
              [...e.currentTarget.selectedOptions].map((o) => Number(o.value)),
            )
          }
          aria-describedby={describedBy('event-groups', t('events.form.groupsHint'), err('group_ids'))}
        >
          {groupsByPeriod(groups.data ?? []).map(([period, list]) => (
            <optgroup key={period} label={period}>
              {list.map((g) => (
                <option key={g.id} value={String(g.id)} selected={form.group_ids.includes(g.id)}>
                  {g.code}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <Field id="event-topics" label={t('events.field.topics')} hint={t('events.form.topicsHint')} error={err('topics')}>
        <textarea
          id="event-topics"
          rows={3}
          value={form.topics}
          onInput={(e) => set('topics', e.currentTarget.value)}
          aria-describedby={describedBy('event-topics', t('events.form.topicsHint'), err('topics'))}
        />
      </Field>
      {text('event-parent', 'parent_id', t('events.field.parent'), 'parent_id', {
        inputMode: 'numeric',
        hint: t('events.form.parentHint'),
      })}
      <div class="form__row">
        <Field id="event-programme" label={t('events.field.programme')} error={err('programme')}>
          <select id="event-programme" value={form.programme} onChange={(e) => set('programme', e.currentTarget.value)}>
            <option value="">{t('common.none')}</option>
            {form.programme && !mandates.data?.programmes.some((p) => String(p.number) === form.programme) && (
              <option value={form.programme}>{form.programme}</option>
            )}
            {(mandates.data?.programmes ?? []).map((p) => (
              <option key={p.number} value={String(p.number)}>
                {p.number}: {p.title}
              </option>
            ))}
          </select>
        </Field>
        <Field id="event-pillar" label={t('events.field.pillar')} error={err('pillar')}>
          <select id="event-pillar" value={form.pillar} onChange={(e) => set('pillar', e.currentTarget.value)}>
            <option value="">{t('common.none')}</option>
            {form.pillar && !mandates.data?.pillars.some((p) => p.code === form.pillar) && <option value={form.pillar}>{form.pillar}</option>}
            {(mandates.data?.pillars ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {p.letter}: {p.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {remote && (
        <fieldset class="field">
          <legend>{t('events.remote.title')}</legend>
          {text('event-link', 'remote.link', t('events.remote.link'), 'link', { type: 'url', dir: 'ltr' })}
          <Field id="event-dial-in" label={t('events.remote.dialIn')} error={err('remote.dial_in')}>
            <textarea
              id="event-dial-in"
              rows={2}
              value={form.dial_in}
              onInput={(e) => set('dial_in', e.currentTarget.value)}
              aria-describedby={describedBy('event-dial-in', undefined, err('remote.dial_in'))}
            />
          </Field>
          {check('link_public', 'remote.link_public', t('events.form.linkPublic'), 'event-link-public')}
        </fieldset>
      )}
      {text('event-languages', 'remote.interpretation_languages', t('events.field.interpretation'), 'interpretation_languages', {
        dir: 'ltr',
        hint: t('events.form.languagesHint'),
      })}
      <div class="form__row">
        {venue &&
          text('event-capacity-in-person', 'capacity_in_person', t('events.field.capacityInPerson'), 'capacity_in_person', {
            inputMode: 'numeric',
            hint: t('events.form.capacityHint'),
          })}
        {remote &&
          text('event-capacity-remote', 'capacity_remote', t('events.field.capacityRemote'), 'capacity_remote', {
            inputMode: 'numeric',
            hint: t('events.form.capacityHint'),
          })}
      </div>
      {check('requires_endorsement', 'requires_endorsement', t('events.form.endorsement'), 'event-endorsement')}
      {error !== undefined && <ErrorBox error={error} />}
      <div class="actions">
        <button type="submit" class="button button--primary" disabled={busy} data-testid="save-event">
          {event ? t('common.save') : t('common.create')}
        </button>
        <Link href={event ? `/events/${event.id}` : '/events'}>{t('common.cancel')}</Link>
      </div>
    </form>
  );
}
