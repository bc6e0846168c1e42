// A dialog's behaviour without its looks: open and closed state (kept here or by the host),
// prop getters that name and link the trigger and the dialog, Escape to close, and the focus
// handed back to whatever opened it.
import {
  type KeyboardEvent,
  type MouseEvent,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { isEditableTarget } from './grid-target-index';

/** Options of {@link useDialog}. */
export interface UseDialogOptions {
  /** Whether it is open, when the host keeps that state. */
  open?: boolean;
  /** Whether it starts open when the hook keeps the state. Default false. */
  defaultOpen?: boolean;
  onOpenChange?(open: boolean): void;
  /** Escape pressed inside the dialog closes it. Default true. */
  closeOnEscape?: boolean;
  /**
   * Gives the focus back to the element that opened the dialog when it closes, if the focus
   * was left inside the dialog or on nothing. Default true; false where a dialog component
   * returns the focus itself.
   */
  returnFocus?: boolean;
  /** Where the focus goes when the opener is gone (a virtualised row re-created, say). */
  fallbackFocus?(): HTMLElement | null | undefined;
  /** Whether the dialog is modal (`aria-modal`). Default true. */
  modal?: boolean;
}

/** Props for the element that opens the dialog. */
export interface DialogTriggerProps {
  'aria-haspopup': 'dialog';
  'aria-expanded': boolean;
  'aria-controls'?: string;
  'data-state': 'open' | 'closed';
  onClick(event: MouseEvent<HTMLElement>): void;
}

/** Props for the dialog element. */
export interface DialogProps {
  id: string;
  ref(element: HTMLElement | null): void;
  role: 'dialog';
  'aria-modal'?: true;
  'aria-labelledby': string;
  tabIndex: -1;
  'data-state': 'open' | 'closed';
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
}

/** What {@link useDialog} returns. */
export interface UseDialogResult {
  open: boolean;
  /** Opens it; the element focused now (or `opener`) gets the focus back on close. */
  show(opener?: HTMLElement | null): void;
  close(): void;
  toggle(): void;
  dialogId: string;
  titleId: string;
  getTriggerProps(): DialogTriggerProps;
  getDialogProps(): DialogProps;
  /** Props for the dialog's heading, which names it. */
  getTitleProps(): { id: string };
}

/**
 * Open/close state and accessible wiring for a dialog, with no markup. Spread
 * `getTriggerProps()` on the button that opens it and `getDialogProps()` on the dialog;
 * Escape inside it closes it (not while typing in a field, and not when something inside
 * handled the key first), and the opener gets the focus back.
 *
 * @example
 * const dialog = useDialog();
 * <button {...dialog.getTriggerProps()}>Details</button>
 * {dialog.open && (
 *   <section {...dialog.getDialogProps()}>
 *     <h2 {...dialog.getTitleProps()}>Details</h2>
 *     <button onClick={dialog.close}>Close</button>
 *   </section>
 * )}
 */
export function useDialog(options: UseDialogOptions = {}): UseDialogResult {
  const { closeOnEscape = true, returnFocus = true, modal = true } = options;
  const [own, setOwn] = useState(options.defaultOpen ?? false);
  const open = options.open ?? own;
  const base = useId();
  const dialogId = `${base}dialog`;
  const titleId = `${base}title`;
  const element = useRef<HTMLElement | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const latest = useRef(options);
  latest.current = options;

  const setOpen = useCallback((next: boolean) => {
    if (latest.current.open === undefined) setOwn(next);
    latest.current.onOpenChange?.(next);
  }, []);
  const show = useCallback(
    (from?: HTMLElement | null) => {
      const active = from ?? (document.activeElement as HTMLElement | null);
      // Opened again from inside itself (another asset shown in the details): keep the opener.
      if (active && !element.current?.contains(active) && active !== document.body)
        opener.current = active;
      setOpen(true);
    },
    [setOpen],
  );
  const close = useCallback(() => setOpen(false), [setOpen]);

  const wasOpen = useRef(open);
  useEffect(() => {
    const closed = wasOpen.current && !open;
    wasOpen.current = open;
    if (!closed || !returnFocus) return;
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected;
    if (!lost && !element.current?.contains(active)) return;
    const target = opener.current?.isConnected ? opener.current : latest.current.fallbackFocus?.();
    target?.focus();
  }, [open, returnFocus]);

  return {
    open,
    show,
    close,
    toggle: () => (open ? close() : show()),
    dialogId,
    titleId,
    getTriggerProps: () => ({
      'aria-haspopup': 'dialog',
      'aria-expanded': open,
      // Only while it exists: a reference to nothing is an error to assistive technology.
      ...(open ? { 'aria-controls': dialogId } : {}),
      'data-state': open ? 'open' : 'closed',
      onClick: (event) => (open ? close() : show(event.currentTarget)),
    }),
    getDialogProps: () => ({
      id: dialogId,
      ref: (node) => {
        element.current = node;
      },
      role: 'dialog',
      ...(modal ? { 'aria-modal': true as const } : {}),
      'aria-labelledby': titleId,
      tabIndex: -1,
      'data-state': open ? 'open' : 'closed',
      onKeyDown: (event) => {
        if (!closeOnEscape || event.key !== 'Escape' || event.defaultPrevented) return;
        const target = event.target as HTMLElement;
        // A field keeps its own Escape (clearing a search, closing a combobox), and so does a
        // menu portalled out of the dialog, whose keys reach it through React only.
        if (isEditableTarget(target) || !event.currentTarget.contains(target)) return;
        event.preventDefault();
        close();
      },
    }),
    getTitleProps: () => ({ id: titleId }),
  };
}
