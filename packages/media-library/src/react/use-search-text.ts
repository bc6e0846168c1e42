// A search box that shows each key at once while the screen around it follows in a transition:
// the screen's render for a keystroke (the toolbar, the count, the grid over 100,000 assets)
// is one React may interrupt and spread over several tasks, and only the box renders urgently.
// It must be used in a component of its own, below the one that holds the search's state.
import { type ChangeEvent, startTransition, useEffect, useRef, useState } from 'react';

/** The controlled value and change handler the box would otherwise take directly. */
export interface SearchTextProps {
  value: string;
  onChange(event: ChangeEvent<HTMLInputElement>): void;
}

/**
 * Props for a search input over `props` (e.g. `useLibraryFilters().getSearchProps()`), with
 * the text kept here: a key updates this component at once and hands the change to `props`
 * inside `startTransition`, so the render of the screen around it (its grid over a large
 * library) can be interrupted and never holds the key up. A change made elsewhere (Clear all,
 * a saved view) replaces the text. Call it in a component of its own, below the one that holds
 * the search's state: that component is the one a key renders.
 *
 * @example
 * function SearchBox({ view }: { view: UseLibraryFiltersResult }) {
 *   return <input {...useSearchText(view.getSearchProps())} />;
 * }
 */
export function useSearchText<P extends SearchTextProps>(props: P): P {
  const { value, onChange } = props;
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // Texts handed on and not yet come back as `value`: their return is not a change from
  // elsewhere, even when a newer key has been typed meanwhile.
  const sent = useRef<string[]>([]);
  if (value !== seen) {
    setSeen(value);
    if (!sent.current.includes(value)) setText(value);
  }
  useEffect(() => {
    const at = sent.current.indexOf(value);
    if (at >= 0) sent.current.splice(0, at + 1);
  }, [value]);
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const next = event.currentTarget.value;
    setText(next);
    // A box whose owner never gives its texts back (it changes them) keeps only the newest.
    if (sent.current.push(next) > 50) sent.current.shift();
    startTransition(() => onChange(event));
  };
  return { ...props, value: text, onChange: change };
}
