// @vitest-environment happy-dom
// useMountStages: a client-only mount goes through every step, one commit each; a server render
// and the hydration of its HTML are whole from the start and stay whole.
import { act, cleanup, render } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, expect, it } from 'vitest';
import { useMountStages } from './use-mount-stages';

afterEach(cleanup);

function Steps({ seen }: { seen: number[] }) {
  const step = useMountStages(3);
  seen.push(step);
  return <p>{step >= 2 ? 'side panel' : 'frame'}</p>;
}

it('mounts a client-only screen step by step, each step committed before the next', async () => {
  const seen: number[] = [];
  const { container } = render(<Steps seen={seen} />);
  expect(container.textContent).toBe('side panel');
  // Every step in order, from the frame to the whole screen.
  expect([...new Set(seen)]).toEqual([0, 1, 2, 3]);
});

it('is whole on the server and while hydrating, and stays so', async () => {
  const server: number[] = [];
  const html = renderToString(<Steps seen={server} />);
  expect(server).toEqual([3]);
  expect(html).toContain('side panel');

  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  const browser: number[] = [];
  const errors: unknown[] = [];
  await act(async () => {
    hydrateRoot(container, <Steps seen={browser} />, { onRecoverableError: (e) => errors.push(e) });
  });
  expect(errors).toEqual([]);
  expect(browser.every((step) => step === 3)).toBe(true);
  expect(container.textContent).toBe('side panel');
  container.remove();
});

function Drawn({ ready }: { ready: boolean }) {
  return <p>{useMountStages(1, ready) === 1 ? 'drawn' : 'not yet'}</p>;
}

it('waits while not ready, then takes its steps, for good', () => {
  const { container, rerender } = render(<Drawn ready={false} />);
  expect(container.textContent).toBe('not yet');
  rerender(<Drawn ready />);
  expect(container.textContent).toBe('drawn');
  rerender(<Drawn ready={false} />);
  expect(container.textContent).toBe('drawn');
});
