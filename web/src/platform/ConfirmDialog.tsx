// A modal confirmation for actions that cannot be undone (merge, erase,
// revoke). Uses the native <dialog>, which traps focus and closes on Escape.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from './i18n';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  danger?: boolean;
  children?: ComponentChildren;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const { open, onCancel } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const cancel = (event: Event) => {
      event.preventDefault();
      onCancel();
    };
    dialog.addEventListener('cancel', cancel);
    return () => dialog.removeEventListener('cancel', cancel);
  }, [onCancel]);

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="confirm-title" data-testid="confirm-dialog">
      {open && (
        <>
          <h2 id="confirm-title">{props.title}</h2>
          {props.children}
          <div class="actions">
            <button
              type="button"
              class={`button button--primary${props.danger ? ' button--danger' : ''}`}
              disabled={props.busy}
              onClick={props.onConfirm}
              data-testid="confirm-yes"
            >
              {props.confirmLabel}
            </button>
            <button type="button" class="button" onClick={onCancel} data-testid="confirm-no">
              {t('common.cancel')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
