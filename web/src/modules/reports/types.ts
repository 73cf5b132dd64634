// Request and response shapes of the reports API (src/modules/reports/json.h, api.cc).

// The six languages the report's wording may be written in (?language=).
export const WORDING_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type WordingLanguage = (typeof WORDING_LANGUAGES)[number];

// A reporting window: both ends inclusive, "YYYY-MM-DD".
export interface ReportWindow {
  since: string;
  until: string;
}

// Why a dashboard shows its window (GET /api/reports/dashboard, /api/reports/suggested-window).
export type WindowBasis = 'requested' | 'recent_activity' | 'latest_held_event' | 'no_held_events';

export interface SuggestedWindow extends ReportWindow {
  basis: WindowBasis;
  // The last day of the most recent held event up to today; null when none was held.
  latest_held_end: string | null;
}

export type ValueKind = 'count' | 'share' | 'text' | 'date';

// One live value of a report, with where it comes from.
export interface LiveValue {
  kind: ValueKind;
  // True when the value is not known (never shown as zero).
  missing: boolean;
  // The server's English wording of the value ("750", "22%", "1 September 2019").
  display: string;
  provenance: string;
  value: number | null;
  text: string | null;
}

export type Values = Record<string, LiveValue>;

export interface Run {
  text: string;
  provenance?: string;
  source?: number;
  bold?: boolean;
  italic?: boolean;
}

export interface ChartSeries {
  name: string;
  values: Array<number | null>;
  provenance: string;
}

export interface Chart {
  kind: 'bar' | 'grouped_bar' | 'stacked_bar' | 'stacked_percent' | 'line' | 'world_map';
  title: string;
  category_label: string;
  value_label: string;
  value_suffix: string;
  categories: string[];
  series: ChartSeries[];
}

export interface TableCell {
  text: string;
  provenance?: string;
  source?: number;
}

export interface TableBlock {
  type: 'table';
  number: number;
  id: string;
  caption: string;
  columns: Array<{ header: string; align: 'start' | 'center' | 'end' }>;
  rows: TableCell[][];
  footnotes: string[];
  total_rows: number;
}

export interface FigureBlock {
  type: 'figure';
  number: number;
  id: string;
  caption: string;
  provenance: string;
  source?: number;
  notes: string[];
  chart: Chart;
}

export type Block =
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'list'; numbered: boolean; items: Run[][] }
  | TableBlock
  | FigureBlock;

export interface Section {
  id: string;
  number: string;
  title: string;
  blocks: Block[];
  subsections: Section[];
}

// A numbered table or figure of a report, as listed for downloads.
export interface PartRef {
  number: number;
  id: string;
  caption: string;
}

// GET /api/reports/progress (format json): the report model.
export interface ReportModel {
  report: string;
  window: ReportWindow;
  language: string;
  generated_at: string;
  document: {
    title: string;
    subtitle: string;
    meta: string[];
    language: string;
    direction: 'ltr' | 'rtl';
    sections: Section[];
  };
  values: Values;
  tables: PartRef[];
  figures: PartRef[];
  sources: string[];
}

// GET /api/reports/dashboard
export interface Dashboard {
  window: SuggestedWindow;
  generated_at: string;
  values: Values;
  figures: FigureBlock[];
  tables: TableBlock[];
}

// One editable piece of the report's wording (GET /api/reports/progress/templates).
export interface Template {
  key: string;
  // The section provider it belongs to ("programme3.training"; "report" for the whole document).
  section: string;
  description: string;
  default: string;
  // The wording in force: the officers' when overridden, else the default.
  text: string;
  overridden: boolean;
  updated_by: number | null;
  updated_at: string | null;
  // The values this template may use, as {key}.
  placeholders: string[];
}

export interface TemplateValue {
  key: string;
  kind: ValueKind;
  description: string;
}

export interface Templates {
  report: string;
  language: string;
  filters: string[];
  values: TemplateValue[];
  templates: Template[];
}

// PUT /api/reports/progress/templates: text null restores the default.
export interface TemplateChange {
  key: string;
  text: string | null;
}

export interface TemplatesInput {
  language: string;
  templates: TemplateChange[];
}

export type DownloadFormat = 'pdf' | 'html' | 'csv' | 'svg' | 'png';
