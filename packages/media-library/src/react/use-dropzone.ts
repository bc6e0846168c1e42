// Headless dropzone: drop, click or keyboard to pick, and paste, as prop getters with data-*
// state. No styles: the UI layer decides how "drag-over" looks.
import {
  type ChangeEvent,
  type DragEvent,
  type HTMLAttributes,
  type KeyboardEvent,
  type MouseEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { acceptList, accepts } from './accept-files';
import type {
  DropzoneInputProps,
  DropzoneRootProps,
  UseDropzoneOptions,
  UseDropzoneResult,
} from './dropzone-types';

export type {
  DropzoneInputProps,
  DropzoneRootProps,
  UseDropzoneOptions,
  UseDropzoneResult,
} from './dropzone-types';

/** Runs the caller's handler first; ours is skipped when it called preventDefault. */
function chain<E extends { defaultPrevented: boolean }>(
  theirs: ((event: E) => void) | undefined,
  ours: (event: E) => void,
) {
  return (event: E) => {
    theirs?.(event);
    if (!event.defaultPrevented) ours(event);
  };
}

/**
 * Drop, click-to-pick, keyboard (Enter/Space) and optional document paste, all ending in
 * `onFiles`. The root gets `data-state="idle|drag-over"` and `data-disabled`.
 *
 * @example
 * const { getRootProps, getInputProps } = useDropzone({ onFiles: importFiles, accept: 'image/*' });
 * <div {...getRootProps()}><input {...getInputProps()} />Drop images here</div>
 */
export function useDropzone(options: UseDropzoneOptions): UseDropzoneResult {
  const { accept, multiple = true, disabled = false, paste = false } = options;
  const [isDragActive, setDragActive] = useState(false);
  const inputRef = useRef<HTMLInputElement | null>(null);
  // Nested children fire dragenter/dragleave pairs; a counter tells when the pointer left.
  const dragDepth = useRef(0);
  const latest = useRef(options);
  latest.current = options;

  const deliver = useCallback((files: Iterable<File>) => {
    const { accept: current, multiple: many = true, onFiles } = latest.current;
    const list = acceptList(current);
    const accepted = [...files].filter((file) => accepts(file, list));
    const taken = many ? accepted : accepted.slice(0, 1);
    if (taken.length > 0) onFiles(taken);
  }, []);

  const open = useCallback(() => {
    if (!latest.current.disabled) inputRef.current?.click();
  }, []);

  useEffect(() => {
    if (!paste || disabled) return;
    const onPaste = (event: ClipboardEvent) => {
      const files = event.clipboardData?.files;
      if (!files || files.length === 0) return;
      event.preventDefault();
      deliver(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [paste, disabled, deliver]);

  useEffect(() => {
    if (disabled) {
      dragDepth.current = 0;
      setDragActive(false);
    }
  }, [disabled]);

  const getRootProps = (props?: HTMLAttributes<HTMLElement>): DropzoneRootProps => ({
    ...props,
    role: 'button',
    tabIndex: disabled ? -1 : 0,
    'aria-disabled': disabled || undefined,
    'data-state': isDragActive ? 'drag-over' : 'idle',
    ...(disabled ? { 'data-disabled': '' as const } : {}),
    onClick: chain(props?.onClick, (event: MouseEvent<HTMLElement>) => {
      // The input's own click bubbles up here; opening again would loop.
      if (event.target !== inputRef.current) open();
    }),
    onKeyDown: chain(props?.onKeyDown, (event: KeyboardEvent<HTMLElement>) => {
      if (event.target !== event.currentTarget) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open();
      }
    }),
    onDragEnter: chain(props?.onDragEnter, (event: DragEvent<HTMLElement>) => {
      event.preventDefault();
      if (disabled) return;
      dragDepth.current++;
      setDragActive(true);
    }),
    onDragOver: chain(props?.onDragOver, (event: DragEvent<HTMLElement>) => {
      // Without preventDefault here the browser refuses the drop.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    }),
    onDragLeave: chain(props?.onDragLeave, (event: DragEvent<HTMLElement>) => {
      event.preventDefault();
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) setDragActive(false);
    }),
    onDrop: chain(props?.onDrop, (event: DragEvent<HTMLElement>) => {
      event.preventDefault();
      dragDepth.current = 0;
      setDragActive(false);
      if (!disabled && event.dataTransfer?.files) deliver(event.dataTransfer.files);
    }),
  });

  const getInputProps = (): DropzoneInputProps => ({
    ref: inputRef,
    type: 'file',
    hidden: true,
    tabIndex: -1,
    multiple,
    disabled,
    accept: acceptList(accept).join(',') || undefined,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const input = event.currentTarget;
      if (input.files) deliver(input.files);
      // Reset so picking the same file again still fires a change.
      input.value = '';
    },
    // Clicks on the input must not reach the root and re-open the picker.
    onClick: (event: MouseEvent<HTMLInputElement>) => event.stopPropagation(),
  });

  return { getRootProps, getInputProps, open, isDragActive };
}
