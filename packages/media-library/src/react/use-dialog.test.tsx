// @vitest-environment happy-dom
// useDialog through plain markup: the trigger and the dialog name and link each other, Escape
// closes it (not from a field), and the focus goes back to the opener or, when that is gone,
// to the fallback.
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type UseDialogOptions, useDialog } from './use-dialog';

afterEach(() => cleanup());

function Details(props: UseDialogOptions & { removeOpener?: boolean }) {
  const dialog = useDialog(props);
  const [gone, setGone] = useState(false);
  return (
    <>
      {!gone && (
        <button type="button" {...dialog.getTriggerProps()}>
          Details
        </button>
      )}
      <button type="button" data-testid="fallback">
        Grid
      </button>
      {dialog.open && (
        <section {...dialog.getDialogProps()}>
          <h2 {...dialog.getTitleProps()}>About the fox</h2>
          <input aria-label="Title" />
          <button type="button" onClick={dialog.close}>
            Close
          </button>
          <button type="button" onClick={() => setGone(true)}>
            Remove opener
          </button>
        </section>
      )}
    </>
  );
}

describe('useDialog', () => {
  it('links the trigger and the dialog, and names the dialog by its title', async () => {
    const user = userEvent.setup();
    render(<Details />);
    const trigger = screen.getByRole('button', { name: 'Details' });
    expect(trigger.getAttribute('aria-haspopup')).toBe('dialog');
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(trigger.hasAttribute('aria-controls')).toBe(false);

    await user.click(trigger);
    const dialog = screen.getByRole('dialog', { name: 'About the fox' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    expect(trigger.getAttribute('aria-controls')).toBe(dialog.id);
    expect(dialog.dataset.state).toBe('open');
  });

  it('closes on Escape inside it, but not from a field, and gives the focus back', async () => {
    const user = userEvent.setup();
    render(<Details />);
    const trigger = screen.getByRole('button', { name: 'Details' });
    await user.click(trigger);
    await user.click(screen.getByRole('textbox', { name: 'Title' }));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeTruthy();

    screen.getByRole('button', { name: 'Close' }).focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(trigger);

    // Closed by its button: the same.
    await user.click(trigger);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(document.activeElement).toBe(trigger);
  });

  it('hands the focus to the fallback when the opener is gone', async () => {
    const user = userEvent.setup();
    render(<Details fallbackFocus={() => screen.getByTestId('fallback')} />);
    await user.click(screen.getByRole('button', { name: 'Details' }));
    await user.click(screen.getByRole('button', { name: 'Remove opener' }));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(document.activeElement).toBe(screen.getByTestId('fallback'));
  });

  it('leaves the focus alone when told to, or when it has moved on', async () => {
    const user = userEvent.setup();
    render(<Details returnFocus={false} />);
    const trigger = screen.getByRole('button', { name: 'Details' });
    await user.click(trigger);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(document.activeElement).not.toBe(trigger);
  });

  it('follows a host that keeps the state', () => {
    const onOpenChange = vi.fn();
    const { result, rerender } = renderHook((open: boolean) => useDialog({ open, onOpenChange }), {
      initialProps: false,
    });
    act(() => result.current.show());
    expect(onOpenChange).toHaveBeenLastCalledWith(true);
    expect(result.current.open).toBe(false);
    rerender(true);
    expect(result.current.open).toBe(true);
    act(() => result.current.toggle());
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
  });
});
