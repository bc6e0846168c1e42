// @vitest-environment happy-dom
// useSearchText: the box shows each key at once, the owner's change arrives in a transition
// (so a screen that suspends or takes long keeps showing its last results meanwhile), and a
// change made elsewhere replaces the box's text.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { type ChangeEvent, Suspense, use, useState } from 'react';
import { afterEach, expect, it } from 'vitest';
import { useSearchText } from './use-search-text';

afterEach(cleanup);

function SearchBox({ value, onText }: { value: string; onText(text: string): void }) {
  const props = useSearchText({
    type: 'search',
    'aria-label': 'Search',
    value,
    onChange: (event: ChangeEvent<HTMLInputElement>) => onText(event.currentTarget.value),
  });
  return <input {...props} />;
}

/** Results that wait, for as long as the test likes, on the text `waitOn`. */
function Results({ text, waitOn }: { text: string; waitOn: Promise<void> }) {
  if (text === 'fox') use(waitOn);
  return <p>results for "{text}"</p>;
}

function Screen({ waitOn = new Promise<void>(() => {}) }: { waitOn?: Promise<void> }) {
  const [text, setText] = useState('');
  return (
    <>
      <SearchBox value={text} onText={setText} />
      <button type="button" onClick={() => setText('')}>
        Clear all
      </button>
      <Suspense fallback={<p>loading</p>}>
        <Results text={text} waitOn={waitOn} />
      </Suspense>
    </>
  );
}

const box = () => screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search' });

it('shows the key at once and hands the text on', async () => {
  render(<Screen />);
  fireEvent.change(box(), { target: { value: 'cat' } });
  expect(box().value).toBe('cat');
  expect(await screen.findByText('results for "cat"')).toBeTruthy();
});

it('hands the text on in a transition: a screen that waits keeps its last results, not a fallback', async () => {
  let release = () => {};
  const waitOn = new Promise<void>((resolve) => {
    release = resolve;
  });
  render(<Screen waitOn={waitOn} />);
  fireEvent.change(box(), { target: { value: 'fo' } });
  expect(await screen.findByText('results for "fo"')).toBeTruthy();
  // An urgent update would hide the results behind the fallback while "fox" waits.
  await act(async () => {
    fireEvent.change(box(), { target: { value: 'fox' } });
  });
  expect(box().value).toBe('fox');
  expect(screen.queryByText('loading')).toBeNull();
  expect(screen.getByText('results for "fo"')).toBeTruthy();
  await act(async () => release());
  expect(await screen.findByText('results for "fox"')).toBeTruthy();
  expect(box().value).toBe('fox');
});

it('takes a change made elsewhere, even back to a text typed before', async () => {
  render(<Screen />);
  // "" is handed on once here, between two texts.
  fireEvent.change(box(), { target: { value: 'c' } });
  fireEvent.change(box(), { target: { value: '' } });
  fireEvent.change(box(), { target: { value: 'd' } });
  await screen.findByText('results for "d"');
  fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
  expect(await screen.findByText('results for ""')).toBeTruthy();
  expect(box().value).toBe('');
});

// An owner that applies the texts it was handed one at a time, when the test says.
function Queued() {
  const [queue, setQueue] = useState<string[]>([]);
  const [applied, setApplied] = useState('');
  const next = () => {
    const [first, ...rest] = queue;
    if (first !== undefined) setApplied(first);
    setQueue(rest);
  };
  return (
    <>
      <SearchBox value={applied} onText={(text) => setQueue((q) => [...q, text])} />
      <button type="button" onClick={next}>
        Apply next
      </button>
      <button type="button" onClick={() => setApplied('f')}>
        Set f
      </button>
    </>
  );
}

it('keeps newer keys when an older text comes back, and takes it once handed back', async () => {
  render(<Queued />);
  await act(async () => {
    fireEvent.change(box(), { target: { value: 'f' } });
    fireEvent.change(box(), { target: { value: 'fo' } });
  });
  const apply = screen.getByRole('button', { name: 'Apply next' });
  await act(async () => fireEvent.click(apply));
  expect(box().value).toBe('fo');
  await act(async () => fireEvent.click(apply));
  expect(box().value).toBe('fo');
  // Both came back: "f" from elsewhere now is a change of its own.
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Set f' })));
  expect(box().value).toBe('f');
});
