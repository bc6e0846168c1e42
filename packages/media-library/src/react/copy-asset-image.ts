// Putting an asset's image on the clipboard, for "Copy image" in any preset.
import type { MediaAsset, MediaLibrary } from '../core/types';

/**
 * Puts the image on the clipboard and counts a share; browsers accept PNG there, so other
 * types are converted first. Fails in words when the asset is gone or the browser cannot.
 */
export async function copyAssetImage(library: MediaLibrary, asset: MediaAsset): Promise<void> {
  const blob = await library.getBlob(asset.id, 'original');
  if (!blob) throw new Error('This asset is no longer in the library.');
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write)
    throw new Error('This browser cannot copy images; use Download instead.');
  let png = blob;
  if (blob.type !== 'image/png') {
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    png = await canvas.convertToBlob({ type: 'image/png' });
  }
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
  await library.trackUsage(asset.id, 'share');
}
