// Object URLs of the previews a generation shows while its images render: the latest one per
// image, each URL revoked as soon as a newer preview replaces it or the generation ends.
import type { MediaAIPartialImage } from './ai-types';

/** The preview of one image shown now; `url` is an object URL of its bytes. */
export interface GenerationPreview {
  index: number;
  partialIndex: number;
  url: string;
}

/** The two calls of `URL` the store uses; a seam for tests that count them. */
export interface ObjectUrlApi {
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
}

/**
 * Latest preview per image index for one generation. An older preview than the one shown
 * (a late event) is ignored; `dispose()` revokes every URL and ignores any later preview, so
 * nothing made after the generation ended can leak.
 *
 * @example
 * const previews = new PreviewUrls();
 * generator.generateImages(request, { onPartialImage: (p) => show(previews.set(p)) })
 *   .finally(() => previews.dispose());
 */
export class PreviewUrls {
  private readonly shown = new Map<number, GenerationPreview>();
  private disposed = false;

  constructor(private readonly urls: ObjectUrlApi = URL) {}

  /** Shows `partial` for its image; returns whether the list changed. */
  set(partial: MediaAIPartialImage): boolean {
    if (this.disposed || !(partial.blob instanceof Blob)) return false;
    const current = this.shown.get(partial.index);
    if (current && current.partialIndex >= partial.partialIndex) return false;
    const url = this.urls.createObjectURL(partial.blob);
    if (current) this.urls.revokeObjectURL(current.url);
    this.shown.set(partial.index, {
      index: partial.index,
      partialIndex: partial.partialIndex,
      url,
    });
    return true;
  }

  /** The previews shown now, by image index. */
  list(): GenerationPreview[] {
    return [...this.shown.values()].sort((a, b) => a.index - b.index);
  }

  /** Revokes every URL; later previews are ignored. */
  dispose(): void {
    this.disposed = true;
    for (const preview of this.shown.values()) this.urls.revokeObjectURL(preview.url);
    this.shown.clear();
  }
}

/** What {@link previewSession} returns. */
export interface PreviewSession {
  /** Shows a preview (the generator's `onPartialImage`); ignored once aborted or ended. */
  add(partial: MediaAIPartialImage): void;
  /** The generation ended: revokes its URLs and hides its list if it is still the one shown. */
  end(): void;
  /** Revokes its URLs and ignores later previews, showing nothing more. */
  dispose(): void;
}

/**
 * One generation's previews as UI state, kept small for the hook that loads it on demand:
 * `show` gets a change to apply to the list shown now (the new list, or none at the end when
 * this session's list is still the one shown, so an overlapping generation keeps its own).
 * The session sits in `sessions` until it ends, so the owner can dispose all on unmount.
 */
export function previewSession(
  signal: AbortSignal,
  show: (change: (shown?: GenerationPreview[]) => GenerationPreview[] | undefined) => void,
  sessions: Set<PreviewSession>,
  urls?: ObjectUrlApi,
): PreviewSession {
  const store = new PreviewUrls(urls);
  let last: GenerationPreview[] | undefined;
  const session: PreviewSession = {
    add(partial) {
      if (signal.aborted || !store.set(partial)) return;
      const list = store.list();
      last = list;
      show(() => list);
    },
    end() {
      session.dispose();
      const ended = last;
      if (ended) show((shown) => (shown === ended ? undefined : shown));
    },
    dispose() {
      store.dispose();
      sessions.delete(session);
    },
  };
  sessions.add(session);
  return session;
}
