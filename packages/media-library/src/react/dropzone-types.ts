// The public types of the headless dropzone (options, prop bags, result), kept apart from the
// hook so that both stay short. Types only.
import type { HTMLAttributes, InputHTMLAttributes, RefObject } from 'react';

/** Options of `useDropzone`. */
export interface UseDropzoneOptions {
  /** Called with the accepted files of a drop, pick or paste (never with an empty list). */
  onFiles(files: File[]): void;
  /** MIME types ('image/png'), wildcards ('image/*') or extensions ('.svg'). Default: any. */
  accept?: string | string[];
  /** Accept several files at once. Default true; when false only the first file is taken. */
  multiple?: boolean;
  /** Ignore drops, clicks, keys and pastes. */
  disabled?: boolean;
  /** Also take files pasted anywhere in the document. Default false. */
  paste?: boolean;
}

/** Props for the dropzone's root element, with its state as data attributes. */
export type DropzoneRootProps = HTMLAttributes<HTMLElement> & {
  'data-state': 'idle' | 'drag-over';
  'data-disabled'?: '';
};

/** Props for the dropzone's hidden file input. */
export type DropzoneInputProps = InputHTMLAttributes<HTMLInputElement> & {
  ref: RefObject<HTMLInputElement | null>;
};

/** What `useDropzone` returns. */
export interface UseDropzoneResult {
  /**
   * Props for the drop target (focusable, role="button"); spread onto any element. Handlers
   * passed in run first; one that calls `preventDefault()` skips the dropzone's own.
   */
  getRootProps(props?: HTMLAttributes<HTMLElement>): DropzoneRootProps;
  /** Props for a hidden `<input type="file">`, rendered inside or next to the root. */
  getInputProps(): DropzoneInputProps;
  /** Opens the file picker. */
  open(): void;
  /** True while files are dragged over the root. */
  isDragActive: boolean;
}
