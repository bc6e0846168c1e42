// "Add to collection" from React: pick an existing collection or type a new one's name, then
// add; the form's state and its rule (one or the other, a name not blank) live here.
import { useState } from 'react';

/** Options of {@link useCollectionPicker}. */
export interface UseCollectionPickerOptions {
  /** An existing collection's id, or `{ name }` (trimmed) for a new collection. */
  onPick(pick: string | { name: string }): void;
}

/** What {@link useCollectionPicker} returns. */
export interface UseCollectionPickerResult {
  /** Whether the picker's popover or dialog is open. */
  opened: boolean;
  setOpened(opened: boolean): void;
  toggle(): void;
  /** The existing collection chosen, or `null`. */
  existing: string | null;
  setExisting(id: string | null): void;
  /** The new collection's name being typed; ignored (and best disabled) while one is chosen. */
  name: string;
  setName(name: string): void;
  /** Whether Add would do something: a collection chosen or a name that is not blank. */
  canSubmit: boolean;
  /** Picks, closes and starts over; does nothing when `canSubmit` is false. */
  submit(): void;
}

/**
 * The state of an "Add to collection" picker.
 *
 * @example
 * const picker = useCollectionPicker({ onPick: (pick) => details.addToCollection(pick) });
 * <form onSubmit={(e) => { e.preventDefault(); picker.submit(); }}>
 *   <input value={picker.name} onChange={(e) => picker.setName(e.target.value)} />
 *   <button disabled={!picker.canSubmit}>Add</button>
 * </form>
 */
export function useCollectionPicker({
  onPick,
}: UseCollectionPickerOptions): UseCollectionPickerResult {
  const [opened, setOpened] = useState(false);
  const [existing, setExisting] = useState<string | null>(null);
  const [name, setName] = useState('');
  const canSubmit = existing !== null || name.trim() !== '';
  return {
    opened,
    setOpened,
    toggle: () => setOpened((open) => !open),
    existing,
    setExisting,
    name,
    setName,
    canSubmit,
    submit: () => {
      if (existing) onPick(existing);
      else if (name.trim()) onPick({ name: name.trim() });
      else return;
      setOpened(false);
      setExisting(null);
      setName('');
    },
  };
}
