// A full-screen viewer's behaviour without its looks: which asset shows, moving through the
// grid's order, keys, swipes, zoom and pan, focus return, and a fixed handful of object URLs.
import {
  type KeyboardEvent,
  type PointerEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
  type WheelEvent,
} from 'react';
import type { AssetVariant, MediaAsset } from '../core/types';
import { useMediaLibraryContext } from './media-library-provider';
import { useAsset } from './use-asset';

/** Options of {@link useAssetViewer}. */
export interface UseAssetViewerOptions {
  /** The ids in the order the person sees them (the grid's current result order). */
  ids: readonly string[];
  /** Past the last asset comes the first (and the other way). Default false: it stops. */
  wrap?: boolean;
  /** How far (px) a horizontal drag goes before it counts as a swipe. Default 50. */
  swipeThreshold?: number;
  /** Largest zoom, as a multiple of the fitted size. Default 8. */
  maxScale?: number;
}

/** Zoom and pan of the shown image: `scale` 1 is fitted, `x`/`y` the pan in CSS px. */
export interface AssetViewerZoom {
  scale: number;
  x: number;
  y: number;
}

/** What {@link useAssetViewer} returns. */
export interface UseAssetViewerResult {
  opened: boolean;
  /** The shown asset's id, while open. */
  currentId?: string;
  /** The shown asset's record, live. */
  asset?: MediaAsset;
  /** Position of the shown asset in `ids` (0-based), -1 when closed or no longer listed. */
  index: number;
  count: number;
  hasPrevious: boolean;
  hasNext: boolean;
  /** Opens on `id`; focus goes back to what had it (or to `returnFocusTo`) on close. */
  open(id: string, returnFocusTo?: HTMLElement | null): void;
  close(): void;
  next(): void;
  previous(): void;
  first(): void;
  last(): void;
  zoom: AssetViewerZoom;
  zoomIn(): void;
  zoomOut(): void;
  /** Back to fitted, centred. */
  resetZoom(): void;
  /** Fitted ↔ `actualScale` (the scale at which one image pixel is one CSS pixel). */
  toggleZoom(actualScale?: number): void;
  /** The shown asset's original, once read (`undefined` while loading or when it failed). */
  originalUrl?: string;
  /** Thumbnails of the previous and next assets, by id, for an instant first paint on a move. */
  neighbourUrls: Readonly<Record<string, string>>;
  /** Keys for the dialog: arrows, Home/End, Escape, + / - / 0. */
  getViewerProps(): {
    onKeyDown(event: KeyboardEvent<HTMLElement>): void;
    'data-state': 'open' | 'closed';
  };
  /**
   * Pointer input for the area showing the asset: a horizontal drag past the threshold moves
   * (while fitted), a drag pans (while zoomed), the wheel zooms, a double click toggles zoom.
   */
  getStageProps(actualScale?: number): {
    onPointerDown(event: PointerEvent<HTMLElement>): void;
    onPointerMove(event: PointerEvent<HTMLElement>): void;
    onPointerUp(event: PointerEvent<HTMLElement>): void;
    onPointerCancel(): void;
    onWheel(event: WheelEvent<HTMLElement>): void;
    onDoubleClick(): void;
    'data-zoomed': 'true' | 'false';
  };
}

/** A pointer pressed on the stage: where it went down and where it was last seen. */
interface Drag {
  pointer: number;
  x: number;
  y: number;
  lastX: number;
  lastY: number;
}

const fitted: AssetViewerZoom = { scale: 1, x: 0, y: 0 };
const zoomStep = 1.25;

/**
 * Drives a full-screen asset viewer over an ordered list of ids. Only the shown asset's
 * original and its two neighbours' thumbnails are held from `library.urls`, and they are
 * released on every move and on close, so paging through 10,000 assets keeps a bounded number
 * of object URLs alive (the cache's idle limit plus three).
 *
 * @example
 * const viewer = useAssetViewer({ ids });
 * <AssetGridView onView={(id) => viewer.open(id)} … />
 * {viewer.opened && (
 *   <div role="dialog" aria-label={viewer.asset?.name} {...viewer.getViewerProps()}>
 *     <div {...viewer.getStageProps()}>
 *       <img src={viewer.originalUrl} alt={viewer.asset?.alt ?? ''} />
 *     </div>
 *   </div>
 * )}
 */
export function useAssetViewer(options: UseAssetViewerOptions): UseAssetViewerResult {
  const { ids, wrap = false, swipeThreshold = 50, maxScale = 8 } = options;
  const { library } = useMediaLibraryContext('useAssetViewer');
  const [currentId, setCurrentId] = useState<string>();
  const [zoom, setZoom] = useState<AssetViewerZoom>(fitted);
  const returnTo = useRef<HTMLElement | null>(null);
  const asset = useAsset(currentId);
  const opened = currentId !== undefined;
  const index = currentId === undefined ? -1 : ids.indexOf(currentId);
  const count = ids.length;
  const hasPrevious = index >= 0 && count > 1 && (wrap || index > 0);
  const hasNext = index >= 0 && count > 1 && (wrap || index < count - 1);
  const previousId = hasPrevious ? ids[(index - 1 + count) % count] : undefined;
  const nextId = hasNext ? ids[(index + 1) % count] : undefined;

  const show = useCallback((id: string | undefined) => {
    if (id === undefined) return;
    setCurrentId(id);
    setZoom(fitted);
  }, []);
  const open = useCallback(
    (id: string, returnFocusTo?: HTMLElement | null) => {
      returnTo.current =
        returnFocusTo ?? (typeof document === 'undefined' ? null : activeElement());
      show(id);
    },
    [show],
  );
  const close = useCallback(() => setCurrentId(undefined), []);
  const next = () => show(nextId);
  const previous = () => show(previousId);
  const first = () => show(index >= 0 ? ids[0] : undefined);
  const last = () => show(index >= 0 ? ids[count - 1] : undefined);

  // Focus goes back once the dialog is gone, so its own focus handling cannot take it after.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (opened) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      const target = returnTo.current;
      returnTo.current = null;
      if (target?.isConnected) target.focus();
    }
  }, [opened]);

  const clamp = (scale: number) => Math.min(maxScale, Math.max(1, scale));
  const scaleTo = (scale: number) =>
    setZoom((z) => {
      const s = clamp(scale);
      // Back at fitted there is nothing to pan; in between the pan scales with the image.
      return s === 1 ? fitted : { scale: s, x: (z.x * s) / z.scale, y: (z.y * s) / z.scale };
    });
  const zoomIn = () => scaleTo(zoom.scale * zoomStep);
  const zoomOut = () => scaleTo(zoom.scale / zoomStep);
  const resetZoom = () => setZoom(fitted);
  const toggleZoom = (actualScale = 2) =>
    setZoom(
      zoom.scale === 1 ? { scale: clamp(Math.max(actualScale, zoomStep)), x: 0, y: 0 } : fitted,
    );

  const urls = useHeldUrls(library.urls, opened ? currentId : undefined, [previousId, nextId]);

  const drag = useRef<Drag | undefined>(undefined);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const actions: Record<string, () => void> = {
      ArrowLeft: previous,
      ArrowRight: next,
      Home: first,
      End: last,
      Escape: close,
      '+': zoomIn,
      '=': zoomIn,
      '-': zoomOut,
      '0': resetZoom,
    };
    const action = actions[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    // A focused player keeps its own arrow keys (seek) and Home/End.
    if (/^(VIDEO|AUDIO)$/.test(target.tagName) && event.key !== 'Escape') return;
    event.preventDefault();
    action();
  };

  return {
    opened,
    currentId,
    asset,
    index,
    count,
    hasPrevious,
    hasNext,
    open,
    close,
    next,
    previous,
    first,
    last,
    zoom,
    zoomIn,
    zoomOut,
    resetZoom,
    toggleZoom,
    originalUrl: urls.original,
    neighbourUrls: urls.neighbours,
    getViewerProps: () => ({ onKeyDown, 'data-state': opened ? 'open' : 'closed' }),
    getStageProps: (actualScale?: number) => ({
      onPointerDown: (event) => {
        if (event.button !== 0) return;
        const { pointerId: pointer, clientX: x, clientY: y } = event;
        drag.current = { pointer, x, y, lastX: x, lastY: y };
      },
      onPointerMove: (event) => {
        const d = drag.current;
        if (!d || d.pointer !== event.pointerId || zoom.scale === 1) return;
        const dx = event.clientX - d.lastX;
        const dy = event.clientY - d.lastY;
        d.lastX = event.clientX;
        d.lastY = event.clientY;
        setZoom((z) => ({ ...z, x: z.x + dx, y: z.y + dy }));
      },
      onPointerUp: (event) => {
        const d = drag.current;
        drag.current = undefined;
        if (!d || d.pointer !== event.pointerId || zoom.scale !== 1) return;
        const dx = event.clientX - d.x;
        const dy = event.clientY - d.y;
        if (Math.abs(dx) < swipeThreshold || Math.abs(dx) <= Math.abs(dy)) return;
        if (dx < 0) next();
        else previous();
      },
      onPointerCancel: () => {
        drag.current = undefined;
      },
      onWheel: (event) => {
        if (event.deltaY === 0) return;
        scaleTo(zoom.scale * Math.exp(-event.deltaY * 0.002));
      },
      onDoubleClick: () => toggleZoom(actualScale),
      'data-zoomed': zoom.scale === 1 ? 'false' : 'true',
    }),
  };
}

function activeElement(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}

interface HeldUrls {
  original?: string;
  neighbours: Record<string, string>;
}

/**
 * Holds the original of `id` and the thumbnails of `neighbours`, and nothing else: every
 * change releases what is no longer wanted, so the cache may revoke it.
 */
function useHeldUrls(
  cache: { acquire(id: string, variant: AssetVariant): Promise<{ url: string; release(): void }> },
  id: string | undefined,
  neighbours: (string | undefined)[],
): HeldUrls {
  const [loaded, setLoaded] = useState<Record<string, string>>({});
  const wanted: [string, AssetVariant][] = [];
  if (id !== undefined) wanted.push([id, 'original']);
  for (const n of neighbours) if (n !== undefined && n !== id) wanted.push([n, 'thumbnail']);
  const signature = wanted.map(([i, v]) => `${v}:${i}`).join('\n');

  useEffect(() => {
    let active = true;
    const releases: (() => void)[] = [];
    for (const key of signature ? signature.split('\n') : []) {
      const split = key.indexOf(':');
      const variant = key.slice(0, split) as AssetVariant;
      cache.acquire(key.slice(split + 1), variant).then(
        (handle) => {
          if (!active) return handle.release();
          releases.push(handle.release);
          setLoaded((current) => ({ ...current, [key]: handle.url }));
        },
        // A missing or unreadable asset shows without a URL; the viewer says so.
        () => undefined,
      );
    }
    return () => {
      active = false;
      for (const release of releases) release();
      setLoaded({});
    };
  }, [cache, signature]);

  const result: HeldUrls = { neighbours: {} };
  if (id !== undefined) result.original = loaded[`original:${id}`];
  for (const n of neighbours) {
    const url = n === undefined ? undefined : loaded[`thumbnail:${n}`];
    if (n !== undefined && url) result.neighbours[n] = url;
  }
  return result;
}
