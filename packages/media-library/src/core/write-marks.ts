// Tells a library's next start whether its bytes and records may be out of step, so the
// start-up sweep lists every blob (200,000 at 100,000 assets) only when something can be
// wrong, not at every open.
//
// Every write of bytes leaves only orphan bytes when it is cut short: imports and replaces
// write bytes before records, deletes remove records before bytes. Each one sets a mark in the
// library's marker storage (localStorage by default) while it runs and takes it away once
// everything it wrote or freed is in place; a page that dies meanwhile leaves its mark. The
// start-up sweep lists the bytes when a mark is left, when the storage check found the
// browser had removed bytes or records, and at least once every `FULL_SWEEP_EVERY_MS`. Marks
// live in one key that tabs rewrite, so two tabs starting a write at the same moment may lose
// one mark; what that costs is orphan bytes until the next full sweep, never a record.
import type { LibraryContext } from './library-context';
import { markerStorage } from './storage-marker';
import type { BlobStore, MarkerStorage } from './types';

/** The longest a library goes without a full sweep at start-up: a week. */
export const FULL_SWEEP_EVERY_MS = 7 * 24 * 60 * 60 * 1000;

/** One write's mark; see {@link markingWrites}. */
export interface WriteMark {
  /** Leaves the mark after the write ends, so the next start lists the bytes. */
  keep(): void;
}

const marksKey = (library: string) => `medialoft:${library}:writing`;
/** The key of the time of a library's last full sweep (a bench sets it, as a session would). */
export const sweptKey = (library: string) => `medialoft:${library}:swept`;
/** The library's clock, read without taking one of its stamps. */
const clock = (ctx: LibraryContext) => (ctx.options.now ?? Date.now)();

function readMarks(storage: MarkerStorage, library: string): Record<string, number> {
  try {
    const marks = JSON.parse(storage.getItem(marksKey(library)) ?? '{}') as unknown;
    return marks !== null && typeof marks === 'object' && !Array.isArray(marks)
      ? (marks as Record<string, number>)
      : { unreadable: 0 };
  } catch {
    // Unreadable marks are kept as one: the next start sweeps, and the sweep rewrites them.
    return { unreadable: 0 };
  }
}

function writeMarks(storage: MarkerStorage, library: string, marks: Record<string, number>) {
  try {
    if (Object.keys(marks).length === 0) storage.removeItem(marksKey(library));
    else storage.setItem(marksKey(library), JSON.stringify(marks));
  } catch {
    // A full storage keeps no mark: a write cut short meanwhile leaves orphan bytes until the
    // weekly full sweep (never a record without bytes).
  }
}

/**
 * Runs `fn`, which writes or frees bytes, with a mark set. The mark goes when `fn` resolves,
 * unless `fn` called `mark.keep()`; a throw or a page that dies leaves it.
 */
export async function markingWrites<T>(
  ctx: LibraryContext,
  fn: (mark: WriteMark) => Promise<T>,
): Promise<T> {
  const storage = markerStorage(ctx.options.storageMarker);
  let kept = false;
  const mark: WriteMark = {
    keep: () => {
      kept = true;
    },
  };
  if (!storage) return fn(mark);
  const now = clock(ctx);
  const token = `${now.toString(36)}-${Math.random().toString(36).slice(2)}`;
  writeMarks(storage, ctx.name, { ...readMarks(storage, ctx.name), [token]: now });
  const result = await fn(mark);
  if (!kept) {
    const { [token]: _done, ...rest } = readMarks(storage, ctx.name);
    writeMarks(storage, ctx.name, rest);
  }
  return result;
}

/** Deletes the bytes of `keys`; a delete that fails keeps `mark`, so the next start takes them. */
export async function freeBytes(
  blobs: BlobStore,
  keys: readonly string[],
  mark: WriteMark | undefined,
): Promise<void> {
  if (keys.length === 0) return;
  const settled = await Promise.allSettled(keys.map((key) => blobs.delete(key)));
  if (settled.some((result) => result.status === 'rejected')) mark?.keep();
}

/**
 * Whether the start-up sweep must list the bytes: a write was cut short, no full sweep is on
 * record in the last `FULL_SWEEP_EVERY_MS`, or there is no storage to keep marks in.
 */
export function sweepDue(ctx: LibraryContext): boolean {
  const now = clock(ctx);
  const storage = markerStorage(ctx.options.storageMarker);
  if (!storage) return true;
  if (Object.keys(readMarks(storage, ctx.name)).length > 0) return true;
  let swept = Number.NaN;
  try {
    swept = Number(storage.getItem(sweptKey(ctx.name)) ?? Number.NaN);
  } catch {
    return true;
  }
  return !(swept <= now && now - swept < FULL_SWEEP_EVERY_MS);
}

/** The marks there are now, to forget once a full sweep has repaired what they stand for. */
export function currentMarks(ctx: LibraryContext): string[] {
  const storage = markerStorage(ctx.options.storageMarker);
  return storage ? Object.keys(readMarks(storage, ctx.name)) : [];
}

/**
 * Notes a full sweep: forgets `marks` (taken before it listed the bytes, so every write they
 * stand for had ended or holds its mark still) and stamps the time.
 */
export function markSwept(ctx: LibraryContext, marks: readonly string[]): void {
  const storage = markerStorage(ctx.options.storageMarker);
  if (!storage) return;
  const rest = readMarks(storage, ctx.name);
  for (const token of marks) delete rest[token];
  writeMarks(storage, ctx.name, rest);
  try {
    storage.setItem(sweptKey(ctx.name), String(clock(ctx)));
  } catch {
    // Not stamped: the next start sweeps again.
  }
}
