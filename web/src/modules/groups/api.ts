// Calls to the groups API: study periods, groups, management positions and
// the representation table.

import { api, withQuery } from '../../platform/api';
import type { Group, GroupDetail, Page, Position, Representation, StudyPeriod } from './types';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export async function listPeriods(signal?: AbortSignal): Promise<StudyPeriod[]> {
  const body = await api.get<{ items: StudyPeriod[] }>('/api/periods', opts(signal));
  return body.items;
}

export async function listGroups(filter: { period?: string; kind?: string }, signal?: AbortSignal): Promise<Group[]> {
  const body = await api.get<{ items: Group[] }>(withQuery('/api/groups', { ...filter }), opts(signal));
  return body.items;
}

export function getGroup(id: number | string, signal?: AbortSignal): Promise<GroupDetail> {
  return api.get<GroupDetail>(`/api/groups/${encodeURIComponent(String(id))}`, opts(signal));
}

export function listGroupPositions(id: number, signal?: AbortSignal): Promise<Page<Position>> {
  return api.get<Page<Position>>(withQuery(`/api/groups/${id}/positions`, { limit: 500 }), opts(signal));
}

export function getRepresentation(period: string, compare: string, signal?: AbortSignal): Promise<Representation> {
  return api.get<Representation>(withQuery('/api/groups/representation', { period, compare }), opts(signal));
}
