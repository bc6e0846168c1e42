// A screen that mounts in steps holds its library's reading of the rest of the index until it
// has mounted (core/load-holds.ts says why).
import { useEffect } from 'react';
import { holdsOf } from '../core/load-holds';
import { useMediaLibraryContext } from './media-library-provider';
import { useMountStages } from './use-mount-stages';

/**
 * While `mounting` is true (and for 2 s at most), the library reads no more of its index than
 * it has: the first page shows at once, and the rest follows once the screen is up. For a
 * screen of your own that mounts in steps over a large library: reading the rest of 100,000
 * records makes objects in chunks, and those tasks would otherwise share its first frames. A
 * library that reads no index (one a host made by hand) is not affected.
 *
 * @example
 * const [stage, setStage] = useState(0);
 * useHoldIndexLoad(stage < 3); // held until the screen's third step has mounted
 */
export function useHoldIndexLoad(mounting: boolean): void {
  const { library } = useMediaLibraryContext('useHoldIndexLoad');
  useEffect(() => (mounting ? holdsOf.get(library)?.hold() : undefined), [library, mounting]);
}

/**
 * A screen's mount steps (useMountStages), holding the library's reading of the rest of its
 * index until the last step: the first page shows at once, the rest follows the screen.
 */
export function useScreenStages(count: number): number {
  const stage = useMountStages(count);
  useHoldIndexLoad(stage < count);
  return stage;
}
