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
import { lazy, Suspense, useState } from 'react';
import type { Collection, MediaAIGenerateRequest, MediaAsset } from '../core/index';
import { useAsset, useMediaLibrary } from '../react/index';
import { AIBadge } from './ai-badge';
import { AssetFacts, HostDataFacts, ProvenanceFacts } from './asset-facts';
import { AssetThumbnail } from './asset-thumbnail';
import { CollectionPicker } from './collection-picker';
import { downloadAsset } from './download';
import { assetLabel } from './format';
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
// Players, PDF pages and text load with the first details of a video, sound, PDF or text.
const AssetPreview = lazy(() =>
  import('./asset-preview').then((module) => ({ default: module.AssetPreview })),
);

/** Props of {@link AssetDetailsPanel}. */
export interface AssetDetailsPanelProps {
  assetId: string;
  onClose(): void;
  collections: readonly Collection[];
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

function Details({
  asset,
  onClose,
  collections,
  onReusePrompt,
  onError,
  onSelectAsset,
  onView,
}: AssetDetailsPanelProps & { asset: MediaAsset }) {
  const library = useMediaLibrary();
  const [title, setTitle] = useState(asset.title ?? '');
  const [alt, setAlt] = useState(asset.alt ?? '');
  const [description, setDescription] = useState(asset.description ?? '');
  const fail = (error: unknown) =>
    onError?.(error instanceof Error ? error : new Error(String(error)));
  const commit = (field: 'title' | 'alt' | 'description', value: string) => {
    if ((asset[field] ?? '') === value) return;
    library.update(asset.id, { [field]: value }).catch(fail);
  };
  const onTagsChange = (next: string[]) => {
    const added = next.filter((t) => !asset.tags.includes(t));
    const removed = asset.tags.filter((t) => !next.includes(t));
    Promise.all([
      added.length ? library.addTags(asset.id, added) : undefined,
      removed.length ? library.removeTags(asset.id, removed) : undefined,
    ]).catch(fail);
  };
  const ratio = asset.width && asset.height ? asset.width / asset.height : 1;
  const shownRatio = Math.min(2, Math.max(0.5, ratio));
  // Alt text and the clipboard's image are for pictures: a video or a PDF has neither.
  const image = asset.kind === 'image';
  const inCollections = collections.filter((c) => asset.collectionIds.includes(c.id));
  const source = asset.source;

  return (
    <Stack h="100%" gap={0} component="section" aria-label="Asset details">
      <Group justify="space-between" p="sm" wrap="nowrap">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={2} size="h5" lineClamp={1}>
            {assetLabel(asset)}
          </Title>
          <AIBadge source={source} />
        </Group>
        <CloseButton aria-label="Close details" onClick={onClose} />
      </Group>
      <ScrollArea style={{ flex: 1 }} px="sm" pb="sm">
        <Stack gap="sm">
          {image ? (
            <AssetThumbnail asset={asset} variant="original" fit="contain" ratio={shownRatio} />
          ) : (
            <Suspense fallback={<AssetThumbnail asset={asset} fit="contain" ratio={shownRatio} />}>
              <AssetPreview asset={asset} ratio={shownRatio} />
            </Suspense>
          )}
          {asset.unreadable && (
            <Text size="sm" c={mutedText}>
              {`This file's bytes don't decode as ${asset.mimeType}. Download keeps it exactly as it was imported.`}
            </Text>
          )}
          <Group gap="xs">
            <ActionIcon
              variant={asset.favorite ? 'filled' : 'default'}
              color="yellow"
              aria-label="Favorite"
              aria-pressed={asset.favorite}
              onClick={() => library.update(asset.id, { favorite: !asset.favorite }).catch(fail)}
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
              <AssetEditButton asset={asset} onSelectAsset={onSelectAsset} />
            </Suspense>
            {image && (
              <Button
                size="xs"
                variant="default"
                disabled={asset.unreadable === true}
                onClick={() => copyImage(library, asset).catch(fail)}
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
          <TextInput
            label="Title"
            value={title}
            placeholder={asset.name}
            onChange={(event) => setTitle(event.currentTarget.value)}
            onBlur={() => commit('title', title)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commit('title', title);
            }}
          />
          {image && (
            <Textarea
              label="Alt text"
              styles={mutedDescription}
              description="Describes the image for people who cannot see it"
              autosize
              minRows={1}
              value={alt}
              onChange={(event) => setAlt(event.currentTarget.value)}
              onBlur={() => commit('alt', alt)}
            />
          )}
          <Textarea
            label="Description"
            autosize
            minRows={1}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            onBlur={() => commit('description', description)}
          />
          <TagsInput
            label="Tags"
            placeholder="Add a tag, press Enter"
            value={asset.tags}
            onChange={onTagsChange}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Collections
            </Text>
            <Group gap={4}>
              {inCollections.map((c) => (
                <Badge
                  key={c.id}
                  variant="light"
                  rightSection={
                    <CloseButton
                      size="xs"
                      aria-label={`Remove from ${c.name}`}
                      onClick={() => library.removeFromCollection(c.id, asset.id).catch(fail)}
                    />
                  }
                >
                  {c.name}
                </Badge>
              ))}
              <CollectionPicker
                collections={collections.filter((c) => !asset.collectionIds.includes(c.id))}
                onPick={(pick) =>
                  (async () => {
                    const id =
                      typeof pick === 'string'
                        ? pick
                        : (await library.createCollection(pick.name)).id;
                    await library.addToCollection(id, asset.id);
                  })().catch(fail)
                }
              />
            </Group>
          </Stack>
          {source.type === 'ai' && (
            <ProvenanceFacts
              source={source}
              onReusePrompt={
                onReusePrompt &&
                (() =>
                  onReusePrompt({
                    prompt: source.prompt,
                    negativePrompt: source.negativePrompt,
                    model: source.model,
                    width: source.width ?? asset.width ?? 1024,
                    height: source.height ?? asset.height ?? 1024,
                    steps: source.steps,
                    seed: source.seed,
                  }))
              }
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

/** Puts the image on the clipboard; browsers accept PNG there, so other types are converted. */
async function copyImage(library: ReturnType<typeof useMediaLibrary>, asset: MediaAsset) {
  const blob = await library.getBlob(asset.id, 'original');
  if (!blob) throw new Error('This asset is no longer in the library.');
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write)
    throw new Error('This browser cannot copy images; use Download instead.');
  let png = blob;
  if (blob.type !== 'image/png') {
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    png = await canvas.convertToBlob({ type: 'image/png' });
  }
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
  await library.trackUsage(asset.id, 'share');
}
