// A module's attachments as download links, each with its kind (PDF, image, slides...) and
// size in the reader's language. The module reader shows it to learners; the secretariat's
// editor adds a delete button to each.

import type { ComponentChildren } from 'preact';
import { useI18n } from '../../../platform/i18n';
import { attachmentKind, formatBytes } from '../authoring';
import type { Attachment } from '../types';

export function AttachmentList({
  attachments,
  action,
}: {
  attachments: readonly Attachment[];
  action?: (attachment: Attachment) => ComponentChildren;
}) {
  const { t, tDynamic, lang } = useI18n();
  return (
    <ul class="attachment-list" data-testid="attachment-list">
      {attachments.map((a) => (
        <li key={a.attachment_id} class="attachment-list__item" data-testid="attachment" data-attachment-id={a.attachment_id}>
          <span class="attachment-list__body">
            <a href={a.url} download={a.file_name} data-testid="attachment-link">
              <bdi>{a.file_name}</bdi>
            </a>
            <span class="muted" data-testid="attachment-facts">
              {' · '}
              {tDynamic(`course.attachments.kind.${attachmentKind(a.content_type)}`)}
              {' · '}
              <bdi>{formatBytes(a.size_bytes, lang)}</bdi>
            </span>
            <span class="visually-hidden"> ({t('course.attachments.download')})</span>
          </span>
          {action?.(a)}
        </li>
      ))}
    </ul>
  );
}
