// The report's wording: every template with the wording in force, its default and the values it
// may use. Anyone may read it; officers and admins edit it here, insert placeholders by clicking
// them, restore defaults, and save every change at once (all or nothing). A refused change is
// shown on its template, naming the unknown placeholders.

import { useRef, useState } from 'preact/hooks';
import { ErrorBox } from '../../../platform/ErrorBox';
import { describedBy, fieldError, Loaded, Notice } from '../../../platform/forms';
import { formatDateTime } from '../../../platform/format';
import { useI18n } from '../../../platform/i18n';
import { useSession } from '../../../platform/session';
import { useLoad } from '../../../platform/useLoad';
import { getTemplates, saveTemplates } from '../api';
import { draftText, groupTemplates, insertAt, placeholderToken, templateChanges, type Drafts } from '../rules';
import type { Template, Templates, TemplateValue } from '../types';

export interface WordingEditorProps {
  language: string;
  // After a successful save (the report now uses the new wording).
  onSaved: () => void;
}

export function WordingEditor({ language, onSaved }: WordingEditorProps) {
  const load = useLoad((signal) => getTemplates(language, signal), [language]);
  return (
    <Loaded load={load}>
      {(data) => (
        <Editor
          key={language}
          data={data}
          onSaved={(next) => {
            load.set(next);
            onSaved();
          }}
        />
      )}
    </Loaded>
  );
}

function fieldName(key: string): string {
  return `templates.${key}`;
}

function Editor({ data, onSaved }: { data: Templates; onSaved: (next: Templates) => void }) {
  const { t, tDynamic, has } = useI18n();
  const { hasRole } = useSession();
  const canEdit = hasRole('admin', 'officer');
  const [drafts, setDrafts] = useState<Drafts>({});
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState<number | undefined>(undefined);
  // The template whose values are offered for insertion: the one last focused.
  const [active, setActive] = useState<string | undefined>(undefined);
  const areas = useRef(new Map<string, HTMLTextAreaElement>());
  const values = new Map<string, TemplateValue>(data.values.map((v) => [v.key, v]));
  const changes = templateChanges(data.templates, drafts);
  const groups = groupTemplates(data.templates);

  const edit = (key: string, text: string) => {
    setDrafts((d) => ({ ...d, [key]: text }));
    setSaved(undefined);
  };

  const restore = (template: Template) => {
    setDrafts((d) => {
      const next = { ...d };
      if (template.overridden) next[template.key] = null;
      else delete next[template.key];
      return next;
    });
    setSaved(undefined);
  };

  const insert = (template: Template, key: string) => {
    const area = areas.current.get(template.key);
    const current = draftText(template, drafts);
    const start = area ? area.selectionStart : current.length;
    const end = area ? area.selectionEnd : current.length;
    const next = insertAt(current, start, end, placeholderToken(key));
    edit(template.key, next.text);
    if (area) {
      // After the re-render: keep typing where the placeholder ends.
      requestAnimationFrame(() => {
        area.focus();
        area.setSelectionRange(next.caret, next.caret);
      });
    }
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (changes.length === 0) return;
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const next = await saveTemplates(data.language, changes);
      setDrafts({});
      setSaved(changes.length);
      onSaved(next);
    } catch (e) {
      setError(e);
      // Open the sections holding the refused templates.
      const refused = data.templates.filter((tpl) => fieldError(e, fieldName(tpl.key)) !== undefined);
      if (refused.length > 0) {
        setOpen((o) => {
          const next = { ...o };
          for (const tpl of refused) next[tpl.section] = true;
          return next;
        });
      }
    } finally {
      setBusy(false);
    }
  };

  const sectionTitle = (section: string) => {
    const key = `reports.wording.section.${section}`;
    return has(key) ? tDynamic(key) : section;
  };

  return (
    <form class="wording" onSubmit={save} noValidate data-testid="wording">
      <p>{canEdit ? t('reports.wording.introEdit') : t('reports.wording.introRead')}</p>
      <p class="muted">
        {t('reports.wording.syntax', { example: '{key}', filtered: '{key|words}' })} <bdi class="wording__filters">{data.filters.join(', ')}</bdi>
      </p>
      {groups.map((group) => (
        <details
          class="panel wording__section"
          key={group.section}
          open={open[group.section] ?? false}
          onToggle={(e) => {
            const isOpen = (e.currentTarget as HTMLDetailsElement).open;
            setOpen((o) => (o[group.section] === isOpen ? o : { ...o, [group.section]: isOpen }));
          }}
          data-section={group.section}
        >
          <summary>
            {sectionTitle(group.section)}{' '}
            <span class="muted">({t('reports.wording.count', { count: group.templates.length })})</span>
          </summary>
          <SectionValues keys={group.templates[0]?.placeholders ?? []} values={values} />
          {group.templates.map((template) =>
            canEdit ? (
              <TemplateEdit
                key={template.key}
                template={template}
                text={draftText(template, drafts)}
                changed={changes.some((c) => c.key === template.key)}
                error={fieldError(error, fieldName(template.key))}
                values={values}
                active={active === template.key}
                onFocus={() => setActive(template.key)}
                onInput={(text) => edit(template.key, text)}
                onInsert={(key) => insert(template, key)}
                onRestore={() => restore(template)}
                areaRef={(el) => {
                  if (el) areas.current.set(template.key, el);
                  else areas.current.delete(template.key);
                }}
              />
            ) : (
              <TemplateRead key={template.key} template={template} />
            ),
          )}
        </details>
      ))}
      {canEdit && (
        <div class="wording__bar">
          {error !== undefined && <ErrorBox error={error} />}
          {saved !== undefined && (
            <Notice testId="wording-saved">{t('reports.wording.saved', { count: saved })}</Notice>
          )}
          <div class="actions">
            <button type="submit" class="button button--primary" disabled={busy || changes.length === 0} data-testid="wording-save">
              {t('reports.wording.save')}
            </button>
            <button
              type="button"
              class="button"
              disabled={busy || Object.keys(drafts).length === 0}
              onClick={() => {
                setDrafts({});
                setError(undefined);
              }}
            >
              {t('reports.wording.discard')}
            </button>
            <span role="status" class="muted" data-testid="wording-pending">
              {changes.length > 0 ? t('reports.wording.pending', { count: changes.length }) : ''}
            </span>
          </div>
        </div>
      )}
    </form>
  );
}

function TemplateHead({ template, htmlFor, changed }: { template: Template; htmlFor?: string; changed?: boolean }) {
  const { t, lang } = useI18n();
  const name = (
    <code>
      <bdi>{template.key}</bdi>
    </code>
  );
  return (
    <div class="template__head">
      {htmlFor ? <label for={htmlFor}>{name}</label> : name}
      <span class="muted" lang="en">
        {template.description}
      </span>
      {template.overridden && (
        <span class="badge badge--info" title={template.updated_at ? formatDateTime(template.updated_at, lang) : undefined}>
          {t('reports.wording.overridden')}
        </span>
      )}
      {changed && <span class="badge badge--warn">{t('reports.wording.unsaved')}</span>}
    </div>
  );
}

interface TemplateEditProps {
  template: Template;
  text: string;
  changed: boolean;
  error: string | undefined;
  values: Map<string, TemplateValue>;
  // Offers its values for insertion (it was focused last).
  active: boolean;
  onFocus: () => void;
  onInput: (text: string) => void;
  onInsert: (key: string) => void;
  onRestore: () => void;
  areaRef: (el: HTMLTextAreaElement | null) => void;
}

function TemplateEdit(props: TemplateEditProps) {
  const { template, text, changed, error, values, active, onFocus, onInput, onInsert, onRestore, areaRef } = props;
  const { t } = useI18n();
  const id = `template-${template.key.replace(/[^\w-]/g, '-')}`;
  const showDefault = text !== template.default;
  const hint = showDefault ? t('reports.wording.default', { text: template.default }) : undefined;
  return (
    <div class={`template${error ? ' field--invalid' : ''}`} data-testid={`template-${template.key}`} data-key={template.key}>
      <TemplateHead template={template} htmlFor={id} changed={changed} />
      <textarea
        id={id}
        ref={areaRef}
        class="template__text"
        rows={Math.min(8, Math.max(2, Math.ceil(text.length / 90)))}
        value={text}
        dir="auto"
        onInput={(e) => onInput(e.currentTarget.value)}
        onFocus={onFocus}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      {error && (
        <p class="field__error" id={`${id}-error`} data-testid="template-error">
          {error}
        </p>
      )}
      {hint && (
        <p class="field__hint template__default" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {active && template.placeholders.length > 0 && (
        <div class="template__placeholders" role="group" aria-label={t('reports.wording.insert')}>
          <span class="muted">{t('reports.wording.insert')}:</span>
          {template.placeholders.map((key) => (
            <button
              type="button"
              class="chip"
              key={key}
              title={values.get(key)?.description}
              aria-label={t('reports.wording.insertOne', { placeholder: placeholderToken(key) })}
              onClick={() => onInsert(key)}
            >
              <bdi>{placeholderToken(key)}</bdi>
            </button>
          ))}
        </div>
      )}
      {(template.overridden || text !== template.default) && (
        <button type="button" class="button template__restore" onClick={onRestore} data-testid="template-restore">
          {t('reports.wording.restore')}
        </button>
      )}
    </div>
  );
}

function TemplateRead({ template }: { template: Template }) {
  const { t } = useI18n();
  return (
    <div class="template" data-testid={`template-${template.key}`} data-key={template.key}>
      <TemplateHead template={template} />
      <p class="template__wording" dir="auto">
        {template.text}
      </p>
      {template.overridden && <p class="field__hint">{t('reports.wording.default', { text: template.default })}</p>}
    </div>
  );
}

// The values a section's templates may use, with what each means (the same for all of them).
function SectionValues({ keys, values }: { keys: readonly string[]; values: Map<string, TemplateValue> }) {
  const { t } = useI18n();
  if (keys.length === 0) return null;
  return (
    <details class="wording__values">
      <summary>{t('reports.wording.mayUse')}</summary>
      <dl>
        {keys.map((key) => (
          <div key={key}>
            <dt>
              <code>
                <bdi>{placeholderToken(key)}</bdi>
              </code>
            </dt>
            <dd lang="en">{values.get(key)?.description ?? ''}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
