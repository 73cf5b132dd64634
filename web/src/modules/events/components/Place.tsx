// Where an event takes place: "City, Country", online, or both for a hybrid event. The country is
// named in the reader's language when the browser knows it.

import { useI18n } from '../../../platform/i18n';
import type { EventSummary } from '../types';

function regionName(iso2: string, lang: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'region' }).of(iso2);
    return name && name !== iso2 ? name : undefined;
  } catch {
    return undefined;
  }
}

export function Place({ event, countryName }: { event: EventSummary; countryName?: string | null }) {
  const { t, lang } = useI18n();
  if (event.mode === 'virtual') return <>{t('events.online')}</>;
  const country = event.country ? (regionName(event.country, lang) ?? countryName ?? event.country) : '';
  const where = [event.city, country].filter(Boolean).join(', ');
  return (
    <>
      <bdi>{where}</bdi>
      {event.mode === 'hybrid' && <> {t('events.andOnline')}</>}
    </>
  );
}
