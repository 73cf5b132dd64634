// The years the events pages offer: from the year of the earliest event to next year.

import { todayIso } from '../../../platform/format';
import { useLoad } from '../../../platform/useLoad';
import { listEvents } from '../api';

export function useEventYears(): number[] {
  // The list is in date order: the first event is the earliest.
  const first = useLoad((signal) => listEvents({ limit: 1 }, signal), []);
  const last = Number(todayIso().slice(0, 4)) + 1;
  const earliest = first.data?.events[0];
  const from = earliest ? Math.min(Number(earliest.start_date.slice(0, 4)), last) : last - 1;
  const years: number[] = [];
  for (let y = last; y >= from; y--) years.push(y);
  return years;
}
