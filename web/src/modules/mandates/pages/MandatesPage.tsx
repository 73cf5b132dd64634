// The programme's mandate: the resolutions behind BSG, the programmes of the
// Resolution 44 action plan, and the five BSG pillars. The texts are the
// official English titles.

import { Loaded } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { useLoad } from '../../../platform/useLoad';
import { getMandates } from '../api';

export default function MandatesPage() {
  const { t } = useI18n();
  usePageTitle(t('mandates.title'));
  const load = useLoad((signal) => getMandates(signal), []);
  return (
    <section class="page page--wide">
      <h1>{t('mandates.title')}</h1>
      <p>{t('mandates.intro')}</p>
      <Loaded load={load}>
        {(m) => (
          <>
            <h2>{t('mandates.pillars')}</h2>
            <dl class="definitions" data-testid="pillars">
              {m.pillars.map((p) => (
                <div key={p.code}>
                  <dt lang="en">
                    <bdi>{p.letter}</bdi>. {p.name}
                  </dt>
                  <dd lang="en">{p.description}</dd>
                </div>
              ))}
            </dl>
            <h2>{t('mandates.programmes')}</h2>
            <ol class="plain-list">
              {m.programmes.map((p) => (
                <li key={p.number}>
                  <strong>{t('mandates.programme', { number: p.number })}</strong>: <span lang="en">{p.title}</span>{' '}
                  <span class="muted">
                    (<bdi>{p.resolution}</bdi>)
                  </span>
                </li>
              ))}
            </ol>
            <h2>{t('mandates.resolutions')}</h2>
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('mandates.resolution')}</th>
                    <th scope="col">{t('mandates.resolutionTitle')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.resolutions.map((r) => (
                    <tr key={r.code}>
                      <td>
                        <bdi>{r.code}</bdi>
                        {r.revision && (
                          <span class="muted">
                            {' '}
                            (<bdi>{r.revision}</bdi>)
                          </span>
                        )}
                      </td>
                      <td lang="en">{r.title}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Loaded>
    </section>
  );
}
