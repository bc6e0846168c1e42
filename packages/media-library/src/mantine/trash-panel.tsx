// The Trash as a panel: each trashed asset with Restore and Delete forever, and Empty Trash;
// the destructive two ask first. Loaded on first use, from the Trash button.
import { Alert, Box, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { assetLabel } from '../core/format';
import type { MediaAsset } from '../core/types';
import { type UseTrashResult, useTrash, useVirtualList } from '../react/index';
import { AssetThumbnail } from './asset-thumbnail';
import { formatBytes, formatDate } from './format';

/** Props of {@link TrashPanel}. */
export interface TrashPanelProps {
  /** The Trash to show; default: `useTrash()` of the library in context. */
  trash?: UseTrashResult;
}

/**
 * The Trash: its assets (newest deleted first, each with its thumbnail) with Restore and Delete
 * forever, and Empty
 * Trash, each destructive action after a confirmation. Render inside `MediaLibraryProvider`
 * (and Mantine's provider). Given a `trash` of the host's own, it leaves the confirmation to the
 * host: render {@link TrashConfirm} with the same `trash` outside the dialog holding the panel.
 *
 * @example
 * ```tsx
 * <MediaLibraryProvider library={library}>
 *   <TrashPanel />
 * </MediaLibraryProvider>
 * ```
 */
export function TrashPanel({ trash }: TrashPanelProps) {
  const own = useTrash();
  const t = trash ?? own;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm">
          {t.count === 0
            ? 'The Trash is empty.'
            : `${t.count.toLocaleString()} ${t.count === 1 ? 'asset' : 'assets'}, ${formatBytes(t.bytes)}. ` +
              'Their space is freed when the Trash is emptied.'}
        </Text>
        {t.count > 0 && (
          <Button color="red" variant="light" onClick={t.requestEmpty} disabled={t.busy}>
            Empty Trash
          </Button>
        )}
      </Group>
      {t.error && (
        <Alert color="red" title="That did not work">
          {t.error}
        </Alert>
      )}
      {t.count > 0 && <TrashList trash={t} />}
      {/* Beside a Trash dialog the host shows the question itself, so two dialogs never stack. */}
      {!trash && <TrashConfirm trash={t} />}
    </Stack>
  );
}

/** Height of a row of the Trash: its thumbnail's. */
const TRASH_ROW_HEIGHT = 56;

/**
 * The Trash's assets, each with Restore and Delete forever. Only the rows in view render (the
 * list scrolls within 60 % of the window's height), so a Trash of thousands opens at once.
 */
function TrashList({ trash: t }: { trash: UseTrashResult }) {
  const list = useVirtualList<HTMLDivElement>({
    count: t.items.length,
    rowHeight: TRASH_ROW_HEIGHT,
    gap: 8,
  });
  return (
    <Box ref={list.scrollRef} mah="60vh" style={{ overflowY: 'auto' }}>
      <Box component="ul" aria-label="Trash" {...list.listProps}>
        {list.rows.map(({ index, ...row }) => {
          const asset = t.items[index] as MediaAsset;
          return (
            <Group
              component="li"
              key={asset.id}
              {...row}
              justify="space-between"
              wrap="nowrap"
              gap="xs"
            >
              {/* The bytes stay until the Trash is emptied, so the picture can still be shown. */}
              <Box w={56} style={{ flex: 'none' }}>
                <AssetThumbnail asset={asset} />
              </Box>
              <div style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm" truncate>
                  {assetLabel(asset)}
                </Text>
                <Text size="xs">
                  {formatBytes(asset.size)}
                  {asset.trashedAt !== undefined && `, deleted ${formatDate(asset.trashedAt)}`}
                </Text>
              </div>
              <Group gap={4} wrap="nowrap">
                <Button
                  size="xs"
                  variant="default"
                  disabled={t.busy}
                  onClick={() => t.restore(asset.id)}
                  aria-label={`Restore ${assetLabel(asset)}`}
                >
                  Restore
                </Button>
                <Button
                  size="xs"
                  color="red"
                  variant="subtle"
                  disabled={t.busy}
                  onClick={() => t.requestDeleteForever(asset.id)}
                  aria-label={`Delete ${assetLabel(asset)} forever`}
                >
                  Delete forever
                </Button>
              </Group>
            </Group>
          );
        })}
      </Box>
    </Box>
  );
}

/** Props of {@link TrashConfirm}. */
export interface TrashConfirmProps {
  /** The Trash whose `confirming` action is asked about. */
  trash: UseTrashResult;
}

/**
 * The question before a delete forever or an empty, open while `trash.confirming` is set;
 * Cancel is focused: it loses nothing.
 *
 * @example
 * ```tsx
 * const trash = useTrash();
 * return (
 *   <>
 *     <Modal opened={open && !trash.confirming} onClose={close} title="Trash">
 *       <TrashPanel trash={trash} />
 *     </Modal>
 *     <TrashConfirm trash={trash} />
 *   </>
 * );
 * ```
 */
export function TrashConfirm({ trash }: TrashConfirmProps) {
  const waiting = trash.confirming;
  const count = waiting?.ids.length ?? 0;
  const what = `${count} ${count === 1 ? 'asset' : 'assets'}`;
  return (
    <Modal
      opened={waiting !== undefined}
      onClose={trash.cancel}
      title={waiting?.action === 'empty' ? 'Empty the Trash?' : 'Delete forever?'}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Text size="sm" mb="md">
        {waiting?.action === 'empty'
          ? `The ${what} in the Trash and their files are removed from this browser.`
          : `The ${what} and ${count === 1 ? 'its file are' : 'their files are'} removed from this browser.`}{' '}
        This cannot be undone.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={trash.cancel} data-autofocus>
          Cancel
        </Button>
        <Button color="red" onClick={trash.confirm}>
          {waiting?.action === 'empty' ? 'Empty Trash' : 'Delete forever'}
        </Button>
      </Group>
    </Modal>
  );
}

export default TrashPanel;
