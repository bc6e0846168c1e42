// A native modal <dialog> driven by useDialog: the browser makes the page behind inert and
// keeps the focus inside; the hook holds open/closed, names the dialog by its title and gives
// the focus back to the opener.
import { type ReactNode, useEffect, useRef } from 'react';
import type { UseDialogResult } from '../react/index';
import { secondaryButton } from './classes';

/** Props of {@link ModalSheet}. */
export interface ModalSheetProps {
  /** The `useDialog()` that opens and closes it. */
  dialog: UseDialogResult;
  title: string;
  /** 'center' for a form, 'start' for a drawer from the left edge. Default 'center'. */
  placement?: 'center' | 'start';
  children: ReactNode;
}

/** A titled modal with a Close button; its content mounts only while it is open. */
export function ModalSheet({ dialog, title, placement = 'center', children }: ModalSheetProps) {
  const element = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    if (dialog.open && !node.open) node.showModal();
    if (!dialog.open && node.open) node.close();
  }, [dialog.open]);
  const { ref, role: _role, tabIndex: _tabIndex, ...props } = dialog.getDialogProps();
  return (
    <dialog
      ref={(node) => {
        element.current = node;
        ref(node);
      }}
      {...props}
      // Escape is the hook's, which also hands the focus back; the browser must not close alone.
      onCancel={(event) => {
        event.preventDefault();
        dialog.close();
      }}
      className={
        placement === 'start'
          ? 'fixed inset-y-0 left-0 m-0 h-dvh max-h-none w-[min(20rem,88vw)] overflow-y-auto border-r border-zinc-200 bg-white p-0 text-zinc-900 backdrop:bg-black/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100'
          : 'm-auto max-h-[90dvh] w-[min(40rem,94vw)] overflow-y-auto rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 backdrop:bg-black/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100'
      }
    >
      {dialog.open && (
        <>
          <header className="flex items-center justify-between gap-2 border-b border-zinc-200 px-4 py-2 dark:border-zinc-700">
            <h2 {...dialog.getTitleProps()} className="text-base font-semibold">
              {title}
            </h2>
            <button
              type="button"
              className={`${secondaryButton} min-h-8`}
              aria-label={`Close ${title.toLowerCase()}`}
              onClick={dialog.close}
            >
              Close
            </button>
          </header>
          <div className="p-4">{children}</div>
        </>
      )}
    </dialog>
  );
}
