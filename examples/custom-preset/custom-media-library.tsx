// A preset of your own: a small media library UI (a virtualised grid, upload, generate) built
// only from @medialoft/media-library's public hooks, styled inline. Copy it and make it yours.
import {
  assetLabel,
  type MediaAsset,
  useAssetGrid,
  useAssets,
  useAssetUrl,
  useDropzone,
  useGenerateForm,
  useImport,
} from '@medialoft/media-library';
import { type CSSProperties, useEffect, useRef, useState } from 'react';

const columns = 4;
const rowHeight = 132;
const gridHeight = 420;
const box: CSSProperties = { border: '1px solid #8a8a8a', borderRadius: 8, padding: 12 };

/** One tile: the thumbnail once its object URL is ready, named by its caption. */
function Tile({ asset }: { asset: MediaAsset }) {
  const { url, status } = useAssetUrl(asset.id);
  const label = assetLabel(asset);
  return (
    <figure style={{ margin: 0, width: '100%', textAlign: 'center' }}>
      {status === 'ready' ? (
        <img
          src={url}
          alt={asset.alt ?? ''}
          style={{ width: 96, height: 96, objectFit: 'cover' }}
        />
      ) : (
        <div aria-hidden style={{ width: 96, height: 96, margin: 'auto', background: '#ddd' }} />
      )}
      <figcaption style={{ fontSize: 12, overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {label}
      </figcaption>
    </figure>
  );
}

/**
 * Every asset in a fixed-height scroller that renders only the rows in view (plus two either
 * side), with the grid's keyboard and selection behaviour from `useAssetGrid`.
 */
function Grid({ assets }: { assets: readonly MediaAsset[] }) {
  const ids = assets.map((asset) => asset.id);
  const grid = useAssetGrid({ ids, columns });
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const rows = Math.ceil(ids.length / columns);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - 2);
  const last = Math.min(rows, Math.ceil((scrollTop + gridHeight) / rowHeight) + 2);

  // The keyboard can move focus to a row outside the window: note where it goes, scroll that
  // row in, and focus its cell once rendered.
  const { focusedId } = grid;
  const pending = useRef<string>(undefined);
  useEffect(() => {
    if (scroller.current?.contains(document.activeElement)) pending.current = focusedId;
  }, [focusedId]);
  useEffect(() => {
    const root = scroller.current;
    const id = pending.current;
    if (!root || id === undefined) return;
    const cell = root.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`);
    const index = ids.indexOf(id);
    if (cell || index < 0) {
      pending.current = undefined;
      if (cell && !cell.contains(document.activeElement)) cell.focus();
      return;
    }
    const top = Math.floor(index / columns) * rowHeight;
    root.scrollTop = top < root.scrollTop ? top : top + rowHeight - gridHeight;
    setScrollTop(root.scrollTop);
  });

  const shown = [];
  for (let row = first; row < last; row++) {
    const cells = assets.slice(row * columns, row * columns + columns);
    shown.push(
      <div
        key={row}
        {...grid.getRowProps(row)}
        style={{ position: 'absolute', top: row * rowHeight, display: 'flex', width: '100%' }}
      >
        {cells.map((asset, column) => (
          <div
            key={asset.id}
            data-id={asset.id}
            {...grid.getItemProps(asset.id, row * columns + column)}
            style={{ flex: `0 0 ${100 / columns}%`, height: rowHeight - 8, cursor: 'pointer' }}
          >
            <Tile asset={asset} />
          </div>
        ))}
      </div>,
    );
  }
  return (
    <div
      ref={scroller}
      {...grid.getGridProps({ 'aria-label': 'Assets' })}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      style={{ ...box, height: gridHeight, overflowY: 'auto', position: 'relative' }}
    >
      <div role="presentation" style={{ height: rows * rowHeight, position: 'relative' }}>
        {shown}
      </div>
    </div>
  );
}

/** Drop, click or press Enter to pick files; progress and the outcome in words. */
function Upload() {
  const { importFiles, importing, progress, outcome, error } = useImport();
  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    // A failed or canceled batch is reported through `error`; nothing more to do here.
    onFiles: (files) => importFiles(files).catch(() => {}),
  });
  return (
    <div
      {...getRootProps({ 'aria-label': 'Upload files' })}
      style={{ ...box, borderStyle: 'dashed', background: isDragActive ? '#eef' : undefined }}
    >
      <input {...getInputProps()} aria-label="Files to upload" />
      Drop files here, or press to pick some.
      <p role="status" style={{ margin: 0 }}>
        {importing && progress
          ? `Importing ${progress.filesDone} of ${progress.filesTotal}…`
          : (error?.message ?? outcome)}
      </p>
    </div>
  );
}

/** A prompt, a size and Generate (Cancel while it runs); errors on their field. */
function Generate() {
  const form = useGenerateForm();
  const promptError = form.getErrorProps('prompt');
  const percent = form.generation.progress?.percent;
  return (
    <form {...form.getFormProps()} style={{ ...box, display: 'grid', gap: 8 }}>
      <label htmlFor={form.getFieldProps('prompt').id}>Prompt</label>
      <textarea {...form.getFieldProps('prompt')} rows={2} />
      {promptError && <p {...promptError} style={{ color: '#b00020', margin: 0 }} />}
      <label htmlFor={form.getFieldProps('size').id}>Size</label>
      <select {...form.getFieldProps('size')}>
        {form.sizePresets.map((preset) => (
          <option key={preset.value} value={preset.value}>
            {preset.label}
          </option>
        ))}
      </select>
      <div style={{ display: 'flex', gap: 8 }}>
        <button type="submit" disabled={form.busy || !form.generation.aiAvailable}>
          Generate
        </button>
        {form.busy && (
          <button type="button" onClick={form.cancel}>
            Cancel
          </button>
        )}
      </div>
      <p role="status" style={{ margin: 0 }}>
        {form.busy ? `Generating… ${percent ?? 0}%` : (form.failure ?? form.outcomeMessage)}
      </p>
    </form>
  );
}

/** The whole UI: render it inside `<MediaLibraryProvider library={…} ai={…}>`. */
export function CustomMediaLibrary() {
  const { items, total } = useAssets();
  return (
    <main style={{ display: 'grid', gap: 12, maxWidth: 640, margin: 'auto', padding: 16 }}>
      <h1 style={{ margin: 0 }}>My media ({total})</h1>
      <Upload />
      <Generate />
      <Grid assets={items} />
    </main>
  );
}
