// The progress report for a window: choose the window and the wording's language (both kept in
// the address), preview the report as the server renders it, download it in every format (the
// PDF, the HTML, each table's CSV, each figure's CSV, SVG and PNG), and read or, as an officer,
// change its wording. Without a window in the address the page opens on the server's suggested
// one (the latest 12 months with activity).

import { useEffect, useRef, useState } from 'preact/hooks';
import { withQuery } from '../../../platform/api';
import { ErrorBox } from '../../../platform/ErrorBox';
import { formatDate, formatDateTime } from '../../../platform/format';
import { Loaded, Loading } from '../../../platform/forms';
import { LANGUAGES, useI18n, type MessageKey } from '../../../platform/i18n';
import { usePageTitle } from '../../../platform/page';
import { navigate, useSearchParams } from '../../../platform/router';
import { useLoad } from '../../../platform/useLoad';
import { getReport, getSuggestedWindow } from '../api';
import { WindowForm } from '../components/WindowForm';
import { WordingEditor } from '../components/WordingEditor';
import { downloads, reportUrl, windowFromQuery, windowHasEvents, type DownloadGroup } from '../rules';
import { WORDING_LANGUAGES, type ReportModel, type ReportWindow } from '../types';
import '../reports.css';

const PATH = '/reports/progress';

function pageHref(window: ReportWindow, language: string): string {
  return withQuery(PATH, { since: window.since, until: window.until, language: language === 'en' ? '' : language });
}

function wordingLanguage(value: string | null): string {
  return value && (WORDING_LANGUAGES as readonly string[]).includes(value) ? value : 'en';
}

export default function ProgressReportPage() {
  const { t } = useI18n();
  usePageTitle(t('reports.progress.title'));
  const params = useSearchParams();
  const window = windowFromQuery(params);
  const language = wordingLanguage(params.get('language'));
  const [draftLanguage, setDraftLanguage] = useState(language);
  useEffect(() => setDraftLanguage(language), [language]);

  return (
    <section class="page page--wide">
      <h1>{t('reports.progress.title')}</h1>
      <p>{t('reports.progress.intro')}</p>
      <WindowForm idPrefix="report" window={window} onSubmit={(w) => navigate(pageHref(w, draftLanguage))}>
        <div class="field">
          <label for="report-language">{t('reports.progress.language')}</label>
          <select id="report-language" value={draftLanguage} onChange={(e) => setDraftLanguage(e.currentTarget.value)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
      </WindowForm>
      {window ? <Report window={window} language={language} /> : <Suggest language={language} />}
    </section>
  );
}

// No window in the address: ask the server which to show, and put it in the address.
function Suggest({ language }: { language: string }) {
  const load = useLoad((signal) => getSuggestedWindow(signal), []);
  useEffect(() => {
    if (load.data) navigate(pageHref(load.data, language), { replace: true });
  }, [load.data]);
  if (load.state.kind === 'failed') return <ErrorBox error={load.state.error} onRetry={load.reload} />;
  return <Loading />;
}

function Report({ window, language }: { window: ReportWindow; language: string }) {
  const { t, lang } = useI18n();
  const [revision, setRevision] = useState(0);
  const model = useLoad((signal) => getReport(window, language, signal), [window.since, window.until, language, revision]);
  return (
    <Loaded load={model}>
      {(data) => (
        <>
          <p class="report-window-note" data-testid="report-window">
            <strong>{t('reports.window.showing', { since: formatDate(data.window.since, lang), until: formatDate(data.window.until, lang) })}</strong>{' '}
            {t('reports.progress.generated', { time: formatDateTime(data.generated_at, lang) })}
          </p>
          {windowHasEvents(data.values) === false && (
            <p class="report-empty" role="status" data-testid="report-no-events">
              {t('reports.progress.noEvents')}
            </p>
          )}
          <h2 id="report-downloads">{t('reports.progress.downloads')}</h2>
          <Downloads groups={downloads(data, data.window, language)} />
          <h2 id="report-preview">{t('reports.progress.preview')}</h2>
          <Preview key={revision} src={reportUrl('html', data.window, language)} model={data} />
          <h2 id="report-wording">{t('reports.progress.wording')}</h2>
          <WordingEditor language={language} onSaved={() => setRevision((n) => n + 1)} />
        </>
      )}
    </Loaded>
  );
}

const FORMAT_LABEL: Record<string, MessageKey> = {
  pdf: 'reports.format.pdf',
  html: 'reports.format.html',
  csv: 'reports.format.csv',
  svg: 'reports.format.svg',
  png: 'reports.format.png',
};

function Downloads({ groups }: { groups: DownloadGroup[] }) {
  const { t } = useI18n();
  const title = (g: DownloadGroup) => {
    if (g.kind === 'report') return t('reports.progress.wholeReport');
    const label = t(g.kind === 'table' ? 'reports.table' : 'reports.figure', { number: g.number });
    return `${label}: ${g.caption}`;
  };
  const short = (g: DownloadGroup) =>
    g.kind === 'report' ? t('reports.progress.wholeReport') : t(g.kind === 'table' ? 'reports.table' : 'reports.figure', { number: g.number });
  return (
    <ul class="report-downloads" data-testid="report-downloads">
      {groups.map((g) => (
        <li key={`${g.kind}-${g.number}`} data-kind={g.kind} data-number={g.number}>
          <span class="report-downloads__what">{title(g)}</span>
          <span class="report-downloads__files">
            {g.files.map((f) => (
              <a
                key={f.format}
                class="button"
                href={f.href}
                download={f.name}
                data-format={f.format}
                data-testid="report-download"
                aria-label={t('reports.download.partAs', { part: short(g), format: f.format.toUpperCase() })}
                title={f.name}
              >
                {t(FORMAT_LABEL[f.format]!)}
              </a>
            ))}
          </span>
        </li>
      ))}
    </ul>
  );
}

// The report's standalone HTML, from the server, in a frame of this origin that may run nothing;
// the frame grows to the report's height.
function Preview({ src, model }: { src: string; model: ReportModel }) {
  const { t } = useI18n();
  const frame = useRef<HTMLIFrameElement>(null);
  const fit = () => {
    const el = frame.current;
    const doc = el?.contentDocument;
    if (el && doc?.documentElement) el.style.blockSize = `${doc.documentElement.scrollHeight + 2}px`;
  };
  useEffect(() => {
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);
  return (
    <iframe
      ref={frame}
      class="report-preview"
      src={src}
      title={t('reports.progress.previewTitle', { title: model.document.title })}
      sandbox="allow-same-origin"
      onLoad={fit}
      data-testid="report-preview"
    />
  );
}
