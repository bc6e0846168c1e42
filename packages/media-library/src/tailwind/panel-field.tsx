// A labelled field for the preset's panels: the label tied to its control, an optional hint and
// the error line a hook hands out (its id is what the control's aria-describedby names).
import type { ReactNode } from 'react';
import { fieldError, label as labelClass, muted } from './classes';

/** Props of {@link PanelField}. */
export interface PanelFieldProps {
  /** The field's name as a person reads it. */
  label: string;
  /** The id of the control inside. */
  htmlFor: string;
  /**
   * A line under the control, e.g. the model's limits; its id is `${htmlFor}-hint`, which the
   * control names in its aria-describedby (see {@link describedBy}).
   */
  hint?: string;
  /** The hook's error props (`id` and the message), while the field has an error. */
  error?: { id: string; children: string };
  children: ReactNode;
  className?: string;
}

/** One field: label, control, hint, error. */
export function PanelField({
  label,
  htmlFor,
  hint,
  error,
  children,
  className = '',
}: PanelFieldProps) {
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={htmlFor} className={labelClass}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${htmlFor}-hint`} className={`text-xs ${muted}`}>
          {hint}
        </p>
      )}
      {error && (
        <p id={error.id} className={fieldError}>
          {error.children}
        </p>
      )}
    </div>
  );
}

/** An aria-describedby of the given ids (a hint's, an error's), or undefined when none. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}
