// The secretariat: a module's attachments (slides, readings), listed with their type and size,
// uploaded one file at a time (PDF, PNG, JPEG, DOCX, XLSX, PPTX or plain text, at most 10 MiB;
// the server checks the content against the type) and deleted after a confirmation. The list
// changes as soon as the server answers.

import { useState } from 'preact/hooks';
import { isApiError } from '../../../platform/api';
import { ConfirmDialog } from '../../../platform/ConfirmDialog';
import { ErrorBox } from '../../../platform/ErrorBox';
import { describeError } from '../../../platform/errors';
import { describedBy, Field, Notice } from '../../../platform/forms';
import { useI18n } from '../../../platform/i18n';
import { deleteAttachment, uploadAttachment } from '../api';
import { ATTACHMENT_ACCEPT, attachmentType, MAX_ATTACHMENT_BYTES } from '../authoring';
import type { Attachment } from '../types';
import { AttachmentList } from './AttachmentList';

export function AttachmentsPanel({
  courseId,
  moduleId,
  attachments,
  onChange,
}: {
  courseId: number;
  moduleId: number;
  attachments: Attachment[];
  onChange: (attachments: Attachment[]) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [file, setFile] = useState<File | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [removing, setRemoving] = useState<Attachment | undefined>(undefined);
  const [removeError, setRemoveError] = useState<unknown>(undefined);
  const [formKey, setFormKey] = useState(0);
  const id = `attachment-file-${moduleId}`;
  const hint = t('course.attachments.hint');

  const upload = async (event: Event) => {
    event.preventDefault();
    setDone(undefined);
    if (!file) {
      setProblem(t('course.attachments.chooseFile'));
      return;
    }
    const type = attachmentType(file);
    if (!type) {
      setProblem(t('course.attachments.badType'));
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setProblem(t('course.attachments.tooLarge'));
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      const added = await uploadAttachment(courseId, moduleId, file, file.name, type);
      onChange([...attachments, added]);
      setDone(t('course.attachments.uploaded', { name: added.file_name }));
      setFile(undefined);
      setFormKey((n) => n + 1); // empties the file field
    } catch (error) {
      if (isApiError(error) && error.status === 413) setProblem(t('course.attachments.tooLarge'));
      else if (isApiError(error) && error.status === 415) setProblem(t('course.attachments.badContent'));
      else setProblem(describeError(error, i18n).message);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    setRemoveError(undefined);
    try {
      await deleteAttachment(courseId, moduleId, removing.attachment_id);
      onChange(attachments.filter((a) => a.attachment_id !== removing.attachment_id));
      setDone(t('course.attachments.deleted', { name: removing.file_name }));
      setRemoving(undefined);
    } catch (error) {
      setRemoveError(error);
      setRemoving(undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="attachments-panel" aria-labelledby={`attachments-title-${moduleId}`} data-testid="attachments-panel">
      <h4 id={`attachments-title-${moduleId}`}>{t('course.attachments.title')}</h4>
      {attachments.length === 0 ? (
        <p class="muted" data-testid="attachments-none">
          {t('course.attachments.none')}
        </p>
      ) : (
        <AttachmentList
          attachments={attachments}
          action={(a) => (
            <button
              type="button"
              class="button button--danger"
              onClick={() => setRemoving(a)}
              aria-label={t('course.attachments.deleteNamed', { name: a.file_name })}
              data-testid="attachment-delete"
            >
              {t('common.delete')}
            </button>
          )}
        />
      )}
      {done && <Notice testId="attachments-notice">{done}</Notice>}
      {removeError !== undefined && <ErrorBox error={removeError} />}
      <form class="form attachments-panel__form" onSubmit={upload} noValidate key={formKey}>
        <Field id={id} label={t('course.attachments.file')} hint={hint} error={problem}>
          <input
            id={id}
            type="file"
            accept={ATTACHMENT_ACCEPT}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0]);
              setProblem(undefined);
              setDone(undefined);
            }}
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby={describedBy(id, hint, problem)}
            data-testid="attachment-file"
          />
        </Field>
        <div class="actions">
          <button type="submit" class="button" disabled={busy} data-testid="attachment-upload">
            {busy ? t('course.attachments.uploading') : t('course.attachments.upload')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={removing !== undefined}
        title={t('course.attachments.confirmTitle')}
        confirmLabel={t('common.delete')}
        danger
        busy={busy}
        onCancel={() => setRemoving(undefined)}
        onConfirm={() => void remove()}
      >
        <p>{t('course.attachments.confirmText', { name: removing?.file_name ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
