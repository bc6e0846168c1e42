// Painting an inpaint mask, headless: a canvas of the image's pixel size that a pointer or the
// keyboard paints on, with brush, eraser, brush size and undo, exported in the edit contract's
// form (transparent = the area to change, opaque elsewhere).
import { type KeyboardEvent, type PointerEvent, useCallback, useRef, useState } from 'react';

/** Options of {@link useMaskCanvas}. */
export interface UseMaskCanvasOptions {
  /** The image's width in pixels; the mask has the same. */
  width: number;
  /** The image's height in pixels. */
  height: number;
  /** The first brush diameter in image pixels. Default: a twentieth of the shorter side. */
  brushSize?: number;
  /** Undo steps kept. Default 20: each is a full copy of the mask's pixels. */
  maxUndo?: number;
}

/** The tool a stroke uses. */
export type MaskTool = 'brush' | 'eraser';

/** Props for the `<canvas>` a mask is painted on. */
export interface MaskCanvasProps {
  ref: (canvas: HTMLCanvasElement | null) => void;
  width: number;
  height: number;
  tabIndex: 0;
  role: 'application';
  'aria-roledescription': string;
  'aria-label': string;
  'data-tool': MaskTool;
  style: { touchAction: 'none' };
  onPointerDown(event: PointerEvent<HTMLCanvasElement>): void;
  onPointerMove(event: PointerEvent<HTMLCanvasElement>): void;
  onPointerUp(event: PointerEvent<HTMLCanvasElement>): void;
  onKeyDown(event: KeyboardEvent<HTMLCanvasElement>): void;
}

/** What {@link useMaskCanvas} returns. */
export interface UseMaskCanvasResult {
  getCanvasProps(): MaskCanvasProps;
  tool: MaskTool;
  setTool(tool: MaskTool): void;
  brushSize: number;
  setBrushSize(size: number): void;
  /** Where Space paints, in image pixels; arrow keys move it (Shift: farther). */
  cursor: { x: number; y: number };
  canUndo: boolean;
  undo(): void;
  clear(): void;
  /** True when some pixel is painted. */
  painted: boolean;
  /** Counts up after each finished stroke, undo and clear: export the mask again when it moves. */
  version: number;
  /** The mask as a PNG of `width` × `height`: painted pixels transparent, the rest opaque. */
  toBlob(): Promise<Blob>;
}

const PAINT = 'rgb(255, 0, 96)';
/**
 * The alpha from which a canvas pixel counts as painted. Low, so the soft edge of a stroke is
 * inside the mask; not zero, because an eraser over a soft edge can leave alpha 1 or 2 behind.
 */
const PAINTED_ALPHA = 16;

/**
 * Paints an inpaint mask over an image. Put the canvas over the image (it scales with CSS;
 * the pointer is mapped to image pixels) and draw the cursor where `cursor` says.
 *
 * @example
 * const mask = useMaskCanvas({ width: asset.width, height: asset.height });
 * return <canvas {...mask.getCanvasProps()} style={{ width: '100%', opacity: 0.5 }} />;
 * // later: setValue('mask', await mask.toBlob())
 */
export function useMaskCanvas(options: UseMaskCanvasOptions): UseMaskCanvasResult {
  const { width, height, maxUndo = 20 } = options;
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const [tool, setTool] = useState<MaskTool>('brush');
  const [brushSize, setBrushSizeState] = useState(
    () => options.brushSize ?? Math.max(4, Math.round(Math.min(width, height) / 20)),
  );
  const [cursor, setCursor] = useState({ x: Math.round(width / 2), y: Math.round(height / 2) });
  const undoStack = useRef<ImageData[]>([]);
  const [undoDepth, setUndoDepth] = useState(0);
  const [painted, setPainted] = useState(false);
  const [version, setVersion] = useState(0);
  const last = useRef<{ x: number; y: number } | undefined>(undefined);

  const context = () => canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  const refresh = useCallback(() => {
    setUndoDepth(undoStack.current.length);
    setVersion((v) => v + 1);
    const ctx = canvas.current?.getContext('2d', { willReadFrequently: true });
    if (!ctx) return setPainted(false);
    const { data } = ctx.getImageData(0, 0, width, height);
    let any = false;
    for (let i = 3; i < data.length; i += 4) {
      if ((data[i] as number) >= PAINTED_ALPHA) {
        any = true;
        break;
      }
    }
    setPainted(any);
  }, [width, height]);

  const snapshot = () => {
    const ctx = context();
    if (!ctx) return;
    undoStack.current.push(ctx.getImageData(0, 0, width, height));
    if (undoStack.current.length > maxUndo) undoStack.current.shift();
  };

  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = context();
    if (!ctx) return;
    ctx.save();
    ctx.globalCompositeOperation = tool === 'eraser' ? 'destination-out' : 'source-over';
    ctx.strokeStyle = ctx.fillStyle = PAINT;
    // The eraser is a little wider, so it also takes the soft edge a brush leaves.
    const size = tool === 'eraser' ? brushSize + 2 : brushSize;
    ctx.lineWidth = size;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    if (from.x === to.x && from.y === to.y) {
      ctx.arc(to.x, to.y, size / 2, 0, Math.PI * 2);
      ctx.fill();
    } else {
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
    }
    ctx.restore();
  };

  const pointOf = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - rect.left) * width) / (rect.width || width);
    const y = ((event.clientY - rect.top) * height) / (rect.height || height);
    return { x: Math.round(x), y: Math.round(y) };
  };

  const undo = useCallback(() => {
    const ctx = canvas.current?.getContext('2d', { willReadFrequently: true });
    const previous = undoStack.current.pop();
    if (ctx && previous) ctx.putImageData(previous, 0, 0);
    refresh();
  }, [refresh]);

  const clear = useCallback(() => {
    const ctx = canvas.current?.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    undoStack.current.push(ctx.getImageData(0, 0, width, height));
    ctx.clearRect(0, 0, width, height);
    refresh();
  }, [refresh, width, height]);

  const setBrushSize = useCallback((size: number) => {
    setBrushSizeState(Math.max(1, Math.min(512, Math.round(size))));
  }, []);

  const toBlob = useCallback(async (): Promise<Blob> => {
    const out = document.createElement('canvas');
    out.width = width;
    out.height = height;
    const octx = out.getContext('2d');
    const source = canvas.current?.getContext('2d', { willReadFrequently: true });
    if (!octx) throw new Error('This browser cannot draw on a canvas, so no mask can be made.');
    const mask = octx.createImageData(width, height);
    const paint = source?.getImageData(0, 0, width, height).data;
    for (let i = 0; i < mask.data.length; i += 4) {
      mask.data[i + 3] = paint && (paint[i + 3] as number) >= PAINTED_ALPHA ? 0 : 255;
    }
    octx.putImageData(mask, 0, 0);
    return new Promise((resolve, reject) =>
      out.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The mask could not be encoded.'))),
        'image/png',
      ),
    );
  }, [width, height]);

  const handlers = {
    onPointerDown(event: PointerEvent<HTMLCanvasElement>) {
      if (event.button !== 0) return;
      event.currentTarget.setPointerCapture?.(event.pointerId);
      snapshot();
      const point = pointOf(event);
      last.current = point;
      setCursor(point);
      stroke(point, point);
    },
    onPointerMove(event: PointerEvent<HTMLCanvasElement>) {
      const point = pointOf(event);
      setCursor(point);
      if (!last.current) return;
      stroke(last.current, point);
      last.current = point;
    },
    onPointerUp() {
      if (!last.current) return;
      last.current = undefined;
      refresh();
    },
    onKeyDown(event: KeyboardEvent<HTMLCanvasElement>) {
      const step = Math.max(1, Math.round(brushSize / (event.shiftKey ? 1 : 4)));
      const moves: Record<string, [number, number]> = {
        ArrowLeft: [-step, 0],
        ArrowRight: [step, 0],
        ArrowUp: [0, -step],
        ArrowDown: [0, step],
      };
      const move = moves[event.key];
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        undo();
      } else if (move) {
        event.preventDefault();
        setCursor((c) => ({
          x: Math.max(0, Math.min(width - 1, c.x + move[0])),
          y: Math.max(0, Math.min(height - 1, c.y + move[1])),
        }));
      } else if (event.key === ' ') {
        event.preventDefault();
        snapshot();
        stroke(cursor, cursor);
        refresh();
      }
    },
  };

  const ref = useCallback((node: HTMLCanvasElement | null) => {
    canvas.current = node;
  }, []);

  const label = `Mask painter, ${tool === 'brush' ? 'brush' : 'eraser'} ${brushSize} px`;
  const getCanvasProps = (): MaskCanvasProps => ({
    ref,
    width,
    height,
    tabIndex: 0,
    role: 'application',
    'aria-roledescription': 'mask painter',
    'aria-label': `${label}. Arrow keys move the cursor, Space paints, Ctrl+Z undoes.`,
    'data-tool': tool,
    style: { touchAction: 'none' },
    ...handlers,
  });

  return {
    getCanvasProps,
    tool,
    setTool,
    brushSize,
    setBrushSize,
    cursor,
    canUndo: undoDepth > 0,
    undo,
    clear,
    painted,
    version,
    toBlob,
  };
}
