// The screen's header: title, Upload, From URL, Generate and the colour-scheme switch.
import {
  ActionIcon,
  Button,
  Group,
  Title,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { UrlImportButton } from './url-import';

/** Props of {@link LibraryHeader}. */
export interface LibraryHeaderProps {
  title?: string;
  onUpload(): void;
  onImportUrl(url: string): Promise<unknown>;
  /** Absent when the provider has no AI generator: the button is then not shown. */
  onGenerate?(): void;
}

/** Title and the primary actions of the library. */
export function LibraryHeader({
  title = 'Media library',
  onUpload,
  onImportUrl,
  onGenerate,
}: LibraryHeaderProps) {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const other = scheme === 'dark' ? 'light' : 'dark';
  return (
    <Group justify="space-between" px="md" py="sm" wrap="nowrap">
      <Title order={1} size="h3">
        {title}
      </Title>
      <Group gap="xs" wrap="nowrap">
        <Button onClick={onUpload}>Upload</Button>
        <UrlImportButton onImport={onImportUrl} />
        {onGenerate && (
          <Button
            variant="gradient"
            gradient={{ from: 'grape.8', to: 'indigo.8' }}
            onClick={onGenerate}
          >
            Generate
          </Button>
        )}
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
