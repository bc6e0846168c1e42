// @vitest-environment happy-dom
// The end-of-batch summary: the line in words, the files not added with their reasons, and
// "Show" on a duplicate handing the existing asset's id to the screen.
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MediaLibraryError, UnreadableFileError } from '../core/errors';
import type { ImportItemResult, MediaAsset } from '../core/types';
import { ImportOutcomePanel } from './import-outcome';
import { closeLibraries, renderPreset } from './test-utils';

afterEach(() => {
  cleanup();
  closeLibraries();
});

const asset = (id: string, name: string) => ({ id, name }) as MediaAsset;
const results: ImportItemResult[] = [
  { status: 'imported', asset: asset('n1', 'new.png'), name: 'new.png' },
  { status: 'imported', asset: asset('n2', 'other.png'), name: 'other.png' },
  { status: 'duplicate', asset: asset('old-7', 'fox.png'), name: 'fox copy.png' },
  {
    status: 'failed',
    name: 'broken.png',
    error: new UnreadableFileError('broken.png', 'image/png'),
  },
];

describe('ImportOutcomePanel', () => {
  it('says what the batch did and lists what was not added, with reasons', () => {
    renderPreset(<ImportOutcomePanel results={results} onDismiss={() => {}} />);
    const panel = screen.getByRole('status', { name: 'Import summary' });
    expect(within(panel).getByText('2 added, 1 already in your library, 1 failed')).toBeTruthy();
    const items = within(screen.getByRole('list', { name: 'Files not added' })).getAllByRole(
      'listitem',
    );
    expect(items.map((item) => item.textContent)).toEqual([
      'fox copy.png: already in your library as fox.png',
      `broken.png: ${results[3]?.status === 'failed' ? results[3].error.message : ''}`,
    ]);
    // No way to reveal it was given, so no button that does nothing.
    expect(screen.queryByRole('button', { name: 'Show fox.png' })).toBeNull();
  });

  it('"Show" on a duplicate hands over the existing asset', async () => {
    const onShowAsset = vi.fn();
    const { user } = renderPreset(
      <ImportOutcomePanel results={results} onShowAsset={onShowAsset} onDismiss={() => {}} />,
    );
    await user.click(screen.getByRole('button', { name: 'Show fox.png' }));
    expect(onShowAsset).toHaveBeenCalledWith('old-7');
  });

  it('after a cancel, says how many were kept without listing each canceled file', async () => {
    const canceled = (name: string): ImportItemResult => ({
      status: 'failed',
      name,
      error: new MediaLibraryError('canceled', `${name} was not imported`),
    });
    const onDismiss = vi.fn();
    const { user } = renderPreset(
      <ImportOutcomePanel
        results={[results[0] as ImportItemResult, canceled('a.png'), canceled('b.png')]}
        onDismiss={onDismiss}
      />,
    );
    expect(screen.getByText('Canceled: 1 kept, 2 not imported')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Files not added' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Dismiss import summary' }));
    expect(onDismiss).toHaveBeenCalledOnce();
  });
});
