// The AI part of the edit studio: the operations the generator's models take, the model, the
// prompt, the mask and the fields the chosen operation uses, each with its error from
// useAssetEditor in words, then the estimate and the button that runs it.
import { useId } from 'react';
import type { MediaAIEditOperation, MediaAsset } from '../core/index';
import { formatUsd } from '../core/index';
import type { UseAssetEditorResult } from '../react/index';
import { input, label as labelClass, muted, primaryButton, secondaryButton } from './classes';
import { EditMaskPainter } from './edit-mask-painter';
import { EditNumbers, EditOperationOptions, editFieldBinding, segment } from './edit-options';
import { PanelField } from './panel-field';

const operationLabels: Record<MediaAIEditOperation, string> = {
  edit: 'Edit',
  inpaint: 'Inpaint',
  outpaint: 'Outpaint',
  variation: 'Variation',
  upscale: 'Upscale',
  'remove-background': 'Remove background',
};

/** Operation, model and the operation's fields, then the button that runs it. */
export function EditAIFields({
  asset,
  editor,
}: {
  asset: MediaAsset;
  editor: UseAssetEditorResult;
}) {
  const id = useId();
  const { operation, values, setValue, fieldErrors, running } = editor;
  if (!operation) return null;
  const { bind, error } = editFieldBinding(id, fieldErrors);
  const needsPrompt = operation === 'edit' || operation === 'inpaint';
  const takesPrompt = needsPrompt || operation === 'outpaint' || operation === 'variation';
  const each = editor.models.find((m) => m.id === editor.model)?.costPerImageUsd;
  return (
    <div className="flex flex-col gap-3">
      <h3 className="text-sm font-semibold">AI edit</h3>
      <EditOperationPicker editor={editor} name={`${id}-operation`} />
      {editor.models.length > 1 && (
        <PanelField label="Model" htmlFor={`${id}-model`} error={error('model')}>
          <select
            {...bind('model')}
            value={editor.model ?? ''}
            disabled={running}
            onChange={(event) => editor.setModel(event.currentTarget.value)}
            className={input}
          >
            {editor.models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </PanelField>
      )}
      {takesPrompt && (
        <PanelField
          label={needsPrompt ? 'Prompt' : 'Prompt (optional)'}
          htmlFor={`${id}-prompt`}
          error={error('prompt')}
        >
          <textarea
            {...bind('prompt')}
            rows={2}
            value={values.prompt}
            disabled={running}
            onChange={(event) => setValue('prompt', event.currentTarget.value)}
            className={input}
          />
        </PanelField>
      )}
      {operation === 'inpaint' && (
        <EditMaskPainter
          asset={asset}
          onChange={(mask) => setValue('mask', mask)}
          error={fieldErrors.mask}
        />
      )}
      <EditOperationOptions editor={editor} id={id} />
      <EditNumbers editor={editor} id={id} strength={takesPrompt && operation !== 'outpaint'} />
      {each !== undefined && (
        <p className={`text-sm ${muted}`}>Estimated cost: {formatUsd(each * (values.n || 1))}</p>
      )}
      <div className="flex gap-2">
        <button
          type="button"
          className={primaryButton}
          disabled={running}
          onClick={() => void editor.run()}
        >
          {operationLabels[operation]}
        </button>
        {running && (
          <button type="button" className={secondaryButton} onClick={editor.cancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}

/** The operations some model of the generator takes, as one radio group. */
function EditOperationPicker({ editor, name }: { editor: UseAssetEditorResult; name: string }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className={labelClass}>Operation</legend>
      <div className="flex flex-wrap gap-1">
        {editor.operations.map((op) => (
          <label key={op} className="inline-flex">
            <input
              type="radio"
              name={name}
              value={op}
              checked={op === editor.operation}
              disabled={editor.running}
              onChange={() => editor.setOperation(op)}
              className="peer sr-only"
            />
            <span className={segment}>{operationLabels[op]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
