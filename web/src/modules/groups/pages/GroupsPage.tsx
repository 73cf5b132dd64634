// Study Groups, TSAG and their regional groups in one study period.

import { useEffect, useState } from 'preact/hooks';
import { formatDate, todayIso } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { listGroups, listPeriods } from '../api';
import { PeriodSelect } from '../components/PeriodSelect';
import { currentPeriod, groupTree } from '../rules';

export default function GroupsPage() {
  const { t } = useI18n();
  usePageTitle(t('groups.list.title'));
  const periods = useLoad((signal) => listPeriods(signal), []);
  const [period, setPeriod] = useState(() => new URLSearchParams(window.location.search).get('period') ?? '');

  useEffect(() => {
    if (!period && periods.data) setPeriod(currentPeriod(periods.data, todayIso())?.code ?? '');
  }, [periods.data, period]);

  return (
    <section class="page page--wide">
      <h1>{t('groups.list.title')}</h1>
      <p>{t('groups.list.intro')}</p>
      <Loaded load={periods}>
        {(list) => (
          <>
            <form class="filters" onSubmit={(e) => e.preventDefault()}>
              <div class="field">
                <label for="groups-period">{t('groups.field.period')}</label>
                <PeriodSelect
                  id="groups-period"
                  periods={list}
                  value={period}
                  onChange={(code) => {
                    setPeriod(code);
                    window.history.replaceState(null, '', `/groups?period=${encodeURIComponent(code)}`);
                  }}
                />
              </div>
            </form>
            {period && <PeriodGroups period={period} note={list.find((p) => p.code === period)} />}
          </>
        )}
      </Loaded>
    </section>
  );
}

function PeriodGroups({ period, note }: { period: string; note?: { start_date: string; end_date: string; note: string } | undefined }) {
  const { t, lang } = useI18n();
  const load = useLoad((signal) => listGroups({ period }, signal), [period]);
  return (
    <>
      {note && (
        <p class="muted">
          {formatDate(note.start_date, lang)} – {formatDate(note.end_date, lang)}
          {note.note && (
            <>
              {' · '}
              <span lang="en">{note.note}</span>
            </>
          )}
        </p>
      )}
      <Loaded load={load}>
        {(groups) =>
          groups.length === 0 ? (
            <p>{t('common.noResults')}</p>
          ) : (
            <ul class="group-list" data-testid="group-list">
              {groupTree(groups).map(({ group, regional }) => (
                <li key={group.id}>
                  <Link href={`/groups/${group.id}`}>
                    <strong>
                      <bdi>{group.code}</bdi>
                    </strong>
                  </Link>{' '}
                  <span lang="en">{group.title}</span>
                  {regional.length > 0 && (
                    <ul>
                      {regional.map((r) => (
                        <li key={r.id}>
                          <Link href={`/groups/${r.id}`}>
                            <bdi>{r.code}</bdi>
                          </Link>{' '}
                          <span lang="en">{r.title}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}
