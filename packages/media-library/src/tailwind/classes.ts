// The preset's look in one place: Tailwind v4 utility classes, written out whole so a host's
// `@source` scan of the built package finds every one. Colours meet WCAG AA in both schemes;
// `dark:` follows the host's dark variant (the system setting unless the host redefines it).

/** Focus ring every interactive element shares. */
export const focusRing =
  'outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-offset-2 focus-visible:ring-offset-white dark:focus-visible:ring-indigo-400 dark:focus-visible:ring-offset-zinc-900';

/** The main action of a view. */
export const primaryButton = `inline-flex items-center justify-center gap-2 rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-indigo-400 dark:text-zinc-950 dark:hover:bg-indigo-300 ${focusRing}`;

/** Every other action. */
export const secondaryButton = `inline-flex items-center justify-center gap-2 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-900 hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700 ${focusRing}`;

/** A destructive action (delete, empty). */
export const dangerButton = `inline-flex items-center justify-center gap-2 rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-red-500 dark:text-zinc-950 dark:hover:bg-red-400 ${focusRing}`;

/** A small text-only action inside a line of text. */
export const linkButton = `rounded-sm text-sm font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300 ${focusRing}`;

/** Text inputs, selects and text areas. */
export const input = `block w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-500 aria-[invalid=true]:border-red-600 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400 dark:aria-[invalid=true]:border-red-400 ${focusRing}`;

/** A field's label. */
export const label = 'block text-sm font-medium text-zinc-900 dark:text-zinc-100';

/** A field's error line. */
export const fieldError = 'mt-1 text-xs text-red-700 dark:text-red-300';

/** Secondary text: at least 4.5:1 on the surface in both schemes. */
export const muted = 'text-zinc-600 dark:text-zinc-300';

/** A panel or card on the page. */
export const surface =
  'rounded-lg border border-zinc-200 bg-white text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100';

/** A removable filter chip or a tag. */
export const chip =
  'inline-flex items-center gap-1 rounded-full border border-zinc-300 bg-zinc-100 px-2.5 py-0.5 text-xs font-medium text-zinc-900 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100';

/** A small secondary action inside a line of text or a list row. */
export const compactButton = `inline-flex items-center justify-center gap-1 rounded border border-zinc-300 bg-white px-2 py-0.5 text-xs font-medium text-zinc-900 hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700 ${focusRing}`;

/** An alert's box: a failure said in words. */
export const alertBox =
  'rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100';

/** A square button holding one symbol (close, previous, next, zoom); name it with aria-label. */
export const iconButton = `inline-flex size-9 flex-none items-center justify-center rounded-md border border-zinc-300 bg-white text-lg leading-none text-zinc-900 hover:bg-zinc-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100 dark:hover:bg-zinc-700 ${focusRing}`;

/** An input or select sized by its content or its own width class, inline in a toolbar. */
export const inlineInput = `rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-500 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-400 ${focusRing}`;
