// The details of one asset: preview, editable title/alt/description/tags, favorite,
// download and copy, collections, every stored fact, and AI provenance with a way to reuse it.
import {
  ActionIcon,
  Badge,
  Button,
  CloseButton,
  CopyButton,
  Group,
  ScrollArea,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { Collection, MediaAIGenerateRequest, MediaAsset } from '../core/index';
import {
  type AssetTextFieldProps,
  type UseAssetDetailsResult,
  useAsset,
  useAssetDetails,
  useMediaLibrary,
} from '../react/index';
import { AIBadge } from './ai-badge';
import { AssetFacts, HostDataFacts, ProvenanceFacts } from './asset-facts';
import { AssetThumbnail } from './asset-thumbnail';
import { CollectionPicker } from './collection-picker';
import { comboboxProps } from './combobox-props';
import { downloadAsset } from './download';
import { mutedDescription, mutedText } from './preset-colors';

// Lineage needs a pass over the library; its code loads with the first details shown.
const AssetLineage = lazy(() =>
  import('./asset-lineage').then((module) => ({ default: module.AssetLineage })),
);
// Replacing the file is rare next to viewing: its code loads with the first details shown.
const ReplaceFileButton = lazy(() =>
  import('./replace-file-button').then((module) => ({ default: module.ReplaceFileButton })),
);
// The edit studio behind "Edit" loads apart from the screen's first load.
const AssetEditButton = lazy(() => import('./asset-edit-button'));
const ExportForButton = lazy(() => import('./export-for-button'));
// Players, PDF pages and text load with the first details of a video, sound, PDF or text.
const AssetPreview = lazy(() =>
  import('./asset-preview').then((module) => ({ default: module.AssetPreview })),
);

/** Props of {@link AssetDetailsPanel}. */
export interface AssetDetailsPanelProps {
  assetId: string;
  onClose(): void;
  /** The library's collections; the panel now reads them itself, so this may be left out. */
  collections?: readonly Collection[];
  /** "Use this prompt again": called with the asset's generation settings. */
  onReusePrompt?(request: MediaAIGenerateRequest): void;
  onError?(error: Error): void;
  /** Shows another asset's details, from "Derived from …" and the versions list. */
  onSelectAsset?(id: string): void;
  /** "View": opens the asset full screen. */
  onView?(id: string): void;
}

/** Details of one asset; renders a short note when the asset is gone. */
export function AssetDetailsPanel(props: AssetDetailsPanelProps) {
  const asset = useAsset(props.assetId);
  if (!asset) {
    return (
      <Stack p="md" gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h5">
            Details
          </Title>
          <CloseButton aria-label="Close details" onClick={props.onClose} />
        </Group>
        <Text size="sm" c={mutedText}>
          This asset is no longer in the library.
        </Text>
      </Stack>
    );
  }
  // Keyed by id so the drafts below start fresh for each asset.
  return <Details key={asset.id} asset={asset} {...props} />;
}

type DetailsProps = AssetDetailsPanelProps & { asset: MediaAsset };

function Details(props: DetailsProps) {
  const { asset, onClose, onReusePrompt, onSelectAsset } = props;
  const details = useAssetDetails(asset.id, { onError: props.onError });
  const ratio = asset.width && asset.height ? asset.width / asset.height : 1;
  const shownRatio = Math.min(2, Math.max(0.5, ratio));
  const source = asset.source;
  const reuse = details.reuseRequest;

  return (
    <Stack h="100%" gap={0} component="section" aria-label="Asset details">
      <Group justify="space-between" p="sm" wrap="nowrap">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={2} size="h5" lineClamp={1}>
            {details.label}
          </Title>
          <AIBadge source={source} />
        </Group>
        <CloseButton aria-label="Close details" onClick={onClose} />
      </Group>
      <ScrollArea style={{ flex: 1 }} px="sm" pb="sm">
        <Stack gap="sm">
          {details.isImage ? (
            <AssetThumbnail asset={asset} variant="original" fit="contain" ratio={shownRatio} />
          ) : (
            <Suspense fallback={<AssetThumbnail asset={asset} fit="contain" ratio={shownRatio} />}>
              <AssetPreview asset={asset} ratio={shownRatio} />
            </Suspense>
          )}
          {details.unreadableNote && (
            <Text size="sm" c={mutedText}>
              {details.unreadableNote}
            </Text>
          )}
          <DetailsActions {...props} details={details} />
          <DetailsFields details={details} />
          <DetailsCollections details={details} />
          {source.type === 'ai' && (
            <ProvenanceFacts
              source={source}
              onReusePrompt={onReusePrompt && reuse && (() => onReusePrompt(reuse))}
            />
          )}
          <Suspense fallback={null}>
            <AssetLineage asset={asset} {...(onSelectAsset ? { onSelectAsset } : {})} />
          </Suspense>
          <AssetFacts asset={asset} />
          <HostDataFacts asset={asset} />
        </Stack>
      </ScrollArea>
    </Stack>
  );
}

/** Favorite, Download, View, Edit, Export for…, Copy image, Replace file and Copy id. */
function DetailsActions({
  asset,
  details,
  onSelectAsset,
  onView,
  onError,
  onReusePrompt,
}: DetailsProps & { details: UseAssetDetailsResult }) {
  const library = useMediaLibrary();
  const fail = (error: unknown) =>
    onError?.(error instanceof Error ? error : new Error(String(error)));
  return (
    <Group gap="xs">
      <ActionIcon
        variant={details.favorite ? 'filled' : 'default'}
        color="yellow"
        aria-label="Favorite"
        aria-pressed={details.favorite}
        onClick={() => void details.toggleFavorite()}
      >
        ★
      </ActionIcon>
      <Button
        size="xs"
        variant="default"
        onClick={() => downloadAsset(library, asset.id).catch(fail)}
      >
        Download
      </Button>
      {onView && (
        <Button size="xs" variant="default" onClick={() => onView(asset.id)}>
          View
        </Button>
      )}
      <Suspense fallback={null}>
        <AssetEditButton
          asset={asset}
          onSelectAsset={onSelectAsset}
          onUseSettings={onReusePrompt}
        />
        <ExportForButton asset={asset} onSelectAsset={onSelectAsset} />
      </Suspense>
      {details.isImage && (
        <Button
          size="xs"
          variant="default"
          disabled={asset.unreadable === true}
          onClick={() => void details.copyImage()}
        >
          Copy image
        </Button>
      )}
      <Suspense fallback={null}>
        <ReplaceFileButton assetId={asset.id} onError={fail} />
      </Suspense>
      <CopyButton value={asset.id}>
        {({ copied, copy }) => (
          <Button size="xs" variant="subtle" onClick={copy}>
            {copied ? 'Copied' : 'Copy id'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

/**
 * The hook's field props for a Mantine input: value and handlers only. With its `name` and
 * `data-state` on the inputs the phone's details drawer stayed open after Close (the
 * DetailsOnPhone story), so the preset leaves them out.
 */
function inputProps({ name: _name, 'data-state': _state, ...props }: AssetTextFieldProps) {
  return props;
}

/**
 * How the details' text areas grow with their text. Where the browser sizes a field to its
 * content itself (CSS `field-sizing`, Chromium 123+), it does so with no script; elsewhere
 * Mantine's autosize measures the field. That measuring forced a layout of the whole page in
 * the commit that showed the details: 27 ms of a 36 ms task when a tile's details opened over
 * 100,000 assets (`pnpm bench scale`, traced). Decided once, in the browser: the fields render
 * only with an asset, which only the browser has.
 */
const grows: { autosize?: true; minRows?: number; rows?: number } =
  typeof CSS !== 'undefined' && CSS.supports?.('field-sizing', 'content')
    ? { rows: 1 }
    : { autosize: true, minRows: 1 };
const grownStyles = { input: { fieldSizing: 'content' } } as const;
const altStyles = { ...mutedDescription, ...grownStyles } as const;

/** Title, alt text (pictures only), description and tags, bound to the hook's drafts. */
function DetailsFields({ details }: { details: UseAssetDetailsResult }) {
  const title = inputProps(details.getFieldProps('title'));
  const alt = inputProps(details.getFieldProps('alt'));
  const description = inputProps(details.getFieldProps('description'));
  return (
    <>
      <TextInput label="Title" placeholder={details.asset?.name} {...title} />
      {details.isImage && (
        <Textarea
          label="Alt text"
          styles={altStyles}
          description="Describes the image for people who cannot see it"
          {...grows}
          {...alt}
        />
      )}
      <Textarea label="Description" styles={grownStyles} {...grows} {...description} />
      <TagsInput
        comboboxProps={comboboxProps}
        label="Tags"
        placeholder="Add a tag, press Enter"
        value={[...details.tags]}
        onChange={(next) => void details.setTags(next)}
      />
    </>
  );
}

/** The collections the asset is in, each removable, and the picker for another. */
function DetailsCollections({ details }: { details: UseAssetDetailsResult }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Collections
      </Text>
      <Group gap={4}>
        {details.collections.map((c) => (
          <Badge
            key={c.id}
            variant="light"
            rightSection={
              <CloseButton
                size="xs"
                aria-label={`Remove from ${c.name}`}
                onClick={() => void details.removeFromCollection(c.id)}
              />
            }
          >
            {c.name}
          </Badge>
        ))}
        <CollectionPicker
          collections={details.otherCollections}
          onPick={(pick) => void details.addToCollection(pick)}
        />
      </Group>
    </Stack>
  );
}
