// Calls to the reports API: the progress report model, the dashboard, the suggested window and
// the report's wording.

import { api, withQuery } from '../../platform/api';
import { reportUrl } from './rules';
import type { Dashboard, ReportModel, ReportWindow, SuggestedWindow, TemplateChange, Templates } from './types';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function getReport(window: ReportWindow, language: string, signal?: AbortSignal): Promise<ReportModel> {
  return api.get<ReportModel>(reportUrl('json', window, language), opts(signal));
}

// Without a window, the server's suggested one (the response says which and why).
export function getDashboard(window: ReportWindow | undefined, language: string, signal?: AbortSignal): Promise<Dashboard> {
  return api.get<Dashboard>(withQuery('/api/reports/dashboard', { ...window, language }), opts(signal));
}

export function getSuggestedWindow(signal?: AbortSignal): Promise<SuggestedWindow> {
  return api.get<SuggestedWindow>('/api/reports/suggested-window', opts(signal));
}

export function getTemplates(language: string, signal?: AbortSignal): Promise<Templates> {
  return api.get<Templates>(withQuery('/api/reports/progress/templates', { language }), opts(signal));
}

// All or nothing; answers the wording in force afterwards.
export function saveTemplates(language: string, templates: TemplateChange[]): Promise<Templates> {
  return api.put<Templates>('/api/reports/progress/templates', { language, templates });
}
