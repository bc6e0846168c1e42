// examples/custom-preset: a UI of one's own from the public hooks alone (no Mantine component,
// no Tailwind), uploading and generating into a real library, with axe on every story.
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { CustomMediaLibrary } from '../../examples/custom-preset/custom-media-library';
import { createMockGenerator } from '../story-generators';
import { drawImage } from '../story-images';
import { libraryLoaders, WithLibrary } from '../story-providers';

const meta = {
  title: 'Custom preset/CustomMediaLibrary',
  loaders: libraryLoaders(0, { ai: () => createMockGenerator({ stepMs: 30 }) }),
  render: (_args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <CustomMediaLibrary />
    </WithLibrary>
  ),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** An upload lands in the grid, then a generated image joins it. */
export const UploadAndGenerate: Story = {
  play: async ({ canvas, userEvent }) => {
    await canvas.findByRole('heading', { name: 'My media (0)' });
    const photo = new File([await drawImage('harbour at noon', 64, 48)], 'harbour.png', {
      type: 'image/png',
    });
    await userEvent.upload(canvas.getByLabelText('Files to upload'), photo);
    const tile = await canvas.findByRole('gridcell', { name: 'harbour.png' });
    await waitFor(() => expect(tile.querySelector('img')?.naturalWidth).toBeGreaterThan(0));
    await expect(canvas.getByRole('heading', { name: 'My media (1)' })).toBeVisible();
    await expect(await canvas.findByText('1 added')).toBeVisible();

    // Nothing typed: the form names the field to fix and sends nothing.
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    await expect(canvas.getByLabelText('Prompt')).toHaveAttribute('aria-invalid', 'true');
    await userEvent.type(canvas.getByLabelText('Prompt'), 'a paper boat on a pond');
    await userEvent.selectOptions(canvas.getByLabelText('Size'), '512x512');
    await userEvent.click(canvas.getByRole('button', { name: 'Generate' }));
    await expect(
      await canvas.findByText('Added 1 image to the library.', {}, { timeout: 20_000 }),
    ).toBeVisible();
    await waitFor(() => expect(canvas.getAllByRole('gridcell')).toHaveLength(2));
    await expect(canvas.getByRole('heading', { name: 'My media (2)' })).toBeVisible();
    // Newest first: the generated image leads the grid, its thumbnail loaded.
    const first = canvas.getAllByRole('gridcell')[0] as HTMLElement;
    await expect(first).not.toHaveAccessibleName('harbour.png');
    await waitFor(() => expect(first.querySelector('img')?.naturalWidth).toBeGreaterThan(0));
  },
};

/** 80 assets: only the rows in view are in the page, and the keyboard reaches the last one. */
export const Virtualised: Story = {
  loaders: libraryLoaders(80),
  play: async ({ canvas, userEvent }) => {
    await canvas.findByRole('heading', { name: 'My media (80)' });
    const grid = canvas.getByRole('grid', { name: 'Assets' });
    await expect(grid).toHaveAttribute('aria-rowcount', '20');
    const cells = await canvas.findAllByRole('gridcell');
    await expect(cells.length).toBeLessThan(40);
    (cells[0] as HTMLElement).focus();
    await userEvent.keyboard('{Control>}{End}{/Control}');
    // Ctrl+End focuses the last item: its row, the 20th, was scrolled in and rendered.
    await waitFor(() =>
      expect(document.activeElement?.closest('[role=row]')).toHaveAttribute('aria-rowindex', '20'),
    );
    await expect(document.activeElement).toHaveAttribute('role', 'gridcell');
    await expect(grid.scrollTop).toBeGreaterThan(0);
    await expect(canvas.getAllByRole('gridcell').length).toBeLessThan(40);
  },
};
