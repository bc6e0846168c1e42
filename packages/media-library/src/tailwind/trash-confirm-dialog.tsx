// The confirmation a destructive Trash action waits for, in a native modal <dialog> (the page
// behind is inert): what will go for good, Cancel first, then the action.
import { useEffect, useRef } from 'react';
import type { UseDialogResult, UseTrashResult } from '../react/index';
import { dangerButton, muted, secondaryButton } from './classes';

/** Props of {@link TrashConfirmDialog}. */
export interface TrashConfirmDialogProps {
  trash: UseTrashResult;
  dialog: UseDialogResult;
}

/** Asks before deleting for good; Escape or Cancel keeps everything. */
export function TrashConfirmDialog({ trash, dialog }: TrashConfirmDialogProps) {
  const element = useRef<HTMLDialogElement | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const { ref, ...dialogProps } = dialog.getDialogProps();
  useEffect(() => {
    const node = element.current;
    if (node && !node.open) node.showModal();
    // The safe choice has the focus, so Enter alone deletes nothing.
    cancel.current?.focus();
  }, []);
  const waiting = trash.confirming;
  if (!waiting) return null;
  const count = waiting.ids.length;
  const what = `${count.toLocaleString()} asset${count === 1 ? '' : 's'}`;
  const messageId = `${dialog.dialogId}-message`;
  return (
    <dialog
      {...dialogProps}
      ref={(node) => {
        element.current = node;
        ref(node);
      }}
      role="alertdialog"
      aria-describedby={messageId}
      onCancel={(event) => {
        event.preventDefault();
        dialog.close();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-4 text-zinc-900 backdrop:bg-black/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h3 {...dialog.getTitleProps()} className="text-base font-semibold">
        {waiting.action === 'empty' ? 'Empty the Trash?' : 'Delete for good?'}
      </h3>
      <p id={messageId} className={`mt-1 text-sm ${muted}`}>
        {waiting.action === 'empty'
          ? `The ${what} in the Trash will be deleted for good, with their files. This cannot be undone.`
          : `${what} will be deleted for good, with ${count === 1 ? 'its file' : 'their files'}. This cannot be undone.`}
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <button ref={cancel} type="button" className={secondaryButton} onClick={dialog.close}>
          Cancel
        </button>
        <button type="button" className={dangerButton} onClick={() => void trash.confirm()}>
          {waiting.action === 'empty' ? 'Empty Trash' : 'Delete forever'}
        </button>
      </div>
    </dialog>
  );
}
