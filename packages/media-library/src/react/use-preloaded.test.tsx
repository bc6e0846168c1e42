// @vitest-environment happy-dom
// preload and usePreloaded: the load starts when it is declared, nothing renders until the code
// is there (the server's HTML included), and a failed load is tried again by the next mount.
import { act, cleanup, render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, expect, it, vi } from 'vitest';
import { type Preloaded, preload, usePreloaded } from './use-preloaded';

afterEach(cleanup);

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

/** Renders the preloaded greeting once it is there. */
function Lazy({ greeting, name }: { greeting: Preloaded<typeof Greeting>; name: string }) {
  const Loaded = usePreloaded(greeting);
  return Loaded ? <Loaded name={name} /> : null;
}

/** A load the test settles itself. */
function deferredLoad() {
  const settle: { resolve?: () => void; reject?: (error: Error) => void } = {};
  const load = vi.fn(
    () =>
      new Promise<typeof Greeting>((resolve, reject) => {
        settle.resolve = () => resolve(Greeting);
        settle.reject = reject;
      }),
  );
  return { load, settle };
}

it('starts loading when declared, renders nothing meanwhile, then the loaded component', async () => {
  const { load, settle } = deferredLoad();
  const greeting = preload(load);
  expect(load).toHaveBeenCalledTimes(1);
  const { container } = render(<Lazy greeting={greeting} name="Ada" />);
  expect(container.innerHTML).toBe('');
  await act(async () => settle.resolve?.());
  expect(screen.getByText('Hello Ada')).toBeTruthy();
  // Loaded once: a later mount renders at once, without loading again.
  cleanup();
  render(<Lazy greeting={greeting} name="Grace" />);
  expect(screen.getByText('Hello Grace')).toBeTruthy();
  expect(load).toHaveBeenCalledTimes(1);
});

it("renders nothing on the server, whatever the browser's load", async () => {
  const greeting = preload(async () => Greeting);
  await Promise.resolve();
  expect(renderToString(<Lazy greeting={greeting} name="Ada" />)).toBe('');
});

it('tries a failed load again when the next component mounts', async () => {
  const { load, settle } = deferredLoad();
  const greeting = preload(load);
  const first = render(<Lazy greeting={greeting} name="Ada" />);
  await act(async () => settle.reject?.(new Error('offline')));
  expect(first.container.innerHTML).toBe('');
  first.unmount();
  render(<Lazy greeting={greeting} name="Ada" />);
  expect(load).toHaveBeenCalledTimes(2);
  await act(async () => settle.resolve?.());
  expect(screen.getByText('Hello Ada')).toBeTruthy();
});
