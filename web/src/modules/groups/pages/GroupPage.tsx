// One group: its title, study period, regional groups and (signed in) its
// management team.

import { formatDate } from '../../../platform/format';
import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { Link, type RouteProps } from '../../../platform/router';
import { signInHref, useSession } from '../../../platform/session';
import { useLoad } from '../../../platform/useLoad';
import { getGroup, listGroupPositions } from '../api';

export default function GroupPage({ params }: RouteProps) {
  const { t, tDynamic } = useI18n();
  const session = useSession();
  const load = useLoad((signal) => getGroup(params.id ?? '', signal), [params.id]);
  usePageTitle(load.data ? load.data.code : t('groups.list.title'));
  return (
    <section class="page page--wide">
      <p class="breadcrumb">
        <Link href={load.data ? `/groups?period=${encodeURIComponent(load.data.period)}` : '/groups'}>{t('groups.list.title')}</Link>
      </p>
      <Loaded load={load}>
        {(group) => (
          <>
            <h1>
              <bdi>{group.code}</bdi>
            </h1>
            <p lang="en">{group.title}</p>
            <dl class="facts">
              <dt>{t('groups.field.period')}</dt>
              <dd>{group.period}</dd>
              <dt>{t('groups.field.kind')}</dt>
              <dd>{tDynamic(`groups.kind.${group.kind}`)}</dd>
              {group.region && (
                <>
                  <dt>{t('groups.field.region')}</dt>
                  <dd>{tDynamic(`registry.region.${group.region}`)}</dd>
                </>
              )}
              {group.parent_id !== null && (
                <>
                  <dt>{t('groups.field.parent')}</dt>
                  <dd>
                    <Link href={`/groups/${group.parent_id}`}>#{group.parent_id}</Link>
                  </dd>
                </>
              )}
            </dl>
            {group.regional_groups.length > 0 && (
              <>
                <h2>{t('groups.group.regional')}</h2>
                <ul>
                  {group.regional_groups.map((r) => (
                    <li key={r.id}>
                      <Link href={`/groups/${r.id}`}>
                        <bdi>{r.code}</bdi>
                      </Link>{' '}
                      <span lang="en">{r.title}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h2>{t('groups.group.team')}</h2>
            {session.user ? (
              <Team groupId={group.id} />
            ) : (
              <p>
                <Link href={signInHref(`/groups/${group.id}`)}>{t('groups.group.signInForTeam')}</Link>
              </p>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

function Team({ groupId }: { groupId: number }) {
  const { t, tDynamic, lang } = useI18n();
  const session = useSession();
  const canOpenPeople = session.hasRole('admin', 'officer', 'committee', 'viewer');
  const load = useLoad((signal) => listGroupPositions(groupId, signal), [groupId]);
  return (
    <Loaded load={load}>
      {(page) =>
        page.items.length === 0 ? (
          <p>{t('groups.group.noTeam')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table" data-testid="team-table">
              <thead>
                <tr>
                  <th scope="col">{t('groups.field.role')}</th>
                  <th scope="col">{t('groups.field.person')}</th>
                  <th scope="col">{t('registry.field.country')}</th>
                  <th scope="col">{t('groups.field.from')}</th>
                  <th scope="col">{t('groups.field.to')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((p) => (
                  <tr key={p.id}>
                    <td>{tDynamic(`groups.role.${p.role}`)}</td>
                    <td>
                      {canOpenPeople ? (
                        <Link href={`/people/${p.person_id}`}>
                          <bdi>{p.person_name ?? `#${p.person_id}`}</bdi>
                        </Link>
                      ) : (
                        <bdi>{p.person_name ?? `#${p.person_id}`}</bdi>
                      )}
                    </td>
                    <td>{p.country ? <bdi>{p.country}</bdi> : ''}</td>
                    <td>{formatDate(p.start_date, lang)}</td>
                    <td>{p.end_date ? formatDate(p.end_date, lang) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </Loaded>
  );
}
