// Calls to the identity API: sessions, the caller's account, users, API
// tokens, the audit history and the outbox.

import { api, withQuery } from '../../platform/api';
import type {
  ApiToken,
  AuditFilter,
  AuditPage,
  CreatedApiToken,
  NewApiToken,
  NewUser,
  OutboxPage,
  SignInAnswer,
  User,
  UserChange,
  UserFilter,
  UserPage,
} from './types';

type Signal = { signal?: AbortSignal };
const opts = (signal?: AbortSignal): Signal => (signal ? { signal } : {});

export function signIn(email: string, password: string): Promise<SignInAnswer> {
  return api.post<SignInAnswer>('/api/session', { email, password });
}

export function signOut(): Promise<void> {
  return api.delete<void>('/api/session');
}

export function updateMe(change: { display_name?: string; language?: string }): Promise<User> {
  return api.patch<User>('/api/me', change);
}

export function changePassword(current_password: string, new_password: string): Promise<void> {
  return api.put<void>('/api/me/password', { current_password, new_password });
}

export function requestPasswordReset(email: string): Promise<{ message: string }> {
  return api.post<{ message: string }>('/api/password-reset', { email });
}

export function confirmPasswordReset(token: string, new_password: string): Promise<void> {
  return api.post<void>('/api/password-reset/confirm', { token, new_password });
}

export function listUsers(filter: UserFilter, signal?: AbortSignal): Promise<UserPage> {
  return api.get<UserPage>(withQuery('/api/users', { ...filter }), opts(signal));
}

export function getUser(id: number | string, signal?: AbortSignal): Promise<User> {
  return api.get<User>(`/api/users/${encodeURIComponent(String(id))}`, opts(signal));
}

export function createUser(user: NewUser): Promise<User> {
  return api.post<User>('/api/users', user);
}

export function updateUser(id: number, change: UserChange): Promise<User> {
  return api.patch<User>(`/api/users/${id}`, change);
}

export async function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  const body = await api.get<{ tokens: ApiToken[] }>('/api/tokens', opts(signal));
  return body.tokens;
}

export function createToken(token: NewApiToken): Promise<CreatedApiToken> {
  return api.post<CreatedApiToken>('/api/tokens', token);
}

export function revokeToken(id: number): Promise<void> {
  return api.delete<void>(`/api/tokens/${id}`);
}

export function listAudit(filter: AuditFilter, signal?: AbortSignal): Promise<AuditPage> {
  return api.get<AuditPage>(withQuery('/api/audit', { ...filter }), opts(signal));
}

export function listOutbox(filter: { to?: string; cursor?: number; limit?: number }, signal?: AbortSignal) {
  return api.get<OutboxPage>(withQuery('/api/outbox', { ...filter }), opts(signal));
}
