// An object URL for an asset's bytes, held from the library's shared cache while the component
// is mounted and released when it unmounts or asks for another asset.
import { useEffect, useState } from 'react';
import type { AssetVariant } from '../core/types';
import { useMediaLibraryContext } from './media-library-provider';
import { useAsset } from './use-asset';

/** What {@link useAssetUrl} returns. */
export interface UseAssetUrlResult {
  /** The object URL, once `status` is 'ready'. */
  url?: string;
  status: 'loading' | 'ready' | 'error';
  /** Why it failed, e.g. an `AssetNotFoundError`. */
  error?: Error;
}

interface Held extends UseAssetUrlResult {
  /** Which asset and variant this result belongs to. */
  key: string;
}

/**
 * Acquires an object URL for the asset's thumbnail (default) or original bytes from
 * `library.urls`. Components showing the same asset share one URL; the cache revokes it a
 * short while after the last one unmounts. With no `id` it stays 'loading'.
 *
 * URLs are inert: an original of a type a browser would run as a document (SVG, HTML, XML, or
 * any type not known to be safe) comes as `text/plain` or `application/octet-stream`, so it
 * cannot run script on the app's origin when opened in a tab. Such an original does not render
 * in an `<img>`: show the `'thumbnail'` variant (always a raster image) instead, and save the
 * real bytes with `library.getBlob`.
 *
 * @example
 * const { url, status } = useAssetUrl(asset.id);
 * return status === 'ready' ? <img src={url} alt={asset.alt ?? ''} /> : <Placeholder />;
 */
export function useAssetUrl(
  id: string | undefined,
  variant: AssetVariant = 'thumbnail',
): UseAssetUrlResult {
  const { library } = useMediaLibraryContext('useAssetUrl');
  const key = `${variant}:${id ?? ''}`;
  const [held, setHeld] = useState<Held>({ key, status: 'loading' });
  // Which bytes the asset names now: a replaced file (here or in another tab) is read again.
  const bytes = useAsset(id)?.blobKey;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `bytes` changes when the asset's file is replaced; the URL is then acquired again.
  useEffect(() => {
    if (id === undefined) return;
    let active = true;
    let release: (() => void) | undefined;
    library.urls.acquire(id, variant).then(
      (handle) => {
        // Unmounted or switched to another asset before the bytes were read.
        if (!active) return handle.release();
        release = handle.release;
        setHeld({ key: `${variant}:${id}`, status: 'ready', url: handle.url });
      },
      (error: unknown) => {
        if (!active) return;
        const reason = error instanceof Error ? error : new Error(String(error));
        setHeld({ key: `${variant}:${id}`, status: 'error', error: reason });
      },
    );
    return () => {
      active = false;
      release?.();
    };
  }, [library, id, variant, bytes]);

  // A result for the previous id is never shown for the new one.
  if (held.key !== key) return { status: 'loading' };
  const { key: _key, ...result } = held;
  return result;
}
