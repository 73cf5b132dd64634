// Calls to the events API: events, the calendar, registrations and attendance, participant
// imports, the statistics and their figures (SVG drawn by the server's chart kit), and the
// iCalendar files.

import { api, isApiError, withQuery, type QueryValue } from '../../platform/api';
import type {
  AttendanceOutcome,
  AttendanceSource,
  CalendarMonth,
  EventDetail,
  EventInput,
  EventList,
  EventRecord,
  Geography,
  ImportReport,
  ParticipationMode,
  Participation,
  Registration,
  RegistrationList,
  TrainingOutcomes,
  Window,
} from './types';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export type Query = Record<string, QueryValue>;

export function listEvents(query: Query, signal?: AbortSignal): Promise<EventList> {
  return api.get<EventList>(withQuery('/api/events', query), opts(signal));
}

export function getCalendar(query: Query, signal?: AbortSignal): Promise<CalendarMonth> {
  return api.get<CalendarMonth>(withQuery('/api/events/calendar', query), opts(signal));
}

export function getEvent(id: number | string, signal?: AbortSignal): Promise<EventDetail> {
  return api.get<EventDetail>(`/api/events/${encodeURIComponent(String(id))}`, opts(signal));
}

export function saveEvent(id: number | undefined, input: EventInput): Promise<EventRecord> {
  return id === undefined ? api.post<EventRecord>('/api/events', input) : api.patch<EventRecord>(`/api/events/${id}`, input);
}

export function listRegistrations(eventId: number, status: string, signal?: AbortSignal): Promise<RegistrationList> {
  return api.get<RegistrationList>(withQuery(`/api/events/${eventId}/registrations`, { status }), opts(signal));
}

export function register(eventId: number, mode: ParticipationMode): Promise<Registration> {
  return api.post<Registration>(`/api/events/${eventId}/registrations`, { mode, role: 'delegate' });
}

export function getRegistration(eventId: number, rid: number, signal?: AbortSignal): Promise<Registration> {
  return api.get<Registration>(`/api/events/${eventId}/registrations/${rid}`, opts(signal));
}

export type RegistrationAction = 'cancel' | 'approve' | 'no-show';

export function changeRegistration(eventId: number, rid: number, action: RegistrationAction): Promise<Registration> {
  return api.post<Registration>(`/api/events/${eventId}/registrations/${rid}/${action}`);
}

export function recordAttendance(
  eventId: number,
  rid: number,
  body: { day: string; mode: ParticipationMode; source: AttendanceSource },
): Promise<AttendanceOutcome> {
  return api.post<AttendanceOutcome>(`/api/events/${eventId}/registrations/${rid}/attendance`, body);
}

export function removeAttendance(eventId: number, rid: number, day: string): Promise<Registration> {
  return api.delete<Registration>(`/api/events/${eventId}/registrations/${rid}/attendance/${encodeURIComponent(day)}`);
}

function isImportReport(value: unknown): value is ImportReport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ImportReport>;
  return typeof v.ok === 'boolean' && typeof v.rows === 'number' && Array.isArray(v.errors);
}

// POST /api/events/{id}/participants/import with the file as the body. A file with bad rows is
// refused with 422 and the same report: it is returned as a report, not thrown.
export async function importParticipants(
  eventId: number,
  file: Blob,
  type: string,
  options: { dryRun: boolean; createMissing: boolean },
): Promise<ImportReport> {
  const path = withQuery(`/api/events/${eventId}/participants/import`, {
    dry_run: options.dryRun ? 'true' : undefined,
    create_missing: options.createMissing ? 'true' : undefined,
  });
  try {
    return await api.request<ImportReport>(path, { method: 'POST', body: file, headers: { 'Content-Type': type } });
  } catch (error) {
    if (isApiError(error) && error.status === 422 && isImportReport(error.body)) return error.body;
    throw error;
  }
}

const windowQuery = (w: Window): Query => ({ since: w.since, until: w.until });

export function getTrainingOutcomes(w: Window, signal?: AbortSignal): Promise<TrainingOutcomes> {
  return api.get<TrainingOutcomes>(withQuery('/api/events/training-outcomes', windowQuery(w)), opts(signal));
}

export function getGeography(w: Window, kind: string, signal?: AbortSignal): Promise<Geography> {
  return api.get<Geography>(withQuery('/api/events/geography', { ...windowQuery(w), kind }), opts(signal));
}

export function getParticipation(w: Window, signal?: AbortSignal): Promise<Participation> {
  return api.get<Participation>(withQuery('/api/events/participation', windowQuery(w)), opts(signal));
}

// The figures, drawn by the server with the chart kit, as the progress report draws them.
export function mapSvgHref(w: Window, kind: string, language: string): string {
  return withQuery('/api/events/map.svg', { ...windowQuery(w), kind, language });
}

export function trainingSvgHref(w: Window, language: string): string {
  return withQuery('/api/events/training-outcomes.svg', { ...windowQuery(w), language });
}

export function participationSvgHref(w: Window, language: string): string {
  return withQuery('/api/events/participation.svg', { ...windowQuery(w), language });
}

// The iCalendar feed of the events the filters select, and one event's file.
export function feedHref(query: Query): string {
  return withQuery('/api/events.ics', query);
}

export function eventIcsHref(id: number): string {
  return `/api/events/${id}.ics`;
}

// GET /api/events/{id}/participants: the participant list as a file (officers).
export function participantsHref(id: number, format: 'csv' | 'xlsx'): string {
  return `/api/events/${id}/participants?format=${format}`;
}
