// Saving an export to the person's disk without ever holding the archive in JS memory: the
// archive Blob is composed of the store's own files, and here it is piped, chunk by chunk,
// into a file the person chose, or handed whole to the browser's download machinery.
import { createInertObjectURL } from '../object-url-cache';
import type { MediaLibrary } from '../types';
import { ArchiveError, throwIfArchiveAborted } from './archive-errors';
import { archiveFileName } from './archive-file-name';
import type { ArchiveProgress, ExportArchiveOptions } from './archive-types';

/** The File System Access save picker, where the browser has one (Chromium). */
type SaveFilePicker = (options?: {
  suggestedName?: string;
  types?: Array<{ description?: string; accept: Record<string, string[]> }>;
}) => Promise<FileSystemFileHandle>;

/** Options of {@link saveLibraryArchive}: those of `exportArchive`, and where to save. */
export interface SaveLibraryArchiveOptions extends ExportArchiveOptions {
  /** Name suggested to the picker or given to the download. Default `<library>-YYYY-MM-DD.medialoft.zip`. */
  fileName?: string;
  /**
   * The file to write, when the app has chosen it already. Without it the browser's save
   * picker is shown where there is one (call from a click: the picker needs the gesture),
   * and elsewhere the archive is downloaded.
   */
  fileHandle?: FileSystemFileHandle;
}

/** Where {@link saveLibraryArchive} put the archive. */
export interface SavedLibraryArchive {
  /** The file's name: the one chosen in the picker, or the download's. */
  fileName: string;
  /** Size of the archive in bytes. */
  bytes: number;
  /** 'file': written into a file handle; 'download': handed to the browser's downloads. */
  via: 'file' | 'download';
}

/** Progress reports while writing are at least this many bytes apart (and one at the end). */
const REPORT_EVERY = 4 * 1024 * 1024;
/** Bytes copied at a time from the archive into the file. */
const COPY_BUFFER_BYTES = 1024 * 1024;
/** Bytes of the archive read through one stream. */
const COPY_SLICE_BYTES = 64 * 1024 * 1024;

/**
 * Exports the library (or the `ids` / `collectionId` part of it) and saves the archive. With a
 * file handle (given, or from the save picker) the archive streams into the file's writable a
 * chunk at a time; a cancel or a failed write discards the file's new content, so nothing
 * half-written is kept. Otherwise the archive Blob is downloaded: its parts are the stored
 * files, which the browser reads from disk. Rejects with `ArchiveError` code `canceled` when
 * `signal` aborts or the person closes the picker.
 *
 * @example
 * button.onclick = () => saveLibraryArchive(library, { onProgress: (p) => show(p) });
 */
export async function saveLibraryArchive(
  library: MediaLibrary,
  options: SaveLibraryArchiveOptions = {},
): Promise<SavedLibraryArchive> {
  const { fileName: suggested, fileHandle, signal, onProgress, ...scope } = options;
  throwIfArchiveAborted(signal, 'export');
  const fileName = suggested ?? archiveFileName(library.name, new Date());
  // The picker comes first: it needs the click's user activation, which reading the library
  // for the archive would outlast.
  const handle = fileHandle ?? (await pickFile(fileName));
  const archive = await library.exportArchive({ ...scope, signal, onProgress });
  if (!handle) {
    throwIfArchiveAborted(signal, 'export');
    download(archive, fileName);
    return { fileName, bytes: archive.size, via: 'download' };
  }
  await writeInto(handle, archive, signal, onProgress);
  return { fileName: handle.name, bytes: archive.size, via: 'file' };
}

async function pickFile(fileName: string): Promise<FileSystemFileHandle | undefined> {
  const picker = (globalThis as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  if (typeof picker !== 'function') return undefined;
  try {
    return await picker({
      suggestedName: fileName,
      types: [{ description: 'MediaLoft library export', accept: { 'application/zip': ['.zip'] } }],
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw new ArchiveError(
        'canceled',
        'The export was canceled: no file was chosen. Export again to pick one.',
        { cause: error },
      );
    }
    throw error;
  }
}

async function writeInto(
  handle: FileSystemFileHandle,
  archive: Blob,
  signal: AbortSignal | undefined,
  onProgress: ((progress: ArchiveProgress) => void) | undefined,
): Promise<void> {
  const progress: ArchiveProgress = {
    phase: 'writing',
    assetsDone: 0,
    assetsTotal: 0,
    bytesDone: 0,
    bytesTotal: archive.size,
  };
  let reported = 0;
  const wrote = (bytes: number) => {
    progress.bytesDone += bytes;
    if (progress.bytesDone - reported >= REPORT_EVERY || progress.bytesDone === archive.size) {
      reported = progress.bytesDone;
      onProgress?.({ ...progress });
    }
  };
  onProgress?.({ ...progress });
  const writer = (await handle.createWritable()).getWriter();
  try {
    // Slice by slice: one stream over a whole multi-gigabyte Blob was seen to stall in Chromium.
    for (let start = 0; start < archive.size; start += COPY_SLICE_BYTES) {
      await copy(archive.slice(start, start + COPY_SLICE_BYTES).stream(), writer, wrote, signal);
    }
    await writer.close();
  } catch (error) {
    // Aborting the writable drops everything written through it: the file stays as it was.
    await writer.abort(error).catch(() => undefined);
    throwIfArchiveAborted(signal, 'export');
    throw error;
  }
}

/**
 * Copies `stream` into `writer`. Where the browser allows it (a BYOB reader) two buffers are
 * handed back and forth with the stream, one read into while the other is written, so a
 * gigabyte copied leaves no gigabyte of chunks for the garbage collector; a buffer is read
 * into again only once its write has ended.
 */
async function copy(
  stream: ReadableStream<Uint8Array>,
  writer: WritableStreamDefaultWriter<Uint8Array>,
  wrote: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream here: copy the chunks the stream makes.
  }
  const reader = byob ?? stream.getReader();
  const slots: Array<{ buffer: ArrayBuffer; written?: Promise<void> }> = [
    { buffer: new ArrayBuffer(COPY_BUFFER_BYTES) },
    { buffer: new ArrayBuffer(COPY_BUFFER_BYTES) },
  ];
  try {
    for (let turn = 0; ; turn++) {
      throwIfArchiveAborted(signal, 'export');
      const slot = slots[turn % 2] as (typeof slots)[number];
      await slot.written;
      const { done, value } = byob
        ? await byob.read(new Uint8Array(slot.buffer))
        : await (reader as ReadableStreamDefaultReader<Uint8Array>).read();
      if (done || !value) break;
      if (byob) slot.buffer = value.buffer as ArrayBuffer;
      slot.written = writer.write(value).then(() => wrote(value.length));
      // Awaited before the buffer is reused, or below; a failure meanwhile is not unhandled.
      slot.written.catch(() => undefined);
    }
    await Promise.all(slots.map((slot) => slot.written));
  } catch (error) {
    await reader.cancel(error).catch(() => undefined);
    throw error;
  } finally {
    reader.releaseLock();
  }
}

function download(archive: Blob, fileName: string): void {
  const url = createInertObjectURL(archive);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download, which holds the Blob itself from here.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
