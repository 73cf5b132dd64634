// A country's class history as a horizontal timeline: one row per class, a bar
// per period (a dashed start when the start is not recorded, an open end while
// it still holds), decade ticks, and the list of dated changes below.
// Built with logical CSS properties, so time runs right to left in Arabic.

import { formatDate, todayIso } from '../../../platform/format';
import { useI18n } from '../../../platform/i18n';
import { classEvents, classesIn, timelineBars, timelineRange } from '../rules';
import type { ClassPeriod } from '../types';

export function ClassTimeline({ history }: { history: readonly ClassPeriod[] }) {
  const { t, tDynamic, lang } = useI18n();
  const today = todayIso();
  const range = timelineRange(history, today);
  const bars = timelineBars(history, range, today);
  const classes = classesIn(history);
  const events = classEvents(history);
  const span = (p: ClassPeriod) =>
    `${p.since ? formatDate(p.since, lang) : t('registry.timeline.notRecorded')} – ${
      p.until ? formatDate(p.until, lang) : t('registry.timeline.now')
    }`;
  const percent = (tick: number) => ((Date.UTC(tick, 0, 1) - range.start) / (range.end - range.start)) * 100;

  return (
    <div class="timeline" data-testid="class-timeline">
      {classes.length === 0 ? (
        <p>{t('registry.timeline.none')}</p>
      ) : (
        <div class="timeline__chart" role="list">
          {classes.map((cls) => (
            <div class="timeline__row" role="listitem" key={cls} data-testid={`timeline-row-${cls}`}>
              <span class="timeline__label">{tDynamic(`registry.class.${cls}`)}</span>
              <div class="timeline__track">
                {bars
                  .filter((b) => b.period.class === cls)
                  .map((b) => (
                    <span
                      key={b.period.id}
                      class={`timeline__bar timeline__bar--${cls}${b.openStart ? ' timeline__bar--open-start' : ''}${
                        b.ongoing ? ' timeline__bar--ongoing' : ''
                      }`}
                      style={{ insetInlineStart: `${b.from}%`, inlineSize: `${b.width}%` }}
                      title={`${tDynamic(`registry.class.${cls}`)}: ${span(b.period)}`}
                    >
                      <span class="visually-hidden">{span(b.period)}</span>
                    </span>
                  ))}
              </div>
            </div>
          ))}
          <div class="timeline__row timeline__row--axis" aria-hidden="true">
            <span />
            <div class="timeline__axis">
              {range.ticks.map((year) => (
                <span key={year} class="timeline__tick" style={{ insetInlineStart: `${percent(year)}%` }}>
                  {year}
                </span>
              ))}
            </div>
          </div>
        </div>
      )}
      <h3>{t('registry.timeline.changes')}</h3>
      {events.length === 0 ? (
        <p>{t('registry.timeline.noChanges')}</p>
      ) : (
        <ol class="timeline__events" data-testid="class-events">
          {events.map((e) => (
            <li key={`${e.class}-${e.change}-${e.effective}`} data-class={e.class} data-change={e.change}>
              <time dateTime={e.effective}>{formatDate(e.date, lang)}</time>:{' '}
              {e.change === 'enter'
                ? t('registry.timeline.entered', { class: tDynamic(`registry.class.${e.class}`) })
                : e.class === 'ldc'
                  ? t('registry.timeline.graduated')
                  : t('registry.timeline.left', { class: tDynamic(`registry.class.${e.class}`) })}
            </li>
          ))}
        </ol>
      )}
      {history.some((p) => !p.since) && <p class="muted">{t('registry.timeline.openStartHint')}</p>}
    </div>
  );
}
