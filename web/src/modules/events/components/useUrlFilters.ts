// The list's and calendar's filters, read from and written to the page's query string, so that a
// view can be shared and survives a reload.

import { navigate, useSearchParams } from '../../../platform/router';
import { filterQuery, queryString, readFilters, type FilterName, type Filters } from '../rules';

export interface UrlFilters {
  search: URLSearchParams;
  filters: Filters;
  // "?kind=…&group=…" (the filters only), for links between the views and for the feed.
  query: string;
  // Changes one filter; `extra` replaces the page's own parameters (month, offset).
  set: (name: FilterName, value: string, extra?: Record<string, string | number | undefined>) => void;
  // Keeps the filters and replaces the page's own parameters.
  setExtra: (extra: Record<string, string | number | undefined>) => void;
}

export function useUrlFilters(path: string): UrlFilters {
  const search = useSearchParams();
  const filters = readFilters(search);
  const go = (next: Filters, extra: Record<string, string | number | undefined>, replace: boolean) =>
    navigate(`${path}${queryString({ ...filterQuery(next), ...extra })}`, { replace });
  return {
    search,
    filters,
    query: queryString(filterQuery(filters)),
    // Typing replaces the history entry; a choice adds one, so that Back undoes it.
    set: (name, value, extra = {}) => go({ ...filters, [name]: value }, extra, name === 'q'),
    setExtra: (extra) => go(filters, extra, false),
  };
}
