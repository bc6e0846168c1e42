// useVirtualList in real Chromium (layout, scrolling, focus): a list of 10,000 rows renders only
// the rows in view, reaches the last one when scrolled there, says each row's place in the whole
// list, and keeps the row holding the focus rendered while it is scrolled out of view.
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, expect, it } from 'vitest';
import { useVirtualList } from './use-virtual-list';

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  root?.unmount();
  host?.remove();
});

const COUNT = 10_000;

const frames = async (n = 3) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};

function List({ rowHeight = 40 }: { rowHeight?: number }) {
  const list = useVirtualList<HTMLDivElement>({ count: COUNT, rowHeight, gap: 8 });
  return (
    <div ref={list.scrollRef} data-testid="scroller" style={{ height: 300, overflowY: 'auto' }}>
      <ul aria-label="Rows" {...list.listProps}>
        {list.rows.map(({ index, ...row }) => (
          <li key={index} {...row}>
            <button type="button">Row {index + 1}</button>
          </li>
        ))}
      </ul>
    </div>
  );
}

async function mount() {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  root.render(<List />);
  await frames();
  const scroller = host.querySelector('[data-testid="scroller"]') as HTMLElement;
  const rows = () => [...(host as HTMLElement).querySelectorAll('li')];
  const labels = () => rows().map((li) => li.textContent);
  const scrollTo = async (top: number) => {
    scroller.scrollTop = top;
    scroller.dispatchEvent(new Event('scroll'));
    await frames();
  };
  return { scroller, rows, labels, scrollTo };
}

it('renders only the rows in view, each with its place in the whole list', async () => {
  const { scroller, rows } = await mount();
  // 300 px of 48 px rows: 7 in view, a few more on each side, never thousands.
  expect(rows().length).toBeGreaterThanOrEqual(7);
  expect(rows().length).toBeLessThan(20);
  expect(scroller.scrollHeight).toBe(COUNT * 48 - 8);
  const first = rows()[0] as HTMLElement;
  expect(first.getAttribute('aria-posinset')).toBe('1');
  expect(first.getAttribute('aria-setsize')).toBe(String(COUNT));
  expect(first.getBoundingClientRect().height).toBe(40);
});

it('renders the last rows when scrolled to the bottom', async () => {
  const { scroller, rows, labels, scrollTo } = await mount();
  await scrollTo(scroller.scrollHeight);
  expect(labels()).toContain(`Row ${COUNT}`);
  expect(labels()).not.toContain('Row 1');
  expect(rows().length).toBeLessThan(20);
  const last = rows().at(-1) as HTMLElement;
  expect(last.getAttribute('aria-posinset')).toBe(String(COUNT));
  // Placed where it belongs: its bottom is the list's bottom.
  expect(Math.round(last.getBoundingClientRect().bottom)).toBe(
    Math.round(scroller.getBoundingClientRect().bottom),
  );
});

it('keeps the focused row rendered, and focused, while it is scrolled out of view', async () => {
  const { scroller, labels, scrollTo } = await mount();
  const button = (host as HTMLElement).querySelector('button') as HTMLButtonElement;
  button.focus();
  await frames();
  await scrollTo(scroller.scrollHeight / 2);
  expect(labels()).toContain('Row 1');
  expect(labels()).toContain(`Row ${COUNT / 2}`);
  expect(document.activeElement).toBe(button);
  // The focus moves on: the first row is no longer kept.
  const later = [...(host as HTMLElement).querySelectorAll('button')].at(-1) as HTMLButtonElement;
  later.focus();
  await scrollTo(scroller.scrollHeight / 2 + 48);
  expect(labels()).not.toContain('Row 1');
});

it('lays the rows out again when their height changes', async () => {
  const { scroller, rows } = await mount();
  root?.render(<List rowHeight={60} />);
  await frames();
  expect(scroller.scrollHeight).toBe(COUNT * 68 - 8);
  const first = rows()[0] as HTMLElement;
  const second = rows()[1] as HTMLElement;
  expect(first.getBoundingClientRect().height).toBe(60);
  expect(second.getBoundingClientRect().top - first.getBoundingClientRect().top).toBe(68);
});
