// Who registered for an event, for officers and focal points (who see their own country's
// delegates): person, country, mode, role, status and attendance days, filtered by status.
// Officers check people in for a chosen day of the event, mark no-shows and remove a wrongly
// recorded day; officers and focal points approve registrations that need endorsement.

import { useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatDate, formatNumber, todayIso } from '../../../platform/format';
import { Loaded, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { Link } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { changeRegistration, listRegistrations, recordAttendance, removeAttendance, type RegistrationAction } from '../api';
import { canApprove, canMarkNoShow, canRecordAttendance, daysBetween, defaultCheckinDay } from '../rules';
import { REGISTRATION_STATUSES, type EventDetail, type Registration } from '../types';

export interface RegistrationsPanelProps {
  event: EventDetail;
  officer: boolean; // check-in, no-show, corrections
  onChange: () => void; // the event's counters changed
}

export function RegistrationsPanel({ event, officer, onChange }: RegistrationsPanelProps) {
  const { t, tDynamic, lang } = useI18n();
  const today = todayIso();
  const days = daysBetween(event.start_date, event.end_date);
  const [status, setStatus] = useState('');
  const [day, setDay] = useState(() => defaultCheckinDay(days, today));
  const [busy, setBusy] = useState<string>('');
  const [error, setError] = useState<unknown>(undefined);
  const [notice, setNotice] = useState('');
  const load = useLoad((signal) => listRegistrations(event.id, status, signal), [event.id, status]);

  const act = async (key: string, work: () => Promise<unknown>, done: string) => {
    setBusy(key);
    setError(undefined);
    setNotice('');
    try {
      await work();
      setNotice(done);
      load.reload();
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy('');
    }
  };
  const name = (r: Registration) => r.person?.full_name ?? `#${r.person_id}`;
  const change = (r: Registration, action: RegistrationAction, done: string) =>
    act(`${action}-${r.id}`, () => changeRegistration(event.id, r.id, action), done);
  const future = day > today;

  return (
    <section class="panel" aria-labelledby="registrations-title" data-testid="registrations-panel">
      <h2 id="registrations-title">{t('events.registrations.title')}</h2>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="registrations-status">{t('events.field.status')}</label>
          <select id="registrations-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">{t('common.all')}</option>
            {REGISTRATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tDynamic(`events.registration.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {officer && (
          <div class="field">
            <label for="checkin-day">{t('events.registrations.day')}</label>
            <select id="checkin-day" value={day} onChange={(e) => setDay(e.currentTarget.value)} aria-describedby="checkin-day-hint">
              {days.map((d) => (
                <option key={d} value={d} disabled={d > today}>
                  {formatDate(d, lang)}
                </option>
              ))}
            </select>
            <p class="field__hint" id="checkin-day-hint">
              {t('events.registrations.dayHint')}
            </p>
          </div>
        )}
      </form>
      {notice && <Notice testId="registrations-notice">{notice}</Notice>}
      {error !== undefined && <ErrorBox error={error} />}
      <Loaded load={load}>
        {(data) =>
          data.registrations.length === 0 ? (
            <p>{t('events.registrations.none')}</p>
          ) : (
            <div class="table-wrap">
              <table class="table" data-testid="registrations-table">
                <caption>{t('events.registrations.count', { count: formatNumber(data.count, lang) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('events.field.person')}</th>
                    <th scope="col">{t('events.field.country')}</th>
                    <th scope="col">{t('events.field.participation')}</th>
                    <th scope="col">{t('events.field.role')}</th>
                    <th scope="col">{t('events.field.status')}</th>
                    <th scope="col">{t('events.field.attendance')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.registrations.map((r) => (
                    <tr key={r.id} data-registration-id={r.id} data-person-id={r.person_id} data-status={r.status}>
                      <th scope="row">
                        {officer ? (
                          <Link href={`/people/${r.person_id}`}>
                            <bdi>{name(r)}</bdi>
                          </Link>
                        ) : (
                          <bdi>{name(r)}</bdi>
                        )}
                      </th>
                      <td>{r.person?.country ?? ''}</td>
                      <td>{tDynamic(`events.participation.${r.mode}`)}</td>
                      <td>{tDynamic(`events.role.${r.role}`)}</td>
                      <td>
                        {tDynamic(`events.registration.${r.status}`)}
                        {r.status === 'waitlisted' && r.waitlist_position !== null && (
                          <span class="muted"> ({t('events.registrations.position', { position: formatNumber(r.waitlist_position, lang) })})</span>
                        )}
                      </td>
                      <td>
                        {(r.attendance ?? []).length > 0 && (
                          <ul class="day-list">
                            {(r.attendance ?? []).map((a) => (
                              <li key={a.day} data-day={a.day} data-mode={a.mode}>
                                <time dateTime={a.day}>{formatDate(a.day, lang)}</time>
                                <span class="muted">{tDynamic(`events.participation.${a.mode}`)}</span>
                                {officer && (
                                  <button
                                    type="button"
                                    class="button button--small button--danger"
                                    disabled={busy !== ''}
                                    aria-label={t('events.registrations.removeDay', { day: formatDate(a.day, lang), name: name(r) })}
                                    title={t('events.registrations.removeDay', { day: formatDate(a.day, lang), name: name(r) })}
                                    onClick={() =>
                                      act(`day-${r.id}-${a.day}`, () => removeAttendance(event.id, r.id, a.day), t('events.registrations.dayRemoved'))
                                    }
                                  >
                                    ×
                                  </button>
                                )}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>
                        <div class="row-actions">
                          {officer && canRecordAttendance(r) && (
                            <button
                              type="button"
                              class="button button--small"
                              disabled={busy !== '' || future || (r.attendance ?? []).some((a) => a.day === day)}
                              data-testid={`checkin-${r.id}`}
                              onClick={() =>
                                act(
                                  `checkin-${r.id}`,
                                  () => recordAttendance(event.id, r.id, { day, mode: r.mode, source: 'checkin' }),
                                  t('events.registrations.checkedIn', { name: name(r), day: formatDate(day, lang) }),
                                )
                              }
                            >
                              {t('events.registrations.checkIn')}
                            </button>
                          )}
                          {officer && canMarkNoShow(event, r, today) && (
                            <button
                              type="button"
                              class="button button--small"
                              disabled={busy !== ''}
                              onClick={() => change(r, 'no-show', t('events.registrations.noShowDone', { name: name(r) }))}
                            >
                              {t('events.registrations.noShow')}
                            </button>
                          )}
                          {canApprove(event, r) && (
                            <button
                              type="button"
                              class="button button--small"
                              disabled={busy !== ''}
                              onClick={() => change(r, 'approve', t('events.registrations.approved', { name: name(r) }))}
                            >
                              {t('events.registrations.approve')}
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
