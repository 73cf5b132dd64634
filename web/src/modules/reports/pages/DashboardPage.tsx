// The live dashboard: the progress report's key numbers, each with its provenance on hover or
// focus, and its figures as the server draws them, for a window the reader chooses. Without a
// window in the address the server suggests one (the latest 12 months with activity) and the
// page says which and why. A window in which no event was held says so instead of showing zeros.

import type { ComponentChildren } from 'preact';
import { formatDate, formatNumber, formatShare } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n, type MessageKey } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, navigate, useSearchParams } from '../../../platform/router';
import { withQuery } from '../../../platform/api';
import { useLoad } from '../../../platform/useLoad';
import { getDashboard } from '../api';
import { FigureView } from '../components/FigureView';
import { Provenance } from '../components/Provenance';
import { TableView } from '../components/TableView';
import { WindowForm } from '../components/WindowForm';
import { EVENTS_HELD, statState, windowFromQuery, windowHasEvents } from '../rules';
import type { Dashboard, LiveValue, SuggestedWindow, Values } from '../types';
import '../reports.css';

const BASIS: Record<SuggestedWindow['basis'], MessageKey> = {
  requested: 'reports.dashboard.basis.requested',
  recent_activity: 'reports.dashboard.basis.recent_activity',
  latest_held_event: 'reports.dashboard.basis.latest_held_event',
  no_held_events: 'reports.dashboard.basis.no_held_events',
};

export default function DashboardPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('reports.dashboard.title'));
  const chosen = windowFromQuery(useSearchParams());
  const load = useLoad((signal) => getDashboard(chosen, lang, signal), [chosen?.since, chosen?.until, lang]);
  const shown = load.data?.window;
  return (
    <section class="page page--wide">
      <h1>{t('reports.dashboard.title')}</h1>
      <p>{t('reports.dashboard.intro')}</p>
      <WindowForm
        idPrefix="dashboard"
        window={shown ?? chosen}
        onSubmit={(w) => navigate(withQuery('/dashboard', { since: w.since, until: w.until }))}
      />
      <Loaded load={load}>{(data) => <DashboardView data={data} />}</Loaded>
    </section>
  );
}

function DashboardView({ data }: { data: Dashboard }) {
  const { t, lang } = useI18n();
  const w = data.window;
  const date = (iso: string) => formatDate(iso, lang);
  const held = windowHasEvents(data.values);
  const reportHref = withQuery('/reports/progress', { since: w.since, until: w.until });
  return (
    <>
      <div class="report-window-note" data-testid="dashboard-window" data-basis={w.basis}>
        <p>
          <strong>{t('reports.window.showing', { since: date(w.since), until: date(w.until) })}</strong>{' '}
          {t(BASIS[w.basis], { date: w.latest_held_end ? date(w.latest_held_end) : '' })}
        </p>
        <p class="actions">
          {w.basis === 'requested' && <Link href="/dashboard">{t('reports.dashboard.latest')}</Link>}
          <Link href={reportHref}>{t('reports.dashboard.fullReport')}</Link>
        </p>
      </div>
      {held === false && (
        <p class="report-empty" role="status" data-testid="dashboard-no-events">
          <Provenance provenance={data.values[EVENTS_HELD]?.provenance ?? ''}>
            {t('reports.noEvents', { since: date(w.since), until: date(w.until) })}
          </Provenance>{' '}
          {w.latest_held_end && w.latest_held_end < w.since && (
            <>{t('reports.dashboard.latestHeld', { date: date(w.latest_held_end) })}</>
          )}
        </p>
      )}
      <KeyNumbers values={data.values} until={w.until} windowHeld={held !== false} />
      {data.figures.length > 0 && (
        <>
          <h2>{t('reports.dashboard.figures')}</h2>
          <div class="report-figures">
            {data.figures.map((f) => (
              <FigureView key={f.id} figure={f} window={w} language={lang} />
            ))}
          </div>
        </>
      )}
      {data.tables.length > 0 && (
        <>
          <h2>{t('reports.dashboard.tables')}</h2>
          {data.tables.map((table) => (
            <details class="panel" key={table.id}>
              <summary>
                {t('reports.table', { number: table.number })}: {table.caption}
              </summary>
              <TableView table={table} />
            </details>
          ))}
        </>
      )}
    </>
  );
}

function Stat({ id, label, value, note }: { id: string; label: string; value: LiveValue | undefined; note?: ComponentChildren }) {
  const { t, lang } = useI18n();
  const state = statState(value);
  let text: string;
  switch (state.kind) {
    case 'missing':
      text = t('reports.notKnown');
      break;
    case 'none':
      text = t('reports.none');
      break;
    case 'share':
      text = formatShare(state.value, lang);
      break;
    default:
      text = formatNumber(state.value, lang);
  }
  return (
    <div class="stat" data-testid={`stat-${id}`} data-state={state.kind}>
      <dt class="stat__label">{label}</dt>
      <dd class="stat__value">
        <Provenance provenance={value?.provenance ?? ''}>{text}</Provenance>
      </dd>
      {note && <dd class="stat__note">{note}</dd>}
    </div>
  );
}

function KeyNumbers({ values, until, windowHeld }: { values: Values; until: string; windowHeld: boolean }) {
  const { t, lang } = useI18n();
  const v = (key: string) => values[key];
  const upTo = t('reports.stat.upTo', { date: formatDate(until, lang) });
  const management = (which: 'current' | 'previous') => {
    const code = v(`groups.management.${which}_period`)?.text;
    // "2017-2020" keeps its order inside right-to-left text.
    const period = code ? `\u2068${code}\u2069` : undefined;
    const seats = v(`groups.management.${which}_seats`);
    if (!period) return null;
    if (!seats?.value) {
      return (
        <div class="stat" data-testid={`stat-management-${which}`} data-state="none">
          <dt class="stat__label">{t('reports.stat.management', { period })}</dt>
          <dd class="stat__value stat__value--text">
            <Provenance provenance={seats?.provenance ?? ''}>{t('reports.stat.noPositions')}</Provenance>
          </dd>
        </div>
      );
    }
    const developing = v(`groups.management.${which}_developing`)?.value ?? 0;
    const notStated = v(`groups.management.${which}_not_stated`)?.value ?? 0;
    return (
      <Stat
        id={`management-${which}`}
        label={t('reports.stat.management', { period })}
        value={v(`groups.management.${which}_share`)}
        note={t('reports.stat.positions', {
          developing: formatNumber(developing, lang),
          known: formatNumber(seats.value - notStated, lang),
          notStated: formatNumber(notStated, lang),
        })}
      />
    );
  };
  const current = management('current');
  const previous = management('previous');
  return (
    <>
      <h2>{t('reports.dashboard.keyNumbers')}</h2>
      <div class="stat-groups">
        <section class="stat-group" aria-labelledby="stats-training">
          <h3 id="stats-training">{t('reports.stat.training')}</h3>
          <dl class="stats">
            <Stat id="delegates" label={t('reports.stat.delegates')} value={v('events.training.delegates_trained')} note={upTo} />
            <Stat id="countries" label={t('reports.stat.countries')} value={v('events.training.countries')} note={upTo} />
            <Stat id="organizations" label={t('reports.stat.organizations')} value={v('events.training.organizations')} note={upTo} />
          </dl>
        </section>
        {windowHeld && (
          <section class="stat-group" aria-labelledby="stats-window">
            <h3 id="stats-window">{t('reports.stat.window')}</h3>
            <dl class="stats">
              <Stat id="regional-meetings" label={t('reports.stat.regionalMeetings')} value={v('events.regional_group_meetings.held')} />
              <Stat id="forums" label={t('reports.stat.forums')} value={v('events.forums.held')} />
              <Stat id="in-person" label={t('reports.stat.inPerson')} value={v('events.remote.in_person')} />
              <Stat id="remote" label={t('reports.stat.remote')} value={v('events.remote.participations')} />
              <Stat id="remote-share" label={t('reports.stat.remoteShare')} value={v('events.remote.share')} />
            </dl>
          </section>
        )}
        <section class="stat-group" aria-labelledby="stats-management">
          <h3 id="stats-management">{t('reports.stat.managementTitle')}</h3>
          {current || previous ? (
            <dl class="stats">
              {current}
              {previous}
            </dl>
          ) : (
            <p class="report-empty" data-testid="stat-management-none">
              {t('reports.stat.noPeriod', { date: formatDate(until, lang) })}
            </p>
          )}
        </section>
      </div>
    </>
  );
}
