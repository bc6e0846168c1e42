// Keyboard rules of the asset grid: where a navigation key moves focus in a grid of `count` items laid out `columns` per row.
// Pure, so the layout rules are readable (and testable) apart from React.

/**
 * The index a navigation key moves to from `current`, or `undefined` when the key does not
 * navigate. Arrows move by one item (wrapping across rows) or one row; Home/End go to the
 * row's ends, or with `command` (Ctrl/Cmd) to the first and last item.
 */
export function gridTargetIndex(
  key: string,
  current: number,
  count: number,
  columns: number,
  command: boolean,
): number | undefined {
  const last = count - 1;
  const rowStart = current - (current % columns);
  let next: number;
  switch (key) {
    case 'ArrowRight':
      next = current + 1;
      break;
    case 'ArrowLeft':
      next = current - 1;
      break;
    case 'ArrowDown':
      next = current + columns;
      // Above a short last row: go to its last item rather than nowhere.
      if (next > last) next = rowStart + columns <= last ? last : current;
      break;
    case 'ArrowUp':
      next = current - columns < 0 ? current : current - columns;
      break;
    case 'Home':
      next = command ? 0 : rowStart;
      break;
    case 'End':
      next = command ? last : rowStart + columns - 1;
      break;
    default:
      return undefined;
  }
  return Math.min(last, Math.max(0, next));
}

/** Keys typed into a field inside an item belong to the field, not to the grid. */
export function isEditableTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return (
    !!element && (/^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName) || element.isContentEditable)
  );
}
