// A generation whose dialog was closed: the header's Generate button carries its progress with
// a Cancel beside it, reopening the dialog shows the same run, and a failure is told there.
import type { StoryObj } from '@storybook/react-vite';
import { expect, screen, waitFor, within } from 'storybook/test';
import { createMockGenerator } from '../story-generators';
import { libraryLoaders } from '../story-providers';
import { type ScreenMeta, screenMeta, startThenClose } from '../story-screen';

const meta = { ...screenMeta, title: 'Preset/BackgroundGeneration' } satisfies ScreenMeta;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Closed mid-generation: the header shows the percent and a Cancel; reopening shows the run
 * with the focus on its Cancel. Left running, so the busy header is what axe checks.
 */
export const DialogClosed: Story = {
  loaders: libraryLoaders(6, { ai: () => createMockGenerator({ hang: true, stepMs: 300 }) }),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await startThenClose(context, 'a lighthouse at dusk');
    const busy = await canvas.findByRole('button', { name: /^Generating… \d+%$/ });
    await expect(busy).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Cancel generation' })).toBeVisible();

    await userEvent.click(busy);
    const dialog = within(await screen.findByRole('dialog', { name: 'Generate images' }));
    // (Visible once the dialog has faded in.)
    await waitFor(() =>
      expect(dialog.getByRole('progressbar', { name: 'Generation progress' })).toBeVisible(),
    );
    await expect(dialog.getByRole('textbox', { name: 'Prompt' })).toHaveValue(
      'a lighthouse at dusk',
    );
    await waitFor(() => expect(dialog.getByRole('button', { name: 'Cancel' })).toHaveFocus());
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expect(canvas.getByRole('button', { name: /^Generating…/ })).toHaveFocus();
  },
};

/** The same in the dark scheme. */
export const DialogClosedDark: Story = {
  ...DialogClosed,
  parameters: { colorScheme: 'dark' },
};

/** Cancel on the header stops the run: the button says Generate again and nothing is added. */
export const CanceledFromHeader: Story = {
  loaders: libraryLoaders(6, { ai: () => createMockGenerator({ hang: true, stepMs: 300 }) }),
  play: async (context) => {
    const { canvas, userEvent, loaded } = context;
    await startThenClose(context, 'a fox that never was');
    await userEvent.click(await canvas.findByRole('button', { name: 'Cancel generation' }));
    await expect(await canvas.findByRole('button', { name: 'Generate' })).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Cancel generation' })).toBeNull();
    await expect(canvas.getAllByRole('gridcell')).toHaveLength(6);
    await expect(loaded.library.query().total).toBe(6);
  },
};

/** It failed while the dialog was closed: the header says so, and the dialog shows why. */
export const FailedWhileClosed: Story = {
  loaders: libraryLoaders(6, {
    ai: () =>
      createMockGenerator({
        // Long enough a first step to close the dialog before the failure comes.
        stepMs: 2000,
        failWith: Object.assign(new Error('fetch failed'), { code: 'network_error' }),
      }),
  }),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await startThenClose(context, 'desert road');
    const failed = await canvas.findByRole(
      'button',
      { name: 'Generation failed' },
      { timeout: 10_000 },
    );
    await userEvent.click(failed);
    const dialog = within(await screen.findByRole('dialog', { name: 'Generate images' }));
    await expect(dialog.getByRole('alert')).toHaveTextContent('Could not reach the image server');
    await expect(dialog.getByRole('textbox', { name: 'Prompt' })).toHaveValue('desert road');
  },
};
