// The edit studio's option fields: the upscale factor, how far an outpaint extends each side,
// and strength, results and seed, each marked and described by its error from useAssetEditor.
import type { UseAssetEditorResult } from '../react/index';
import { fieldError, input, label as labelClass } from './classes';
import { describedBy, PanelField } from './panel-field';

type Field = keyof UseAssetEditorResult['fieldErrors'];

/** A radio drawn as one segment of a row; the input before it is `peer sr-only`. */
export const segment =
  'cursor-pointer rounded-md border border-zinc-300 px-2 py-1 text-xs font-medium text-zinc-900 peer-checked:border-indigo-700 peer-checked:bg-indigo-700 peer-checked:text-white peer-focus-visible:ring-2 peer-focus-visible:ring-indigo-600 peer-focus-visible:ring-offset-2 peer-disabled:cursor-not-allowed peer-disabled:opacity-50 dark:border-zinc-600 dark:text-zinc-100 dark:peer-checked:border-indigo-400 dark:peer-checked:bg-indigo-400 dark:peer-checked:text-zinc-950';

const sides = ['top', 'right', 'bottom', 'left'] as const;
const numberOrNone = (text: string) => (text === '' ? undefined : Number(text));

/** Ids and ARIA state of a field and its error line, under one `useId` prefix. */
export function editFieldBinding(id: string, errors: UseAssetEditorResult['fieldErrors']) {
  return {
    error: (field: Field) => {
      const message = errors[field];
      return message ? { id: `${id}-${field}-error`, children: message } : undefined;
    },
    bind: (field: Field, hint?: boolean) => ({
      id: `${id}-${field}`,
      'aria-invalid': Boolean(errors[field]),
      'aria-describedby': describedBy(
        errors[field] && `${id}-${field}-error`,
        hint && `${id}-${field}-hint`,
      ),
    }),
  };
}

/** The upscale factor, or the outpaint's sides; nothing for the other operations. */
export function EditOperationOptions({ editor, id }: { editor: UseAssetEditorResult; id: string }) {
  const { operation, values, setValue, fieldErrors } = editor;
  if (operation === 'upscale')
    return (
      <fieldset className="flex flex-col gap-1">
        <legend className={labelClass}>Scale</legend>
        <div className="flex gap-1">
          {([2, 4] as const).map((scale) => (
            <label key={scale} className="inline-flex">
              <input
                type="radio"
                name={`${id}-scale`}
                checked={values.scale === scale}
                onChange={() => setValue('scale', scale)}
                className="peer sr-only"
              />
              <span className={segment}>×{scale}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  if (operation !== 'outpaint') return null;
  const errorId = fieldErrors.outpaint ? `${id}-outpaint-error` : undefined;
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={errorId}>
      <legend className={labelClass}>Extend by (px)</legend>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {sides.map((side) => (
          <PanelField
            key={side}
            label={`${side[0]?.toUpperCase()}${side.slice(1)}`}
            htmlFor={`${id}-outpaint-${side}`}
          >
            <input
              id={`${id}-outpaint-${side}`}
              type="number"
              min={0}
              max={2048}
              aria-invalid={Boolean(fieldErrors.outpaint)}
              value={values.outpaint[side]}
              onChange={(event) =>
                setValue('outpaint', {
                  ...values.outpaint,
                  [side]: Number(event.currentTarget.value) || 0,
                })
              }
              className={input}
            />
          </PanelField>
        ))}
      </div>
      {errorId && (
        <p id={errorId} className={fieldError}>
          {fieldErrors.outpaint}
        </p>
      )}
    </fieldset>
  );
}

/** Strength (for the prompt-led edits), number of results and seed. */
export function EditNumbers({
  editor,
  id,
  strength,
}: {
  editor: UseAssetEditorResult;
  id: string;
  strength: boolean;
}) {
  const { values, setValue, fieldErrors } = editor;
  const { bind, error } = editFieldBinding(id, fieldErrors);
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
      {strength && (
        <PanelField
          label="Strength"
          htmlFor={`${id}-strength`}
          hint="0–1: how far from the original"
          error={error('strength')}
        >
          <input
            {...bind('strength', true)}
            type="number"
            min={0}
            max={1}
            step={0.05}
            placeholder="Model default"
            value={values.strength ?? ''}
            onChange={(event) => setValue('strength', numberOrNone(event.currentTarget.value))}
            className={input}
          />
        </PanelField>
      )}
      <PanelField label="Results" htmlFor={`${id}-n`} error={error('n')}>
        <input
          {...bind('n')}
          type="number"
          min={1}
          value={values.n}
          onChange={(event) => setValue('n', Number(event.currentTarget.value))}
          className={input}
        />
      </PanelField>
      <PanelField label="Seed" htmlFor={`${id}-seed`} error={error('seed')}>
        <input
          {...bind('seed')}
          type="number"
          min={0}
          placeholder="Random"
          value={values.seed ?? ''}
          onChange={(event) => setValue('seed', numberOrNone(event.currentTarget.value))}
          className={input}
        />
      </PanelField>
    </div>
  );
}
