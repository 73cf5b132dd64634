// Request and response shapes of the identity API (src/modules/identity/api.cc).

import type { SessionUser } from '../../platform/session';

// GET /api/users/{id}, and the user in every answer about users.
export interface User extends SessionUser {
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

// POST /api/session
export interface SignInAnswer {
  user: User;
  csrf_token: string;
}

// GET /api/users
export interface UserFilter {
  q?: string;
  role?: string;
  disabled?: boolean;
  limit?: number;
  offset?: number;
}

export interface UserPage {
  users: User[];
  total: number;
  limit: number;
  offset: number;
}

// POST /api/users
export interface NewUser {
  email: string;
  display_name?: string;
  language?: string;
  roles: string[];
  country?: string | null;
  password?: string;
}

// PATCH /api/users/{id}
export interface UserChange {
  display_name?: string;
  language?: string;
  roles?: string[];
  country?: string | null;
  disabled?: boolean;
}

export type TokenScope = 'read' | 'write' | 'metrics';

// GET /api/tokens
export interface ApiToken {
  token_id: number;
  user_id: number;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

// POST /api/tokens: the secret is in this answer only.
export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface NewApiToken {
  name: string;
  scopes: TokenScope[];
  expires_in_days?: number;
}

// GET /api/audit
export interface AuditFilter {
  record?: string;
  by?: number | string;
  since?: string;
  until?: string;
  limit?: number;
  cursor?: number;
}

export interface AuditEvent {
  event_id: number;
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  remote_address: string;
  request_id: string;
  record_type: string;
  record_id: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  events: AuditEvent[];
  next_cursor: number | null;
}

// GET /api/outbox
export interface OutboxMessage {
  message_id: number;
  kind: string;
  to: string;
  subject: string;
  body: string;
  created_at: string;
}

export interface OutboxPage {
  messages: OutboxMessage[];
  next_cursor: number | null;
}
