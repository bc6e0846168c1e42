// The screen's dialogs, each loading its code on first use: the generate form, the edit studio,
// the Trash and the full-screen viewer, and the Undo notice after a delete. A visit that only browses or uploads never fetches them.
import { lazy, Suspense } from 'react';
import type { MediaAIGenerateRequest } from '../core/index';
import type { UseAIGenerationResult, UseDialogResult } from '../react/index';
import { ModalSheet } from './modal-sheet';

const GeneratePanel = lazy(() =>
  import('./generate-panel').then((module) => ({ default: module.GeneratePanel })),
);
const AssetEditPanel = lazy(() =>
  import('./asset-edit-panel').then((module) => ({ default: module.AssetEditPanel })),
);
const AssetViewer = lazy(() =>
  import('./asset-viewer').then((module) => ({ default: module.AssetViewer })),
);

const TrashPanel = lazy(() =>
  import('./trash-panel').then((module) => ({ default: module.TrashPanel })),
);
const UndoNotice = lazy(() =>
  import('./undo-notice').then((module) => ({ default: module.UndoNotice })),
);

const loading = <p className="text-sm">Loading…</p>;

/** "Generate images": the form, started from `initial` (Use again), on the screen's generation. */
export function GenerateDialog(props: {
  dialog: UseDialogResult;
  ai: UseAIGenerationResult;
  initial?: Partial<MediaAIGenerateRequest>;
}) {
  const { dialog, ai, initial } = props;
  return (
    <ModalSheet dialog={dialog} title="Generate images">
      <Suspense fallback={loading}>
        <GeneratePanel initial={initial} generation={ai} onGenerated={dialog.close} />
      </Suspense>
    </ModalSheet>
  );
}

/** "Edit image": the edit studio on `assetId`; a new version is shown through `onSelectAsset`. */
export function EditDialog(props: {
  dialog: UseDialogResult;
  assetId?: string;
  onSelectAsset(id: string): void;
}) {
  const { dialog, assetId, onSelectAsset } = props;
  return (
    <ModalSheet dialog={dialog} title="Edit image">
      {assetId && (
        <Suspense fallback={loading}>
          <AssetEditPanel assetId={assetId} onSelectAsset={onSelectAsset} />
        </Suspense>
      )}
    </ModalSheet>
  );
}

/** The full-screen viewer over `ids`, open while `request` is set. */
export function ViewerSlot(props: {
  ids: readonly string[];
  request?: { id: string };
  onClose(): void;
}) {
  if (!props.request) return null;
  return (
    <Suspense fallback={null}>
      <AssetViewer ids={props.ids} request={props.request} onClose={props.onClose} />
    </Suspense>
  );
}

/** "Trash": what was deleted, to restore or delete for good. */
export function TrashDialog({ dialog }: { dialog: UseDialogResult }) {
  return (
    <ModalSheet dialog={dialog} title="Trash">
      <Suspense fallback={loading}>
        <TrashPanel />
      </Suspense>
    </ModalSheet>
  );
}

/** Undo after a delete, at the foot of the screen; its code loads once the screen is up. */
export function UndoSlot() {
  return (
    <Suspense fallback={null}>
      <UndoNotice className="absolute inset-x-3 bottom-3 z-10 sm:left-auto sm:w-96" />
    </Suspense>
  );
}
