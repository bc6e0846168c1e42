// The inpaint mask painter: the image with a paint layer over it that a pointer or the keyboard
// paints on (useMaskCanvas), a visible cursor for the keyboard, brush or eraser, size, Undo and
// Clear. The mask is handed up after each stroke, undo and clear.
import { useEffect, useId } from 'react';
import type { MediaAsset } from '../core/index';
import { type MaskTool, useAssetUrl, useMaskCanvas } from '../react/index';
import { compactButton, fieldError, muted } from './classes';

/** Props of {@link EditMaskPainter}. */
export interface EditMaskPainterProps {
  /** The image painted over; its width and height are the mask's. */
  asset: MediaAsset;
  /** The mask after each change (transparent = the area to change), undefined when empty. */
  onChange(mask: Blob | undefined): void;
  /** Why the mask is needed, shown under it and named by the canvas. */
  error?: string;
}

const small = compactButton;
const tools: [MaskTool, string][] = [
  ['brush', 'Brush'],
  ['eraser', 'Eraser'],
];

/** Paints the area an inpaint changes over the image. */
export function EditMaskPainter({ asset, onChange, error }: EditMaskPainterProps) {
  const id = useId();
  const width = asset.width ?? 512;
  const height = asset.height ?? 512;
  const mask = useMaskCanvas({ width, height });
  const { url } = useAssetUrl(asset.id, 'original');
  const { painted, version, toBlob } = mask;

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the trigger: a new stroke, undo or clear.
  useEffect(() => {
    if (version === 0) return;
    if (!painted) return onChange(undefined);
    let live = true;
    toBlob().then(
      (blob) => live && onChange(blob),
      () => live && onChange(undefined),
    );
    return () => {
      live = false;
    };
  }, [version]);

  const props = mask.getCanvasProps();
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <fieldset className="flex gap-1">
          <legend className="sr-only">Mask tool</legend>
          {tools.map(([tool, name]) => (
            <button
              key={tool}
              type="button"
              aria-pressed={mask.tool === tool}
              className={`${small} aria-pressed:border-indigo-700 aria-pressed:bg-indigo-700 aria-pressed:text-white dark:aria-pressed:border-indigo-400 dark:aria-pressed:bg-indigo-400 dark:aria-pressed:text-zinc-950`}
              onClick={() => mask.setTool(tool)}
            >
              {name}
            </button>
          ))}
        </fieldset>
        <label className="flex items-center gap-1 text-xs">
          Brush size
          <input
            type="range"
            min={1}
            max={Math.max(16, Math.round(Math.min(width, height) / 4))}
            value={mask.brushSize}
            aria-valuetext={`${mask.brushSize} px`}
            onChange={(event) => mask.setBrushSize(Number(event.currentTarget.value))}
            className="w-28 accent-indigo-700 dark:accent-indigo-400"
          />
        </label>
        <button type="button" className={small} disabled={!mask.canUndo} onClick={mask.undo}>
          Undo
        </button>
        <button type="button" className={small} disabled={!painted} onClick={mask.clear}>
          Clear
        </button>
      </div>
      <div
        className="relative overflow-hidden rounded-md bg-zinc-100 dark:bg-zinc-800"
        style={{ aspectRatio: `${width} / ${height}` }}
      >
        {url && <img src={url} alt="" className="absolute inset-0 h-full w-full object-contain" />}
        <canvas
          {...props}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-mask-note`}
          className="absolute inset-0 h-full w-full cursor-crosshair opacity-55 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        />
        <div
          aria-hidden
          data-mask-cursor
          className="pointer-events-none absolute aspect-square -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white outline outline-1 outline-black"
          style={{
            left: `${(mask.cursor.x / width) * 100}%`,
            top: `${(mask.cursor.y / height) * 100}%`,
            width: `${(mask.brushSize / width) * 100}%`,
          }}
        />
      </div>
      <p id={`${id}-mask-note`} className={error ? fieldError : `text-xs ${muted}`}>
        {error ?? 'Paint over the area to change. Arrow keys move the brush, Space paints.'}
      </p>
    </div>
  );
}
