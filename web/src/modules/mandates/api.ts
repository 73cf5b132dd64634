// Calls to the mandates API: the resolutions behind the programme, the action
// plan's programmes and the BSG pillars.

import { api } from '../../platform/api';
import type { Mandates } from './types';

export function getMandates(signal?: AbortSignal): Promise<Mandates> {
  return api.get<Mandates>('/api/mandates', signal ? { signal } : {});
}
