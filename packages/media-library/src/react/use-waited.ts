// A delay since a component's first render, as state. Internal to the presets' thumbnails.
import { useEffect, useState } from 'react';

/** False until `delayMs` has passed since the first render (true at once for 0 or less). */
export function useWaited(delayMs: number): boolean {
  const [waited, setWaited] = useState(delayMs <= 0);
  useEffect(() => {
    if (waited) return;
    const timer = setTimeout(() => setWaited(true), delayMs);
    return () => clearTimeout(timer);
  }, [waited, delayMs]);
  return waited;
}
