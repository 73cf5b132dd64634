// Pure helpers of the groups pages.

import type { Bucket, BucketChange, Group, StudyPeriod } from './types';

// The study period `today` falls in, else the latest one that has started,
// else the first.
export function currentPeriod(periods: readonly StudyPeriod[], today: string): StudyPeriod | undefined {
  const sorted = [...periods].sort((a, b) => a.start_date.localeCompare(b.start_date));
  const within = sorted.find((p) => p.start_date <= today && today <= p.end_date);
  if (within) return within;
  const started = sorted.filter((p) => p.start_date <= today);
  return started[started.length - 1] ?? sorted[0];
}

// The period just before `code`, if any.
export function previousPeriod(periods: readonly StudyPeriod[], code: string): StudyPeriod | undefined {
  const sorted = [...periods].sort((a, b) => a.start_date.localeCompare(b.start_date));
  const i = sorted.findIndex((p) => p.code === code);
  return i > 0 ? sorted[i - 1] : undefined;
}

export interface GroupTree {
  group: Group;
  regional: Group[];
}

// TSAG first, then Study Groups by number, each with its regional groups.
export function groupTree(groups: readonly Group[]): GroupTree[] {
  const top = groups
    .filter((g) => g.kind !== 'regional_group')
    .sort((a, b) => {
      if (a.kind !== b.kind) return a.kind === 'tsag' ? -1 : 1;
      return (a.sg_number ?? 0) - (b.sg_number ?? 0) || a.code.localeCompare(b.code);
    });
  return top.map((group) => ({
    group,
    regional: groups.filter((g) => g.parent_id === group.id).sort((a, b) => a.code.localeCompare(b.code)),
  }));
}

export interface RepresentationRow {
  bucket: string;
  current: Bucket | undefined;
  compare: Bucket | undefined;
  change: BucketChange | undefined;
}

// One row per bucket of either period, in the current period's order (the
// server always sends the not_stated bucket).
export function representationRows(
  current: readonly Bucket[],
  compare: readonly Bucket[] | undefined,
  changes: readonly BucketChange[] | undefined,
): RepresentationRow[] {
  const names = current.map((b) => b.bucket);
  for (const b of compare ?? []) if (!names.includes(b.bucket)) names.push(b.bucket);
  return names.map((bucket) => ({
    bucket,
    current: current.find((b) => b.bucket === bucket),
    compare: compare?.find((b) => b.bucket === bucket),
    change: changes?.find((c) => c.bucket === bucket),
  }));
}
