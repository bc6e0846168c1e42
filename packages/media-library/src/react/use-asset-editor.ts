// The edit form of one asset, headless: what the generator's models can do to it, the chosen
// operation, model and fields with their checks, the run with progress and cancel, and the
// quick in-browser transforms.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MediaAIEditOperation, MediaAIModelInfo, MediaAIProgress } from '../core/ai-types';
import { editWithAI } from '../core/edit/edit-with-ai';
import { type AssetTransform, transformAsset } from '../core/edit/transform-asset';
import type { ImportItemResult, MediaAsset } from '../core/types';
import {
  type AssetEditField,
  type AssetEditFieldErrors,
  type AssetEditValues,
  availableEditOperations,
  editOperationsOf,
  editRequestOf,
  explainEditError,
  INITIAL_EDIT_VALUES,
  validateEdit,
} from './asset-edit-form';
import { useMediaLibraryContext } from './media-library-provider';

/** What {@link useAssetEditor} returns. */
export interface UseAssetEditorResult {
  /** Edit operations some model of the generator takes; empty (hide Edit) without `editImages`. */
  operations: MediaAIEditOperation[];
  /** True until the generator's models are listed. */
  loadingModels: boolean;
  operation: MediaAIEditOperation | undefined;
  setOperation(operation: MediaAIEditOperation): void;
  /** The models that take the chosen operation. */
  models: MediaAIModelInfo[];
  model: string | undefined;
  setModel(model: string): void;
  values: AssetEditValues;
  setValue<K extends keyof AssetEditValues>(name: K, value: AssetEditValues[K]): void;
  /** What to fix, per field, after a `run()` the checks refused or a failure about a field. */
  fieldErrors: AssetEditFieldErrors;
  running: boolean;
  progress?: MediaAIProgress;
  /** The latest failure in words, with the field it is about when known. */
  error?: { message: string; field?: AssetEditField };
  /** The assets the latest run or transform made. */
  results: MediaAsset[];
  /** Checks the fields, edits the asset and resolves to the new assets (none when refused). */
  run(): Promise<MediaAsset[]>;
  /** Stops a running edit or transform; nothing of it is added. */
  cancel(): void;
  /** Crops, rotates or flips in the browser (no generator needed) into a new asset. */
  transform(transform: AssetTransform): Promise<MediaAsset[]>;
}

/**
 * Drives an edit of asset `assetId` with the provider's `ai` generator (`editWithAI`) and the
 * in-browser `transformAsset`. Results land in the library with `source.parentId` set.
 *
 * @example
 * const editor = useAssetEditor(asset.id);
 * if (editor.operations.includes('upscale')) editor.setOperation('upscale');
 * const [bigger] = await editor.run();
 */
export function useAssetEditor(assetId: string): UseAssetEditorResult {
  const { library, ai } = useMediaLibraryContext('useAssetEditor');
  const canEdit = typeof ai?.editImages === 'function';
  const [allModels, setAllModels] = useState<MediaAIModelInfo[]>([]);
  const [loadingModels, setLoadingModels] = useState(canEdit);
  const [chosenOperation, setOperation] = useState<MediaAIEditOperation>();
  const [chosenModel, setModel] = useState<string>();
  const [values, setValues] = useState<AssetEditValues>(INITIAL_EDIT_VALUES);
  const [fieldErrors, setFieldErrors] = useState<AssetEditFieldErrors>({});
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<MediaAIProgress>();
  const [error, setError] = useState<UseAssetEditorResult['error']>();
  const [results, setResults] = useState<MediaAsset[]>([]);
  const controller = useRef<AbortController>(undefined);

  useEffect(() => {
    let live = true;
    if (!canEdit || !ai?.listModels) {
      setLoadingModels(false);
      return;
    }
    ai.listModels()
      .then(
        (list) => {
          if (live) setAllModels(list);
        },
        () => undefined,
      )
      .finally(() => {
        if (live) setLoadingModels(false);
      });
    return () => {
      live = false;
    };
  }, [ai, canEdit]);
  useEffect(() => () => controller.current?.abort(), []);

  const editModels = useMemo(
    () => allModels.filter((m) => editOperationsOf(m).length > 0),
    [allModels],
  );
  const operations = useMemo(
    () => (canEdit ? availableEditOperations(editModels) : []),
    [canEdit, editModels],
  );
  const operation =
    chosenOperation && operations.includes(chosenOperation) ? chosenOperation : operations[0];
  const models = useMemo(
    () => (operation ? editModels.filter((m) => editOperationsOf(m).includes(operation)) : []),
    [editModels, operation],
  );
  const model = models.find((m) => m.id === chosenModel)?.id ?? models[0]?.id;

  const setValue = useCallback(
    <K extends keyof AssetEditValues>(name: K, value: AssetEditValues[K]) => {
      setValues((v) => ({ ...v, [name]: value }));
      setFieldErrors(({ [name as AssetEditField]: _, ...rest }) => rest);
    },
    [],
  );

  const settle = useCallback(async (work: (signal: AbortSignal) => Promise<ImportItemResult[]>) => {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setRunning(true);
    setError(undefined);
    setProgress(undefined);
    try {
      const items = await work(own.signal);
      const assets = items.flatMap((r) => ('asset' in r ? [r.asset] : []));
      const failure = items.find((r) => r.status === 'failed');
      if (assets.length === 0 && failure?.status === 'failed') throw failure.error;
      if (controller.current === own) setResults(assets);
      return assets;
    } catch (thrown) {
      if (controller.current === own) {
        const explained = explainEditError(thrown);
        setError(explained);
        if (explained.field) setFieldErrors({ [explained.field]: explained.message });
      }
      return [];
    } finally {
      if (controller.current === own) {
        controller.current = undefined;
        setRunning(false);
        setProgress(undefined);
      }
    }
  }, []);

  const run = useCallback(async (): Promise<MediaAsset[]> => {
    const info = models.find((m) => m.id === model);
    const errors = validateEdit(operation, info, values);
    setFieldErrors(errors);
    if (!ai || !operation || Object.keys(errors).length > 0) return [];
    const request = editRequestOf(operation, model, values);
    const mask =
      operation === 'inpaint' && values.mask
        ? new File([values.mask], 'mask.png', { type: 'image/png' })
        : undefined;
    return settle((signal) =>
      editWithAI(library, ai, assetId, mask ? { ...request, mask } : request, {
        signal,
        onProgress: setProgress,
      }),
    );
  }, [ai, assetId, library, model, models, operation, settle, values]);

  const transform = useCallback(
    (change: AssetTransform) =>
      settle(async (signal) => [await transformAsset(library, assetId, change, { signal })]),
    [assetId, library, settle],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  return {
    operations,
    loadingModels,
    operation,
    setOperation,
    models,
    model,
    setModel,
    values,
    setValue,
    fieldErrors,
    running,
    ...(progress ? { progress } : {}),
    ...(error ? { error } : {}),
    results,
    run,
    cancel,
    transform,
  };
}
