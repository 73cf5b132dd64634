// The classes a country holds on a date, as badges (developing, developed or not stated first).

import { useI18n } from '../../../platform/i18n';
import type { Classification } from '../types';

export function ClassBadges({ classification }: { classification: Classification }) {
  const { t } = useI18n();
  const c = classification;
  return (
    <span class="badges">
      <span class={`badge ${c.developing ? 'badge--info' : 'badge--plain'}`}>
        {c.developing
          ? t('registry.class.developing')
          : c.developed
            ? t('registry.class.developed')
            : t('registry.class.notStated')}
      </span>
      {c.ldc && <span class="badge badge--ldc">{t('registry.class.ldc')}</span>}
      {c.lldc && <span class="badge badge--plain">{t('registry.class.lldc')}</span>}
      {c.sids && <span class="badge badge--plain">{t('registry.class.sids')}</span>}
    </span>
  );
}
