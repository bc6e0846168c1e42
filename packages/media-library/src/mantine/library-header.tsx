// The screen's header: title, Upload, From URL, Generate (with a generation's progress and
// cancel while its dialog is closed), the Backup menu and the colour-scheme switch.
import {
  ActionIcon,
  Button,
  Group,
  rem,
  Title,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useHydrating } from '../react/use-library-state';
import { GenerateButton, type GenerationStatus } from './generate-button';
import { UrlImportButton } from './url-import';

// The Backup menu and the archive code behind it load with the header, apart from the screen's
// first bundle; until then its button stands in its place, and a press on it opens the menu
// once loaded.
const LibraryArchiveMenu = lazy(() =>
  import('./library-archive-menu').then((module) => ({ default: module.LibraryArchiveMenu })),
);

/** Props of {@link LibraryHeader}. */
export interface LibraryHeaderProps {
  title?: string;
  onUpload(): void;
  onImportUrl(url: string): Promise<unknown>;
  /** Absent when the provider has no AI generator: the button is then not shown. */
  onGenerate?(): void;
  /** The generation under way or failed, shown on the Generate button with its Cancel. */
  generation?: GenerationStatus;
  /**
   * Shows the Backup menu ("Export library", "Import library"), which needs a
   * MediaLibraryProvider around the header. Default true.
   */
  archive?: boolean;
  /** Selected asset ids, which the Backup menu then offers to export on their own. */
  selection?: readonly string[];
  /** The collection on screen, which the Backup menu then offers to export on its own. */
  collectionId?: string;
  /** Shown before the actions, e.g. the phone's "Library" button. */
  navigation?: ReactNode;
}

/**
 * The header's first frame while the screen mounts in steps: the title, at the height the
 * actions will give the row, so nothing below moves when they come.
 */
export function LibraryHeaderFrame({ title = 'Media library' }: { title?: string }) {
  return (
    <Group
      px="md"
      py="sm"
      // A default button's height (36 px) and the row's padding.
      mih={`calc(${rem(36)} + 2 * var(--mantine-spacing-sm))`}
      style={{ boxSizing: 'border-box' }}
    >
      <Title order={1} size="h3">
        {title}
      </Title>
    </Group>
  );
}

/** Title and the primary actions of the library. */
export function LibraryHeader({
  title = 'Media library',
  onUpload,
  onImportUrl,
  onGenerate,
  generation,
  archive = true,
  selection,
  collectionId,
  navigation,
}: LibraryHeaderProps) {
  const { setColorScheme } = useMantineColorScheme();
  const [backupPressed, setBackupPressed] = useState(false);
  const hydrating = useHydrating();
  const backup = (
    <Button variant="default" onClick={() => setBackupPressed(true)}>
      Backup
    </Button>
  );
  const scheme = useComputedColorScheme('light');
  const other = scheme === 'dark' ? 'light' : 'dark';
  return (
    // Where the title and the actions do not fit on one line (a phone, a busy Generate with its
    // Cancel), the actions go below the title and wrap among themselves, never off the screen.
    <Group justify="space-between" gap="xs" px="md" py="sm">
      <Title order={1} size="h3">
        {title}
      </Title>
      <Group gap="xs">
        {navigation}
        <Button onClick={onUpload}>Upload</Button>
        <UrlImportButton onImport={onImportUrl} />
        {onGenerate && <GenerateButton onOpen={onGenerate} status={generation} />}
        {archive &&
          // A server render (and its hydration) shows the stand-in: it cannot wait for code.
          (hydrating ? (
            backup
          ) : (
            <Suspense fallback={backup}>
              <LibraryArchiveMenu
                selection={selection}
                collectionId={collectionId}
                defaultOpened={backupPressed}
              />
            </Suspense>
          ))}
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={`Switch to ${other} mode`}
          onClick={() => setColorScheme(other)}
        >
          {scheme === 'dark' ? '☀' : '☾'}
        </ActionIcon>
      </Group>
    </Group>
  );
}
