// The signed-in person's own registration for an event: register in person or remotely (as a
// delegate), see the status (registered, waiting-list position, approved, attended) and the
// attendance days, cancel, and record the remote join on a day the event is running.

import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../../../platform/ConfirmDialog';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatDate, formatNumber, todayIso } from '../../../platform/format';
import { Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { useLoad } from '../../../platform/useLoad';
import { changeRegistration, getRegistration, recordAttendance, register } from '../api';
import { canCancel, canJoinRemotely, isActive, isOpenForRegistration, modesOffered } from '../rules';
import type { EventDetail, ParticipationMode } from '../types';

export function RegistrationBox({ event, onChange }: { event: EventDetail; onChange: () => void }) {
  const { t, tDynamic, lang } = useI18n();
  const modes = modesOffered(event.mode);
  const [mode, setMode] = useState<ParticipationMode>(modes[0]!);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [notice, setNotice] = useState('');
  const [confirming, setConfirming] = useState(false);
  const mine = event.my_registration && isActive(event.my_registration) ? event.my_registration : null;
  const today = todayIso();
  // The registration with its attendance days.
  const detail = useLoad(
    (signal) => (mine ? getRegistration(event.id, mine.id, signal) : Promise.resolve(undefined)),
    [event.id, mine?.id, mine?.updated_at],
  );

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(undefined);
    setNotice('');
    try {
      await work();
      setNotice(done);
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!mine) {
    if (!isOpenForRegistration(event)) {
      return (
        <div class="registration-box" data-testid="registration-closed">
          <h2>{t('events.my.title')}</h2>
          <p>{t('events.my.closed')}</p>
        </div>
      );
    }
    return (
      <form
        class="registration-box"
        data-testid="register-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => register(event.id, mode), t('events.my.registeredNotice'));
        }}
      >
        <h2>{t('events.my.title')}</h2>
        {notice && <Notice testId="registration-notice">{notice}</Notice>}
        <fieldset class="field">
          <legend>{t('events.my.how')}</legend>
          <div class="checks">
            {modes.map((m) => (
              <label key={m} class="check">
                <input
                  type="radio"
                  name="register-mode"
                  value={m}
                  checked={mode === m}
                  onChange={() => setMode(m)}
                  data-testid={`register-mode-${m}`}
                />
                {tDynamic(`events.participation.${m}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <p class="muted">
          {t('events.my.asDelegate')}
          {event.requires_endorsement && <> {t('events.my.endorsement')}</>}
        </p>
        {error !== undefined && <ErrorBox error={error} />}
        <div class="actions">
          <button type="submit" class="button button--primary" disabled={busy} data-testid="register-button">
            {t('events.my.register')}
          </button>
        </div>
      </form>
    );
  }

  const days = detail.data?.attendance ?? [];
  const joinable = canJoinRemotely(event, mine, today);
  const joinedToday = days.some((d) => d.day === today);
  return (
    <div class="registration-box" data-testid="my-registration" data-status={mine.status}>
      <h2>{t('events.my.title')}</h2>
      {notice && <Notice testId="registration-notice">{notice}</Notice>}
      <dl class="facts">
        <dt>{t('events.field.status')}</dt>
        <dd data-testid="my-registration-status">{tDynamic(`events.registration.${mine.status}`)}</dd>
        {mine.status === 'waitlisted' && mine.waitlist_position !== null && (
          <>
            <dt>{t('events.my.position')}</dt>
            <dd data-testid="my-waitlist-position">{formatNumber(mine.waitlist_position, lang)}</dd>
          </>
        )}
        <dt>{t('events.my.mode')}</dt>
        <dd data-testid="my-registration-mode">{tDynamic(`events.participation.${mine.mode}`)}</dd>
        <dt>{t('events.field.role')}</dt>
        <dd>{tDynamic(`events.role.${mine.role}`)}</dd>
        <dt>{t('events.field.attendance')}</dt>
        <dd data-testid="my-attendance">
          {days.length === 0
            ? t('events.my.noAttendance')
            : days.map((d) => `${formatDate(d.day, lang)} (${tDynamic(`events.participation.${d.mode}`)})`).join(', ')}
        </dd>
      </dl>
      {error !== undefined && <ErrorBox error={error} />}
      <div class="actions">
        {joinable && (
          <button
            type="button"
            class="button button--primary"
            disabled={busy || joinedToday}
            data-testid="join-remote"
            onClick={() =>
              act(
                () => recordAttendance(event.id, mine.id, { day: today, mode: 'remote', source: 'remote_join' }),
                t('events.my.joinedNotice'),
              )
            }
          >
            {joinedToday ? t('events.my.joined') : t('events.my.join')}
          </button>
        )}
        {joinable && event.remote.link && (
          <a href={event.remote.link} target="_blank" rel="noopener noreferrer">
            {t('events.remote.open')}
          </a>
        )}
        {canCancel(mine) && (
          <button
            type="button"
            class="button button--danger"
            disabled={busy}
            data-testid="cancel-registration"
            onClick={() => setConfirming(true)}
          >
            {t('events.my.cancel')}
          </button>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('events.my.cancelTitle')}
        confirmLabel={t('events.my.cancel')}
        danger
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void act(() => changeRegistration(event.id, mine.id, 'cancel'), t('events.my.cancelledNotice'));
        }}
      >
        <p>{t('events.my.cancelText')}</p>
      </ConfirmDialog>
    </div>
  );
}
