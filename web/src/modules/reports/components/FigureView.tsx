// One figure of the report as the server draws it (its SVG), with its caption, notes, the
// provenance of its numbers, its data as a table, and its downloads.

import { useI18n } from '../../../platform/i18n';
import { formatNumber } from '../../../platform/format';
import { fileStem, reportUrl } from '../rules';
import type { Chart, FigureBlock, ReportWindow } from '../types';
import { Provenance } from './Provenance';

function regionNames(lang: string): Intl.DisplayNames | undefined {
  try {
    return new Intl.DisplayNames([lang, 'en'], { type: 'region' });
  } catch {
    return undefined;
  }
}

// A category as a reader knows it: a map's categories are ISO country codes.
function categoryLabel(chart: Chart, category: string, names: Intl.DisplayNames | undefined): string {
  if (chart.kind !== 'world_map' || !/^[A-Z]{2}$/.test(category)) return category;
  return names?.of(category) ?? category;
}

export function FigureView({ figure, window, language }: { figure: FigureBlock; window: ReportWindow; language: string }) {
  const { t, lang } = useI18n();
  const chart = figure.chart;
  const names = regionNames(lang);
  const label = t('reports.figure', { number: figure.number });
  const stem = fileStem(window);
  const files = (['svg', 'png', 'csv'] as const).map((format) => ({
    format,
    href: reportUrl(format, window, language, { figure: figure.number }),
    name: `${stem}_figure-${figure.number}.${format}`,
  }));
  return (
    <figure class="report-figure" data-testid={`figure-${figure.id}`} data-kind={chart.kind}>
      <img class="report-figure__image" src={files[0]!.href} alt={figure.caption} />
      <figcaption>
        <span class="report-figure__number">{label}:</span> {figure.caption}
      </figcaption>
      {figure.notes.map((note) => (
        <p class="muted report-figure__note" key={note}>
          {note}
        </p>
      ))}
      <p class="report-figure__meta">
        <Provenance provenance={figure.provenance}>{t('reports.source')}</Provenance>
        <span class="report-figure__downloads">
          {files.map((f) => (
            <a
              key={f.format}
              href={f.href}
              download={f.name}
              data-format={f.format}
              aria-label={t('reports.download.partAs', { part: label, format: f.format.toUpperCase() })}
            >
              {f.format.toUpperCase()}
            </a>
          ))}
        </span>
      </p>
      <details class="report-figure__data">
        <summary>{t('reports.figureData')}</summary>
        <div class="table-wrap">
          <table class="table table--numbers">
            <caption class="visually-hidden">
              {label}: {figure.caption}
            </caption>
            <thead>
              <tr>
                <th scope="col">{chart.category_label}</th>
                {chart.series.map((s) => (
                  <th scope="col" key={s.name}>
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chart.categories.map((category, i) => (
                <tr key={category}>
                  <th scope="row">{categoryLabel(chart, category, names)}</th>
                  {chart.series.map((s) => {
                    const v = s.values[i];
                    return (
                      <td class="num" key={s.name}>
                        {v === null || v === undefined ? t('reports.noData') : formatNumber(v, lang)}
                        {v !== null && v !== undefined && chart.value_suffix}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
