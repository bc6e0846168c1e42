// An asset's details as an overlay, for a screen too narrow to keep them beside the grid: a
// drawer from the right, the whole width of a phone, named after the asset it shows.
import { Box, Drawer } from '@mantine/core';
import type { ReactNode } from 'react';
import { useAsset } from '../react/index';
import { assetLabel } from './format';

/** Props of {@link AssetDetailsDrawer}. */
export interface AssetDetailsDrawerProps {
  /** The asset shown, kept while the drawer closes so it slides out with its content. */
  assetId: string | undefined;
  opened: boolean;
  onClose(): void;
  /** The details themselves: an AssetDetailsPanel, whose own Close button ends the drawer. */
  children: ReactNode;
  /** Shown above the details, e.g. what just failed in them, where the person is looking. */
  alert?: ReactNode;
}

/**
 * A modal drawer around the details. Mantine moves the focus into it on opening, keeps it
 * there, and hands it back on closing to what had it (the asset's cell); Escape closes it.
 */
export function AssetDetailsDrawer({
  assetId,
  opened,
  onClose,
  children,
  alert,
}: AssetDetailsDrawerProps) {
  const asset = useAsset(assetId);
  return (
    <Drawer.Root opened={opened} onClose={onClose} position="right" size="min(100%, 26rem)">
      <Drawer.Overlay />
      {/* Named here rather than by a Drawer.Title: the panel's own header shows the name. */}
      <Drawer.Content aria-label={asset ? assetLabel(asset) : 'Details'}>
        <Box h="100%" style={{ display: 'flex', flexDirection: 'column' }}>
          {alert && (
            <Box p="sm" pb={0}>
              {alert}
            </Box>
          )}
          <Box style={{ flex: 1, minHeight: 0 }}>{children}</Box>
        </Box>
      </Drawer.Content>
    </Drawer.Root>
  );
}
