// The Tailwind preset's collections and tags over useCollections: create, show, rename and
// delete a collection; a tag as a filter, renamed and removed across the library.
import type { MediaLibrary } from '@medialoft/media-library';
import { CollectionsPanel } from '@medialoft/media-library/tailwind';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import '../../tailwind.css';
import { libraryLoaders, WithLibrary } from '../../story-providers';

/** The panel with the filter it sets shown in words. */
function PanelDemo() {
  const [collectionId, setCollectionId] = useState<string>();
  const [tags, setTags] = useState<string[]>([]);
  return (
    <div className="flex max-w-xs flex-col gap-3 p-4">
      <p data-testid="filter" className="text-sm">
        {collectionId ? 'one collection' : 'all assets'} · tags: {tags.join(', ') || 'none'}
      </p>
      <CollectionsPanel
        collectionId={collectionId}
        onCollectionChange={setCollectionId}
        tags={tags}
        onTagsChange={setTags}
      />
    </div>
  );
}

const meta = {
  title: 'Tailwind/CollectionsPanel',
  parameters: { preset: 'tailwind' },
  loaders: libraryLoaders(6),
  render: (_args, { loaded }) => (
    <WithLibrary loaded={loaded}>
      <PanelDemo />
    </WithLibrary>
  ),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * "New collection" asks for a name; Enter creates it and it shows with its count; pressing it
 * makes it the filter; Rename changes its name; Delete asks first, Cancel keeps it, Delete
 * removes it and the filter goes back to all assets. A tag toggles in and out of the filters.
 */
export const Manage: Story = {
  play: async ({ canvas, userEvent, loaded }) => {
    const collections = await canvas.findByRole('navigation', { name: 'Collections' });
    await userEvent.click(within(collections).getByRole('button', { name: 'New collection' }));
    await userEvent.keyboard('Trips{Enter}');
    const trips = await within(collections).findByRole('button', { name: /^Trips/ });
    await expect(trips).toHaveTextContent('0');
    await userEvent.click(trips);
    await expect(trips).toHaveAttribute('aria-pressed', 'true');
    await expect(canvas.getByTestId('filter')).toHaveTextContent('one collection');

    await userEvent.click(within(collections).getByRole('button', { name: 'Rename Trips' }));
    const field = within(collections).getByRole('textbox');
    await userEvent.clear(field);
    await userEvent.type(field, 'Journeys{Enter}');
    await within(collections).findByRole('button', { name: /^Journeys/ });
    const library = (loaded as { library: import('@medialoft/media-library').MediaLibrary })
      .library;
    await waitFor(() =>
      expect([...library.getState().collections.values()].map((c) => c.name)).toEqual(['Journeys']),
    );

    await userEvent.click(within(collections).getByRole('button', { name: 'Delete Journeys' }));
    const confirm = within(collections).getByRole('alertdialog');
    await expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(within(collections).getByRole('button', { name: /^Journeys/ })).toBeVisible();
    await userEvent.click(within(collections).getByRole('button', { name: 'Delete Journeys' }));
    await userEvent.click(
      within(within(collections).getByRole('alertdialog')).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() =>
      expect(within(collections).queryByRole('button', { name: /^Journeys/ })).toBeNull(),
    );
    await expect(canvas.getByTestId('filter')).toHaveTextContent('all assets');

    const tags = canvas.getByRole('navigation', { name: 'Tags' });
    const nature = within(tags).getByRole('button', { name: /^nature/ });
    await userEvent.click(nature);
    await expect(nature).toHaveAttribute('aria-pressed', 'true');
    await expect(canvas.getByTestId('filter')).toHaveTextContent('tags: nature');
    await userEvent.click(nature);
    await expect(canvas.getByTestId('filter')).toHaveTextContent('tags: none');
  },
};

/**
 * A tag renamed on every asset, the filter following it; a tag removed from every asset after
 * a confirmation that Cancel (focused first) declines.
 */
export const RenameAndRemoveTags: Story = {
  play: async ({ canvas, userEvent, loaded }) => {
    const library = (loaded as { library: MediaLibrary }).library;
    const tagged = (tag: string) => library.query().items.filter((a) => a.tags.includes(tag));
    const tags = await canvas.findByRole('navigation', { name: 'Tags' });
    const withNature = tagged('nature').length;
    await expect(withNature).toBeGreaterThan(0);
    await userEvent.click(within(tags).getByRole('button', { name: /^nature/ }));
    await expect(canvas.getByTestId('filter')).toHaveTextContent('tags: nature');

    await userEvent.click(within(tags).getByRole('button', { name: 'Rename tag nature' }));
    const field = within(tags).getByRole('textbox', { name: 'Rename tag nature' });
    await userEvent.clear(field);
    await userEvent.type(field, 'outdoors{Enter}');
    await waitFor(() => expect(tagged('outdoors')).toHaveLength(withNature));
    await expect(tagged('nature')).toHaveLength(0);
    await expect(await within(tags).findByRole('button', { name: /^outdoors/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(canvas.getByTestId('filter')).toHaveTextContent('tags: outdoors');

    const withTravel = tagged('travel').length;
    await expect(withTravel).toBeGreaterThan(0);
    await userEvent.click(within(tags).getByRole('button', { name: 'Remove tag travel' }));
    const confirm = within(tags).getByRole('alertdialog');
    await expect(confirm).toHaveTextContent(`Remove the tag "travel" from ${withTravel} asset`);
    await expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(tagged('travel')).toHaveLength(withTravel);
    await userEvent.click(within(tags).getByRole('button', { name: 'Remove tag travel' }));
    await userEvent.click(
      within(within(tags).getByRole('alertdialog')).getByRole('button', { name: 'Remove' }),
    );
    await waitFor(() => expect(tagged('travel')).toHaveLength(0));
    await waitFor(() => expect(within(tags).queryByRole('button', { name: /^travel/ })).toBeNull());
  },
};

/** The dark scheme with a collection made (axe checks the contrast). */
export const Dark: Story = {
  parameters: { colorScheme: 'dark' },
  play: async ({ canvas, userEvent }) => {
    const collections = await canvas.findByRole('navigation', { name: 'Collections' });
    await userEvent.click(within(collections).getByRole('button', { name: 'New collection' }));
    await userEvent.keyboard('Picks{Enter}');
    await userEvent.click(await within(collections).findByRole('button', { name: /^Picks/ }));
  },
};
