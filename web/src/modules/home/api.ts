// Calls to the platform-level endpoints shown on the home page.

import { api, isApiError } from '../../platform/api';
import type { Health } from './types';

function looksLikeHealth(value: unknown): value is Health {
  return typeof value === 'object' && value !== null && typeof (value as Health).status === 'string';
}

// GET /api/health. The server answers 503 with the same body when it is
// degraded; that body is returned like a 200 one.
export async function getHealth(signal?: AbortSignal): Promise<Health> {
  try {
    return await api.get<Health>('/api/health', signal ? { signal } : {});
  } catch (error) {
    if (isApiError(error) && error.status === 503 && looksLikeHealth(error.body)) return error.body;
    throw error;
  }
}
