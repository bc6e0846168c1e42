// The `accept` rules of a file input (MIME types, wildcards, extensions), applied to dropped
// and pasted files too, which the browser does not filter.

/** Normalises an accept value ('image/*, .svg' or a list) to lower-case entries. */
export function acceptList(accept: string | string[] | undefined): string[] {
  const list = typeof accept === 'string' ? accept.split(',') : (accept ?? []);
  return list.map((entry) => entry.trim().toLowerCase()).filter(Boolean);
}

/** Whether a file matches one of the accept entries (the same rules as `<input accept>`). */
export function accepts(file: File, list: string[]): boolean {
  if (list.length === 0) return true;
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return list.some((entry) => {
    if (entry.startsWith('.')) return name.endsWith(entry);
    if (entry.endsWith('/*')) return type.startsWith(entry.slice(0, -1));
    return type === entry;
  });
}
