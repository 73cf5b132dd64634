// Request and response shapes of the registry API (src/modules/registry/api.cc, json.cc).

import type { CellError } from '../../platform/CellErrors';

export const REGIONS = ['AFR', 'AMS', 'ARB', 'ASP', 'CIS', 'EUR'] as const;
export const CLASSES = ['ldc', 'lldc', 'sids', 'developing', 'developed'] as const;
export type CountryClass = (typeof CLASSES)[number];
export const ORGANIZATION_KINDS = [
  'member_state_administration',
  'sector_member',
  'associate',
  'academia',
  'sme',
  'international_organization',
  'other',
] as const;
export const SME_SIZES = ['micro', 'small', 'medium'] as const;
export const GENDERS = ['female', 'male', 'other', 'not_stated'] as const;
export const IMPORT_KINDS = ['organizations', 'people', 'positions'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Country {
  iso2: string;
  iso3: string;
  name: string;
  name_fr: string;
  region: string;
}

// A country's classes on one date.
export interface Classification {
  iso2: string;
  on: string;
  ldc: boolean;
  lldc: boolean;
  sids: boolean;
  developing: boolean;
  developed: boolean;
  region: string;
}

// A stretch of time a country held a class. since/until as written (a year,
// a month or a date); *_effective are full dates. null since: start not
// recorded; null until: still holds. On until_effective the class no longer holds.
export interface ClassPeriod {
  id: number;
  class: CountryClass;
  since: string | null;
  until: string | null;
  since_effective: string | null;
  until_effective: string | null;
  source: string;
}

// GET /api/countries: {items, total, limit, offset, on}
export interface CountryListItem extends Country {
  classification: Classification;
}

export interface CountryPage extends Page<CountryListItem> {
  on: string;
}

// GET /api/countries/{iso2}
export interface CountryDetail extends Country {
  classification: Classification;
  history: ClassPeriod[];
}

// POST /api/countries/{iso2}/class-changes
export interface ClassChange {
  class: CountryClass;
  change: 'enter' | 'leave';
  date: string;
  source: string;
}

export interface Organization {
  id: number;
  kind: string;
  name: string;
  country: string | null;
  member_since: string | null;
  member_until: string | null;
  sme_size: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganizationInput {
  kind: string;
  name: string;
  country: string | null;
  member_since: string | null;
  member_until: string | null;
  sme_size: string | null;
}

export interface Person {
  id: number;
  display_name: string;
  given_name: string | null;
  family_name: string | null;
  full_name: string | null;
  transliteration: string | null;
  email: string | null;
  country: string | null;
  organization_id: number | null;
  organization_name: string | null;
  organization_kind: string | null;
  gender: string;
  languages: string[];
  user_id: number | null;
  merged_into: number | null;
  erased: boolean;
  erased_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonInput {
  given_name: string | null;
  family_name: string | null;
  full_name: string | null;
  transliteration: string | null;
  email: string | null;
  country: string | null;
  organization_id: number | null;
  gender: string;
  languages: string[];
  user_id: number | null;
}

export interface PersonFilter {
  q?: string;
  country?: string;
  organization_id?: number;
  gender?: string;
  include_merged?: boolean;
  sort?: string;
  limit?: number;
  offset?: number;
}

// POST /api/imports/{kind}
export interface ImportReport {
  ok: boolean;
  dry_run: boolean;
  rows: number;
  imported: number;
  errors: CellError[];
}
