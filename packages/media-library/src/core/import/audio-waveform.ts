// A thumbnail for audio: its waveform, one bar per column, from the decoded samples. Decoding
// holds the whole signal in memory, so files past a size or duration cap get none.
import {
  createPreviewCanvas,
  encodePreview,
  type PreviewRequest,
  withDeadline,
} from './preview-canvas';
import type { RenderedThumbnail } from './thumbnail-render';

/** Files above this many bytes are not decoded for a waveform (50 MB). */
export const WAVEFORM_MAX_BYTES = 50 * 1024 * 1024;
/** Nor audio known to be longer than this many seconds (20 minutes). */
export const WAVEFORM_MAX_SECONDS = 20 * 60;
/**
 * Samples are decoded at this rate: a 400 px waveform needs no more, and it keeps a 20-minute
 * stereo file at 77 MB of samples instead of 420 MB at 44.1 kHz.
 */
const DECODE_RATE = 8000;
/** A decode not done by then is given up (the decoder keeps going, its result is dropped). */
const DECODE_BUDGET_MS = 15_000;
const BAR = 3;
const GAP = 1;

/** Options of {@link createAudioWaveform}. */
export interface WaveformRequest extends PreviewRequest {
  /** Seconds, when already measured: longer audio than the cap is not decoded at all. */
  duration?: number;
}

/**
 * The loudest absolute sample of any channel in each of `columns` equal slices, 0–1. A slice
 * with no samples (more columns than samples) is 0.
 */
export function computePeaks(channels: readonly Float32Array[], columns: number): Float32Array {
  const peaks = new Float32Array(Math.max(0, columns));
  const length = channels[0]?.length ?? 0;
  if (length === 0) return peaks;
  for (let column = 0; column < peaks.length; column++) {
    const start = Math.floor((column * length) / peaks.length);
    const end = Math.floor(((column + 1) * length) / peaks.length);
    let peak = 0;
    for (const samples of channels) {
      for (let i = start; i < end; i++) {
        const value = Math.abs(samples[i] ?? 0);
        if (value > peak) peak = value;
      }
    }
    peaks[column] = Math.min(1, peak);
  }
  return peaks;
}

/**
 * Decodes the audio with the browser's decoder and draws its peaks as bars, centred on a
 * transparent 4:3 canvas whose width is `maxSize`. Resolves `undefined` where there is no
 * audio decoder (Node), for files over {@link WAVEFORM_MAX_BYTES} or
 * {@link WAVEFORM_MAX_SECONDS}, for bytes that do not decode, and for silence. Never throws.
 */
export async function createAudioWaveform(
  blob: Blob,
  request: WaveformRequest,
): Promise<RenderedThumbnail | undefined> {
  try {
    if (blob.size > WAVEFORM_MAX_BYTES) return undefined;
    if (request.duration !== undefined && request.duration > WAVEFORM_MAX_SECONDS) return undefined;
    if (typeof OfflineAudioContext !== 'function') return undefined;
    const audio = await withDeadline(decode(await blob.arrayBuffer()), DECODE_BUDGET_MS);
    if (!audio || audio.duration > WAVEFORM_MAX_SECONDS) return undefined;
    const width = Math.max(8, Math.floor(request.maxSize));
    const height = Math.max(6, Math.round(width * 0.75));
    const channels = Array.from({ length: audio.numberOfChannels }, (_, i) =>
      audio.getChannelData(i),
    );
    const columns = Math.floor((width + GAP) / (BAR + GAP));
    const peaks = computePeaks(channels, columns);
    const loudest = peaks.reduce((max, peak) => Math.max(max, peak), 0);
    if (loudest === 0) return undefined;
    const canvas = createPreviewCanvas(width, height);
    if (!canvas) return undefined;
    const { context } = canvas;
    if (request.type === 'image/jpeg') {
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
    }
    context.fillStyle = '#228be6';
    const middle = height / 2;
    peaks.forEach((peak, column) => {
      // Scaled to the loudest peak, so quiet recordings still show their shape; at least
      // 1 px so silence reads as a line rather than a gap.
      const half = Math.max(0.5, ((peak / loudest) * (height * 0.9)) / 2);
      context.fillRect(column * (BAR + GAP), middle - half, BAR, half * 2);
    });
    return await encodePreview(canvas, request, width, height);
  } catch {
    return undefined;
  }
}

async function decode(bytes: ArrayBuffer): Promise<AudioBuffer | undefined> {
  try {
    const context = new OfflineAudioContext(1, 1, DECODE_RATE);
    return await context.decodeAudioData(bytes);
  } catch {
    return undefined;
  }
}
