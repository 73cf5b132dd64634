// Calls to the registry API: countries and their classes, organizations,
// people, imports.

import { api, isApiError, withQuery } from '../../platform/api';
import type {
  ClassChange,
  ClassPeriod,
  CountryDetail,
  CountryPage,
  ImportKind,
  ImportReport,
  Organization,
  OrganizationInput,
  Page,
  Person,
  PersonFilter,
  PersonInput,
} from './types';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function listCountries(
  filter: { region?: string; class?: string; on?: string },
  signal?: AbortSignal,
): Promise<CountryPage> {
  return api.get<CountryPage>(withQuery('/api/countries', { ...filter, limit: 500 }), opts(signal));
}

// Every country (for pickers), fetched once per page load.
let allCountries: Promise<CountryPage> | undefined;
export function countryChoices(): Promise<CountryPage> {
  allCountries ??= listCountries({}).catch((error: unknown) => {
    allCountries = undefined;
    throw error;
  });
  return allCountries;
}

export function getCountry(iso2: string, signal?: AbortSignal): Promise<CountryDetail> {
  return api.get<CountryDetail>(`/api/countries/${encodeURIComponent(iso2)}`, opts(signal));
}

export function addClassChange(iso2: string, change: ClassChange): Promise<{ iso2: string; history: ClassPeriod[] }> {
  return api.post(`/api/countries/${encodeURIComponent(iso2)}/class-changes`, change);
}

export function listOrganizations(
  filter: { q?: string; kind?: string; country?: string; sort?: string; limit?: number; offset?: number },
  signal?: AbortSignal,
): Promise<Page<Organization>> {
  return api.get<Page<Organization>>(withQuery('/api/organizations', { ...filter }), opts(signal));
}

export function getOrganization(id: number | string, signal?: AbortSignal): Promise<Organization> {
  return api.get<Organization>(`/api/organizations/${encodeURIComponent(String(id))}`, opts(signal));
}

export function saveOrganization(id: number | undefined, input: OrganizationInput): Promise<Organization> {
  return id === undefined
    ? api.post<Organization>('/api/organizations', input)
    : api.put<Organization>(`/api/organizations/${id}`, input);
}

export function deleteOrganization(id: number): Promise<void> {
  return api.delete<void>(`/api/organizations/${id}`);
}

export function listPeople(filter: PersonFilter, signal?: AbortSignal): Promise<Page<Person>> {
  return api.get<Page<Person>>(withQuery('/api/people', { ...filter }), opts(signal));
}

export function getPerson(id: number | string, signal?: AbortSignal): Promise<Person> {
  return api.get<Person>(`/api/people/${encodeURIComponent(String(id))}`, opts(signal));
}

export function savePerson(id: number | undefined, input: PersonInput): Promise<Person> {
  return id === undefined ? api.post<Person>('/api/people', input) : api.put<Person>(`/api/people/${id}`, input);
}

// Merges person `from` into `into` (the survivor); answers the survivor.
export function mergePeople(from: number, into: number): Promise<Person> {
  return api.post<Person>(`/api/people/${from}/merge`, { into });
}

export function erasePerson(id: number): Promise<Person> {
  return api.post<Person>(`/api/people/${id}/erase`);
}

export function personExportHref(id: number): string {
  return `/api/people/${id}/export`;
}

export function exportHref(kind: ImportKind, format: 'csv' | 'xlsx' = 'csv'): string {
  return withQuery(`/api/exports/${kind}`, { format });
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The Content-Type the server reads the file as, from its name.
export function contentTypeFor(fileName: string): string | undefined {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.txt')) return 'text/csv';
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  return undefined;
}

export function isImportReport(value: unknown): value is ImportReport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ImportReport>;
  return typeof v.ok === 'boolean' && typeof v.rows === 'number' && Array.isArray(v.errors);
}

// POST /api/imports/{kind}[?dry_run=true] with the file as the body. A file
// with bad rows is refused with 422 and the same report; it is returned as a
// report, not thrown.
export async function importFile(kind: ImportKind, file: Blob, type: string, dryRun: boolean): Promise<ImportReport> {
  const path = withQuery(`/api/imports/${kind}`, { dry_run: dryRun ? 'true' : undefined });
  try {
    return await api.request<ImportReport>(path, { method: 'POST', body: file, headers: { 'Content-Type': type } });
  } catch (error) {
    if (isApiError(error) && error.status === 422 && isImportReport(error.body)) return error.body;
    throw error;
  }
}
