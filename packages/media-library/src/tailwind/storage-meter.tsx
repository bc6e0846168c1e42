// How much room the library uses and has left, and a way to ask the browser to keep it.
import { useState } from 'react';
import { formatBytes, formatUsd } from '../core/index';
import { useStorage } from '../react/index';
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
  const { estimate, statistics, persisted, requestPersistence } = useStorage();
  const [asked, setAsked] = useState<boolean>();
  const limit = estimate?.cap ?? estimate?.originQuota;
  const used =
    estimate?.cap !== undefined
      ? estimate.libraryBytes
      : (estimate?.originUsage ?? statistics.bytesUsed);
  const percent = limit ? Math.min(100, (used / limit) * 100) : 0;
  const bar = percent > 90 ? 'bg-red-600' : percent > 75 ? 'bg-amber-500' : 'bg-indigo-600';
  return (
    <section aria-label="Storage" className={`flex flex-col gap-1.5 text-sm ${className}`}>
      <div className="flex items-baseline justify-between">
        <h2 className="font-semibold">Storage</h2>
        <span className={`text-xs ${muted}`}>
          {statistics.total.toLocaleString()} asset{statistics.total === 1 ? '' : 's'}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Storage used"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        className="h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
      >
        <div className={`h-full ${bar}`} style={{ width: `${percent}%` }} />
      </div>
      <p className={`text-xs ${muted}`}>
        {formatBytes(statistics.bytesUsed)} in this library
        {limit ? ` · ${formatBytes(Math.max(0, limit - used))} free` : ''}
      </p>
      {statistics.totalAiCostUsd > 0 && (
        <p className={`text-xs ${muted}`}>AI spend: {formatUsd(statistics.totalAiCostUsd)}</p>
      )}
      {persisted ? (
        <p className="text-xs text-teal-700 dark:text-teal-300">
          The browser will keep these files.
        </p>
      ) : (
        <div className="flex flex-col items-start gap-1">
          <p className={`text-xs ${muted}`}>
            Not kept for sure: the browser may clear these files when space runs low.
          </p>
          <button
            type="button"
            className={linkButton}
            onClick={() => requestPersistence().then(setAsked, () => setAsked(false))}
          >
            Keep files on this device
          </button>
          {asked === false && (
            <p className={`text-xs ${muted}`}>
              The browser said no for now; it may agree after you use this site more.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
