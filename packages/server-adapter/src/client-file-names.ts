// File names for what the browser client hands the library: from a response's
// Content-Disposition, a URL's last segment, or a generated image's model and seed. Kept out of
// client.ts so they stay internal to the client entry.

/** The file name in a `Content-Disposition` header (`filename*` first), when it has one. */
export function fileNameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return safeName(decodeURIComponent(extended[1].trim()));
    } catch {
      // A malformed escape: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  return safeName((plain?.[1] ?? plain?.[2] ?? '').trim());
}

/** The last path segment of `url`, decoded, as a file name. */
export function fileNameFromUrl(url: string): string {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '';
    return safeName(decodeURIComponent(segment)) ?? 'download';
  } catch {
    return 'download';
  }
}

/** Path separators and control characters out: a name, never a path. */
function safeName(name: string): string | undefined {
  const cleaned = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are removed.
    .replace(/[\u0000-\u001f\u007f/\\]+/g, '-')
    .replace(/^\.+/, '')
    .trim();
  return cleaned === '' ? undefined : cleaned.slice(0, 200);
}

/** `ai-<model>-<seed>.<ext>`, file-name safe. */
export function generatedFileName(
  model: string | undefined,
  seed: number | undefined,
  mediaType: string,
  index = 0,
): string {
  const ext =
    { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }[mediaType] ??
    (mediaType.split('/')[1] || 'bin');
  const slug = (model ?? 'image').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  const tail = seed !== undefined ? String(seed) : `${Date.now()}-${index}`;
  return `ai-${slug}-${tail}.${ext}`;
}
