// Request and response shapes of the groups API (src/modules/groups/api.cc, rules.cc).

export const GROUP_KINDS = ['study_group', 'tsag', 'regional_group'] as const;
export const POSITION_ROLES = ['chair', 'vice_chair', 'wp_chair', 'rapporteur', 'associate_rapporteur'] as const;
// The breakdowns of the representation table, in display order.
export const BREAKDOWNS = ['development', 'ldc', 'region', 'gender'] as const;
export type BreakdownName = (typeof BREAKDOWNS)[number];
export const NOT_STATED = 'not_stated';

export interface StudyPeriod {
  id: number;
  code: string; // "2017-2020"
  start_date: string;
  end_date: string;
  note: string;
}

export interface Group {
  id: number;
  period: string;
  kind: string;
  code: string; // "SG13", "TSAG", "SG13RG-AFR"
  sg_number: number | null;
  parent_id: number | null;
  region: string | null;
  title: string;
  source: string;
}

export interface GroupDetail extends Group {
  regional_groups: Group[];
}

export interface Position {
  id: number;
  group_id: number;
  group: string;
  period: string;
  person_id: number;
  person_name: string | null;
  role: string;
  country: string | null;
  start_date: string;
  end_date: string | null;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Bucket {
  bucket: string;
  count: number;
  share: number; // 0..1
}

export interface PeriodRepresentation {
  period: { code: string; start_date: string; end_date: string };
  seats: number;
  breakdowns: Record<string, Bucket[]>;
  by_role: Record<string, { seats: number; development: Bucket[] }>;
}

export interface BucketChange {
  bucket: string;
  count_change: number;
  share_change_points: number;
}

// GET /api/groups/representation?period=&compare=
export interface Representation {
  basis: string;
  period: PeriodRepresentation;
  compare: PeriodRepresentation | null;
  changes: Record<string, BucketChange[]> | null;
}
