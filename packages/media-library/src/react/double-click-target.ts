// Which item a double click meant. The first click of a double click may move the grid under
// the pointer (it opens the details beside the grid, which takes columns away), so the second
// click lands on another item. A person double-clicked the item they pointed at first: the
// second click, and the double click, belong to it.

/** The last first click in each grid: the item and when. */
const firstClicks = new WeakMap<Element, { id: string; at: number }>();

/** Longest time from a first click to a second that still makes one double click. */
const DOUBLE_CLICK_MS = 500;

const gridOf = (event: { currentTarget: EventTarget | null }) =>
  event.currentTarget instanceof Element ? event.currentTarget.closest('[role="grid"]') : null;

/**
 * The item `event` (a click or a double click on item `id`) belongs to: a later click of a
 * double click (`detail` 2 or more) that came soon after a first click on another item of the
 * same grid belongs to that one; any other click to `id`. A first click is remembered here.
 */
export function clickedItem(
  id: string,
  event: { detail: number; timeStamp: number; currentTarget: EventTarget | null },
): string {
  const grid = gridOf(event);
  if (!grid) return id;
  if (event.detail <= 1) {
    firstClicks.set(grid, { id, at: event.timeStamp });
    return id;
  }
  const first = firstClicks.get(grid);
  return first && event.timeStamp - first.at <= DOUBLE_CLICK_MS ? first.id : id;
}
