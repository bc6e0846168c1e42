// Keyboard focus in a virtualised grid may move to a row outside the rendered window: the
// grid scrolls it in, and the focus lands on its cell once the row has rendered. Internal to
// the presets' grids.
import { type RefObject, useEffect } from 'react';

/**
 * While the focus is inside `scrollRef`'s grid, scrolls the focused cell's row into view
 * (`scrollToRow`) and focuses the cell (`[data-asset-id]`), looking again each frame for a
 * while since rows of a scrolled-to window may render a few frames later.
 */
export function useFocusedCellInView(
  scrollRef: RefObject<HTMLElement | null>,
  focusedId: string | undefined,
  focusedIndex: number,
  columns: number,
  scrollToRow: (row: number) => void,
): void {
  useEffect(() => {
    const root = scrollRef.current;
    if (!root || focusedId === undefined || !root.contains(document.activeElement)) return;
    if (focusedIndex < 0) return;
    scrollToRow(Math.floor(focusedIndex / columns));
    let frame = 0;
    let tries = 0;
    const focusCell = () => {
      const cell = root.querySelector<HTMLElement>(`[data-asset-id="${CSS.escape(focusedId)}"]`);
      if (!cell) {
        if (++tries < 30) frame = requestAnimationFrame(focusCell);
        return;
      }
      if (document.activeElement !== cell && !cell.contains(document.activeElement)) cell.focus();
    };
    frame = requestAnimationFrame(focusCell);
    return () => cancelAnimationFrame(frame);
  }, [scrollRef, focusedId, focusedIndex, columns, scrollToRow]);
}
