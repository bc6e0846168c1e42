// How much room the library uses and has left, and a way to ask the browser to keep it: a skin
// over useStorageMeter.
import { useStorageMeter } from '../react/index';
import { linkButton, muted } from './classes';

/** Props of {@link StorageMeter}. */
export interface StorageMeterProps {
  /** Extra classes for the section, e.g. spacing from the host's layout. */
  className?: string;
}

/**
 * The storage meter: bytes used against the quota or cap, the AI spend, and the request that
 * asks the browser to keep the files. Render inside `MediaLibraryProvider`.
 */
export function StorageMeter({ className = '' }: StorageMeterProps) {
  const meter = useStorageMeter();
  return (
    <section aria-label="Storage" className={`flex flex-col gap-1.5 text-sm ${className}`}>
      <div className="flex items-baseline justify-between">
        <h2 className="font-semibold">Storage</h2>
        <span className={`text-xs ${muted}`}>{meter.assetsLabel}</span>
      </div>
      <div
        {...meter.getMeterProps('Storage used')}
        className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
      >
        <div
          className={
            meter.level === 'critical'
              ? 'h-full bg-red-600'
              : meter.level === 'warning'
                ? 'h-full bg-amber-500'
                : 'h-full bg-indigo-600'
          }
          style={{ width: `${meter.percent}%` }}
        />
      </div>
      <p className={`text-xs ${muted}`}>{meter.libraryLabel}</p>
      {meter.aiSpendLabel && <p className={`text-xs ${muted}`}>{meter.aiSpendLabel}</p>}
      {meter.persisted ? (
        <p className="text-xs text-teal-700 dark:text-teal-300">{meter.persistenceNote}</p>
      ) : (
        <div className="flex flex-col items-start gap-1">
          <p className={`text-xs ${muted}`}>{meter.persistenceNote}</p>
          <button
            type="button"
            className={linkButton}
            onClick={() => void meter.requestPersistence()}
          >
            Keep files on this device
          </button>
          {meter.refusalNote && <p className={`text-xs ${muted}`}>{meter.refusalNote}</p>}
        </div>
      )}
    </section>
  );
}
