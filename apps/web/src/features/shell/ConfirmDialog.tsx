import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** For what cannot be undone: the confirm button says so by its style, and Cancel takes the focus. */
  destructive?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

/**
 * A modal confirmation on the native <dialog>: the browser traps the focus, closes it with
 * Escape and gives the focus back to the button that opened it.
 */
export function ConfirmDialog(props: Props) {
  const { open, title, children, confirmLabel, cancelLabel, destructive, busy, onConfirm, onCancel, testId } = props;
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      (destructive ? cancel : confirm).current?.focus();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open, destructive]);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid={testId}
      onCancel={(e) => {
        // Escape: let React state close it, so `open` stays the single source of truth.
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      <div className="actions dialog__actions">
        <button
          ref={confirm}
          type="button"
          className={destructive ? 'button button--danger' : 'button button--primary'}
          aria-disabled={busy}
          data-testid={testId && `${testId}-confirm`}
          onClick={() => !busy && onConfirm()}
        >
          {confirmLabel}
        </button>
        <button ref={cancel} type="button" className="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
