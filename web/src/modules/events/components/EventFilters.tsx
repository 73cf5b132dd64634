// The filters of the event list and calendar: kind, group (Study Groups, regional groups and
// TSAG of every study period), ITU region, year, mode, status and text. The page keeps them in
// the URL; the text is passed on once typing pauses.

import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../../platform/i18n';
import { useDebounced, useLoad } from '../../../platform/useLoad';
import { listGroups } from '../../groups/api';
import type { Group } from '../../groups/types';
import type { FilterName, Filters } from '../rules';
import { EVENT_KINDS, EVENT_MODES, EVENT_STATUSES, REGIONS } from '../types';
import { useEventYears } from './useEventYears';

export interface EventFiltersProps {
  id: string; // prefix of the controls' ids
  filters: Filters;
  onChange: (name: FilterName, value: string) => void;
  // The calendar shows one month: no year filter there.
  withYear?: boolean;
}

// Groups by study period (latest first), each period's groups by code.
function byPeriod(groups: readonly Group[]): Array<[string, Group[]]> {
  const periods = new Map<string, Group[]>();
  for (const g of groups) periods.set(g.period, [...(periods.get(g.period) ?? []), g]);
  return [...periods.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([period, list]) => [period, list.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }))]);
}

export function EventFilters({ id, filters, onChange, withYear = true }: EventFiltersProps) {
  const { t, tDynamic } = useI18n();
  const groups = useLoad((signal) => listGroups({}, signal), []);
  const years = useEventYears();
  const [q, setQ] = useState(filters.q);
  const settled = useDebounced(q);
  useEffect(() => {
    if (settled !== filters.q) onChange('q', settled);
  }, [settled]);
  useEffect(() => {
    // Back and forward change the URL: follow it.
    setQ((current) => (current.trim() === filters.q.trim() ? current : filters.q));
  }, [filters.q]);

  const select = (name: FilterName, label: string, options: ReadonlyArray<[string, string]>) => (
    <div class="field">
      <label for={`${id}-${name}`}>{label}</label>
      <select id={`${id}-${name}`} value={filters[name]} onChange={(e) => onChange(name, e.currentTarget.value)}>
        <option value="">{t('common.all')}</option>
        {filters[name] && !options.some(([v]) => v === filters[name]) && <option value={filters[name]}>{filters[name]}</option>}
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  const groupValue = filters.group;
  const groupList = groups.data ?? [];
  return (
    <form class="filters" role="search" onSubmit={(e) => e.preventDefault()} data-testid="event-filters">
      <div class="field">
        <label for={`${id}-q`}>{t('events.filter.q')}</label>
        <input id={`${id}-q`} type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </div>
      {select(
        'kind',
        t('events.field.kind'),
        EVENT_KINDS.map((k) => [k, tDynamic(`events.kind.${k}`)]),
      )}
      <div class="field">
        <label for={`${id}-group`}>{t('events.field.group')}</label>
        <select id={`${id}-group`} value={groupValue} onChange={(e) => onChange('group', e.currentTarget.value)}>
          <option value="">{t('common.all')}</option>
          {groupValue && !groupList.some((g) => String(g.id) === groupValue) && <option value={groupValue}>#{groupValue}</option>}
          {byPeriod(groupList).map(([period, list]) => (
            <optgroup key={period} label={period}>
              {list.map((g) => (
                <option key={g.id} value={String(g.id)}>
                  {g.code}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      {select(
        'region',
        t('events.field.region'),
        REGIONS.map((r) => [r, tDynamic(`registry.region.${r}`)]),
      )}
      {withYear &&
        select(
          'year',
          t('events.field.year'),
          years.map((y) => [String(y), String(y)]),
        )}
      {select(
        'mode',
        t('events.field.mode'),
        EVENT_MODES.map((m) => [m, tDynamic(`events.mode.${m}`)]),
      )}
      {select(
        'status',
        t('events.field.status'),
        EVENT_STATUSES.map((s) => [s, tDynamic(`events.status.${s}`)]),
      )}
    </form>
  );
}
