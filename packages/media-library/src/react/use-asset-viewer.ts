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
import {
  clampPan,
  FITTED,
  midpoint,
  type PinchStart,
  type Point,
  pinchZoom,
  distance as spread,
  type ViewerBounds,
  wheelFactor,
  zoomAbout,
} from './viewer-zoom';

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
   * (while fitted), a drag pans (while zoomed), two fingers pinch-zoom, the wheel (and a
   * trackpad pinch, ctrl+wheel) zooms about the pointer, a double click toggles zoom. The pan
   * is held so the image never leaves the stage: spread the props on the stage element, whose
   * first child is the shown image at its fitted size.
   */
  getStageProps(actualScale?: number): {
    ref(element: HTMLElement | null): void;
    onPointerDown(event: PointerEvent<HTMLElement>): void;
    onPointerMove(event: PointerEvent<HTMLElement>): void;
    onPointerUp(event: PointerEvent<HTMLElement>): void;
    onPointerCancel(event?: PointerEvent<HTMLElement>): void;
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

const fitted = FITTED;
const zoomStep = 1.25;

/**
 * The stage's and the fitted image's sizes, and the stage's centre on screen; `undefined` while
 * the stage shows nothing measurable (no image yet, or no layout as in an emulated DOM).
 */
function measure(stage: HTMLElement | null): (ViewerBounds & Point) | undefined {
  if (!stage || typeof stage.getBoundingClientRect !== 'function') return undefined;
  const content = stage.firstElementChild as HTMLElement | null;
  // offsetWidth is the layout size, before the zoom's transform.
  if (!content || !(content.offsetWidth > 0) || !(content.offsetHeight > 0)) return undefined;
  const rect = stage.getBoundingClientRect();
  if (!(rect.width > 0) || !(rect.height > 0)) return undefined;
  return {
    stageWidth: rect.width,
    stageHeight: rect.height,
    contentWidth: content.offsetWidth,
    contentHeight: content.offsetHeight,
    x: rect.left + rect.width / 2,
    y: rect.top + rect.height / 2,
  };
}

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
  // The stage element, for its size (the pan's bounds) and a wheel listener that can cancel.
  const stage = useRef<HTMLElement | null>(null);
  /** Zooms about a point on screen, or the stage's centre; the pan scales with the image. */
  const scaleTo = (scale: number, client?: Point) => {
    const bounds = measure(stage.current);
    const at = bounds && client ? { x: client.x - bounds.x, y: client.y - bounds.y } : undefined;
    setZoom((z) => zoomAbout(z, scale, at ?? { x: 0, y: 0 }, maxScale, bounds));
  };
  const zoomIn = () => scaleTo(zoom.scale * zoomStep);
  const zoomOut = () => scaleTo(zoom.scale / zoomStep);
  const resetZoom = () => setZoom(fitted);
  const toggleZoom = (actualScale = 2) =>
    setZoom(
      zoom.scale === 1 ? { scale: clamp(Math.max(actualScale, zoomStep)), x: 0, y: 0 } : fitted,
    );

  const urls = useHeldUrls(library.urls, opened ? currentId : undefined, [previousId, nextId]);

  const drag = useRef<Drag | undefined>(undefined);
  /** Pointers down on the stage (fingers on a touch screen), by id, where last seen. */
  const pointers = useRef(new Map<number, Point>());
  const pinch = useRef<PinchStart | undefined>(undefined);
  // Chromium turns ctrl+wheel (a trackpad pinch) into page zoom unless the event is canceled,
  // and React's wheel listener is passive: a listener of our own cancels it on the stage.
  const attachStage = useCallback((element: HTMLElement | null) => {
    stage.current?.removeEventListener('wheel', cancelWheel);
    stage.current = element;
    element?.addEventListener('wheel', cancelWheel, { passive: false });
  }, []);
  /** Starts a pinch from the two pointers down, relative to the stage's centre. */
  const startPinch = (current: AssetViewerZoom) => {
    const [a, b] = [...pointers.current.values()] as [Point, Point];
    const centre = measure(stage.current) ?? { x: 0, y: 0 };
    const mid = midpoint(a, b);
    pinch.current = {
      zoom: current,
      distance: spread(a, b),
      midpoint: { x: mid.x - centre.x, y: mid.y - centre.y },
    };
    // Two fingers never swipe; lifting one later pans with the other.
    drag.current = undefined;
  };
  const endPointer = (pointer: number) => {
    pointers.current.delete(pointer);
    if (pinch.current && pointers.current.size < 2) {
      pinch.current = undefined;
      const rest = [...pointers.current.entries()][0];
      // The finger left down pans on from where it is, without counting as a swipe.
      drag.current = rest && {
        pointer: rest[0],
        x: Number.NaN,
        y: Number.NaN,
        lastX: rest[1].x,
        lastY: rest[1].y,
      };
      return true;
    }
    return false;
  };
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
      ref: attachStage,
      onPointerDown: (event) => {
        if (event.button !== 0) return;
        const { pointerId: pointer, clientX: x, clientY: y } = event;
        pointers.current.set(pointer, { x, y });
        capture(event.currentTarget, pointer);
        if (pointers.current.size === 2) startPinch(zoom);
        else if (pointers.current.size === 1) drag.current = { pointer, x, y, lastX: x, lastY: y };
      },
      onPointerMove: (event) => {
        if (pointers.current.has(event.pointerId)) {
          pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
        }
        const started = pinch.current;
        if (started && pointers.current.size >= 2) {
          const [a, b] = [...pointers.current.values()] as [Point, Point];
          const bounds = measure(stage.current);
          const centre = bounds ?? { x: 0, y: 0 };
          const relative = (p: Point) => ({ x: p.x - centre.x, y: p.y - centre.y });
          setZoom(pinchZoom(started, relative(a), relative(b), maxScale, bounds));
          return;
        }
        const d = drag.current;
        if (!d || d.pointer !== event.pointerId || zoom.scale === 1) return;
        const dx = event.clientX - d.lastX;
        const dy = event.clientY - d.lastY;
        d.lastX = event.clientX;
        d.lastY = event.clientY;
        const bounds = measure(stage.current);
        setZoom((z) => clampPan({ ...z, x: z.x + dx, y: z.y + dy }, bounds));
      },
      onPointerUp: (event) => {
        if (endPointer(event.pointerId)) return;
        const d = drag.current;
        drag.current = undefined;
        if (!d || d.pointer !== event.pointerId || zoom.scale !== 1) return;
        const dx = event.clientX - d.x;
        const dy = event.clientY - d.y;
        // NaN (a finger left from a pinch) never passes the threshold.
        if (!(Math.abs(dx) >= swipeThreshold) || Math.abs(dx) <= Math.abs(dy)) return;
        if (dx < 0) next();
        else previous();
      },
      onPointerCancel: (event?: PointerEvent<HTMLElement>) => {
        if (event) endPointer(event.pointerId);
        else {
          pointers.current.clear();
          pinch.current = undefined;
        }
        drag.current = undefined;
      },
      onWheel: (event) => {
        if (event.deltaY === 0) return;
        const factor = wheelFactor(event.deltaY, event.deltaMode ?? 0, event.ctrlKey === true);
        const at =
          typeof event.clientX === 'number' ? { x: event.clientX, y: event.clientY } : undefined;
        scaleTo(zoom.scale * factor, at);
      },
      onDoubleClick: () => toggleZoom(actualScale),
      'data-zoomed': zoom.scale === 1 ? 'false' : 'true',
    }),
  };
}

/** Moves keep coming to the stage when a finger or the mouse leaves it mid-drag. */
function capture(target: EventTarget | undefined, pointer: number): void {
  try {
    (target as Partial<HTMLElement> | undefined)?.setPointerCapture?.(pointer);
  } catch {
    // A pointer the browser does not know as down (a synthetic event) can't be captured.
  }
}

function cancelWheel(event: Event): void {
  event.preventDefault();
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
