// Previews of a local placeholder while it "renders": the final image drawn first, then shown
// small and blurred, then sharper, so the keyless demo shows previews as a hosted model would.
import sharp from 'sharp';
import type { ImagePartial } from '../../spec/image-model';
import { type PlaceholderSpec, renderPlaceholder } from './render-placeholder';

/** Blur of each preview, roughest first: two previews, as a streaming model sends by default. */
const PREVIEW_BLUR = [8, 2.5] as const;
/** Previews are a quarter of the final size a side: small on the wire, fine in a preview box. */
const PREVIEW_SCALE = 4;

/** One image's final bytes and its previews, sent as its wait goes by. */
export interface LocalPreviews {
  /** Sends every preview due by `fraction` (0–1) of the image's wait. */
  onWait(fraction: number): void;
  /** Sends the previews not sent yet and returns the final image's bytes. */
  flush(): Uint8Array;
}

/**
 * Draws image `index` and its previews (deterministic PNGs: the same spec gives the same
 * bytes). Preview k is due at (k + 1) / (previews + 1) of the wait; without a wait, they all go
 * out just before the final image.
 */
export async function localPreviews(
  spec: PlaceholderSpec,
  index: number,
  onPartial: (partial: ImagePartial) => void,
): Promise<LocalPreviews> {
  const final = await renderPlaceholder(spec);
  const width = Math.max(8, Math.round(spec.width / PREVIEW_SCALE));
  const height = Math.max(8, Math.round(spec.height / PREVIEW_SCALE));
  const previews = await Promise.all(
    PREVIEW_BLUR.map(
      async (sigma) =>
        new Uint8Array(
          await sharp(final).resize(width, height, { fit: 'fill' }).blur(sigma).png().toBuffer(),
        ),
    ),
  );
  let sent = 0;
  const sendUpTo = (count: number) => {
    for (; sent < Math.min(count, previews.length); sent++) {
      onPartial({
        index,
        partialIndex: sent,
        bytes: previews[sent] as Uint8Array,
        mediaType: 'image/png',
      });
    }
  };
  return {
    onWait(fraction) {
      sendUpTo(Math.floor(fraction * (previews.length + 1) + 1e-9));
    },
    flush() {
      sendUpTo(previews.length);
      return final;
    },
  };
}
