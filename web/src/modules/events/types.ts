// Request and response shapes of the events API (src/modules/events/json.cc, stats.cc, api.cc).

import type { CellError } from '../../platform/CellErrors';

export const EVENT_KINDS = [
  'study_group_meeting',
  'working_party_meeting',
  'regional_group_meeting',
  'tsag',
  'regional_standardization_forum',
  'workshop',
  'bsg_training',
  'other_forum',
] as const;
export const EVENT_MODES = ['in_person', 'virtual', 'hybrid'] as const;
export const EVENT_STATUSES = ['planned', 'confirmed', 'held', 'postponed', 'cancelled'] as const;
export const DATE_PRECISIONS = ['day', 'month'] as const;
export const PARTICIPATION_MODES = ['in_person', 'remote'] as const;
export const REGISTRATION_ROLES = ['delegate', 'speaker', 'trainer', 'chair'] as const;
export const REGISTRATION_STATUSES = ['registered', 'approved', 'attended', 'no_show', 'cancelled', 'waitlisted'] as const;
export const REGIONS = ['AFR', 'AMS', 'ARB', 'ASP', 'CIS', 'EUR'] as const;
export const NOT_STATED = 'not_stated';

export type EventKind = (typeof EVENT_KINDS)[number];
export type EventMode = (typeof EVENT_MODES)[number];
export type EventStatus = (typeof EVENT_STATUSES)[number];
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
export type ParticipationMode = (typeof PARTICIPATION_MODES)[number];
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export type AttendanceSource = 'checkin' | 'remote_join';

// The short form in calendars and lists of collocated events.
export interface EventSummary {
  id: number;
  kind: EventKind;
  title: string;
  start_date: string; // YYYY-MM-DD, in the venue's time zone
  end_date: string; // inclusive
  date_precision: DatePrecision;
  dates_label: string; // English, "20-21 October 2019"
  city: string | null;
  country: string | null; // ISO 3166-1 alpha-2
  mode: EventMode;
  status: EventStatus;
}

export interface RemoteDetails {
  link: string | null; // only for those allowed to see it
  dial_in: string | null;
  interpretation_languages: string[];
  link_public: boolean;
  link_visible: boolean;
  has_link: boolean;
}

export interface EventRecord extends EventSummary {
  code: string | null;
  description: string;
  time_zone: string; // IANA
  start_time: string | null; // HH:MM local
  end_time: string | null;
  country_name: string | null;
  region: string | null;
  virtual: boolean;
  host: string;
  group_ids: number[];
  group_names: string[];
  topics: string[];
  parent_id: number | null;
  programme: number | null;
  pillar: string | null;
  remote: RemoteDetails;
  requires_endorsement: boolean;
  capacity_in_person: number | null;
  capacity_remote: number | null;
  taken_in_person: number;
  taken_remote: number;
  free_in_person: number | null;
  free_remote: number | null;
  sequence: number;
  created_at: string;
  updated_at: string;
}

// GET /api/events/{id}
export interface EventDetail extends EventRecord {
  collocated: EventSummary[];
  parent: EventSummary | null;
  my_registration: Registration | null;
}

// GET /api/events
export interface EventList {
  events: EventRecord[];
  count: number;
}

// GET /api/events/calendar?month=YYYY-MM
export interface CalendarMonth {
  month: string;
  events: EventSummary[];
  days: Array<{ date: string; event_ids: number[] }>;
  month_precision_event_ids: number[];
}

export interface Attendance {
  id: number;
  registration_id: number;
  day: string;
  mode: ParticipationMode;
  source: AttendanceSource;
  recorded_by: number | null;
  recorded_at: string;
}

export interface RegistrationPerson {
  id: number;
  full_name: string;
  country: string | null;
  organization_id: number | null;
  email: string | null;
}

export interface Registration {
  id: number;
  event_id: number;
  person_id: number;
  mode: ParticipationMode;
  role: string;
  status: RegistrationStatus;
  waitlist_position: number | null;
  approved_by: number | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
  // In registration lists and details.
  person?: RegistrationPerson | null;
  attendance?: Attendance[];
}

export interface RegistrationList {
  registrations: Registration[];
  count: number;
}

// POST .../attendance
export interface AttendanceOutcome {
  attendance: Attendance;
  registration: Registration;
  created: boolean;
}

// POST /api/events/{id}/participants/import
export interface ImportReport {
  ok: boolean;
  dry_run: boolean;
  rows: number;
  people_matched: number;
  people_created: number;
  organizations_created: number;
  registrations_created: number;
  registrations_existing: number;
  attendance_days: number;
  errors: CellError[];
}

// The body of POST /api/events and PATCH /api/events/{id}. Numbers the reader typed badly are
// sent as text, so that the server names the field.
export interface EventInput {
  kind: string;
  title: string;
  description: string;
  start_date: string;
  end_date: string;
  date_precision: string;
  time_zone: string;
  start_time: string | null;
  end_time: string | null;
  city: string | null;
  country: string | null;
  host: string;
  mode: string;
  status: string;
  group_ids: number[];
  topics: string[];
  parent_id: number | string | null;
  programme: number | null;
  pillar: string | null;
  remote: {
    link: string | null;
    dial_in: string | null;
    interpretation_languages: string[];
    link_public: boolean;
  };
  requires_endorsement: boolean;
  capacity_in_person: number | string | null;
  capacity_remote: number | string | null;
}

export interface Window {
  since: string | null;
  until: string | null;
}

// A breakdown of people: counts per bucket (not_stated always present) and shares over the
// known buckets (null when nothing is known).
export interface Breakdown {
  counts: Record<string, number>;
  known: number;
  total: number;
  share_of_known: Record<string, number | null>;
}

export interface TrainingFigures {
  delegates_trained: number;
  countries: number;
  organizations: number;
  trainings: number;
  development: Breakdown;
  ldc: Breakdown;
  gender: Breakdown;
  region: Breakdown;
  organization: Breakdown;
}

// GET /api/events/training-outcomes
export interface TrainingOutcomes {
  window: Window;
  total: TrainingFigures;
  by_year: Array<TrainingFigures & { year: number }>;
  provenance: { computed_at: string; definition: string; event_ids: number[] };
}

export interface GeoCount {
  held: number;
  planned: number;
  cancelled: number;
  event_ids: number[];
}

// GET /api/events/geography
export interface Geography {
  window: Window;
  kind: string | null;
  countries: Array<GeoCount & { iso2: string; name: string; region: string }>;
  regions: Record<string, GeoCount>;
  total: GeoCount;
  provenance: { computed_at: string; definition: string };
}

export interface EventParticipation {
  event_id: number;
  title: string;
  kind: EventKind;
  start_date: string;
  mode: EventMode;
  registered_in_person: number;
  registered_remote: number;
  attended_in_person: number;
  attended_remote: number;
  attended: number;
}

// GET /api/events/participation
export interface Participation {
  window: Window;
  events: EventParticipation[];
  months: Array<{ month: string; in_person: number; remote: number }>;
  attended_in_person: number;
  attended_remote: number;
  provenance: { computed_at: string; definition: string };
}
