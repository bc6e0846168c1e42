// The storage meter's behaviour for any preset: how much is used of what limit, a level for
// colour, the figures in words, and whether the browser keeps the files (with the request).
import { useState } from 'react';
import { formatBytes, formatUsd } from '../core/format';
import { useStorage } from './use-storage';

/** How full the storage is: `warning` past 75 %, `critical` past 90 % (by default). */
export type StorageLevel = 'ok' | 'warning' | 'critical';

/** Options of {@link useStorageMeter}. */
export interface UseStorageMeterOptions {
  /** Percent above which the level is `warning`. Default 75. */
  warningAbove?: number;
  /** Percent above which the level is `critical`. Default 90. */
  criticalAbove?: number;
}

/** Props for the element that shows the meter (a `progressbar`, with its value in words). */
export type StorageMeterBarProps = {
  role: 'progressbar';
  'aria-label': string;
  'aria-valuemin': number;
  'aria-valuemax': number;
  'aria-valuenow': number;
  'aria-valuetext': string;
  'data-level': StorageLevel;
};

/** What {@link useStorageMeter} returns. */
export interface UseStorageMeterResult {
  /** Bytes counted against the limit: the library's under a cap, else the origin's usage. */
  used: number;
  /** The cap, else the browser's quota; `undefined` when neither is known. */
  limit: number | undefined;
  /** Bytes left under the limit. */
  free: number | undefined;
  /** 0–100; 0 without a limit. */
  percent: number;
  level: StorageLevel;
  /** "1.2 MB of 2 GB used", or "1.2 MB used" without a limit. */
  label: string;
  /** "1.2 MB in this library · 2 GB free". */
  libraryLabel: string;
  /** "1 asset", "12 assets". */
  assetsLabel: string;
  /** "AI spend: $0.42", or `undefined` when nothing was spent. */
  aiSpendLabel: string | undefined;
  /** Whether the browser will keep the files under pressure. */
  persisted: boolean;
  /** Whether they are kept, in words. */
  persistenceNote: string;
  /** After a refused request: that it was refused and may be granted later, in words. */
  refusalNote: string | undefined;
  /** Asks the browser to keep the files; resolves to whether it will (a failure is a no). */
  requestPersistence(): Promise<boolean>;
  /** ARIA props for the bar, with `data-level`. */
  getMeterProps(label?: string): StorageMeterBarProps;
}

/**
 * The storage meter, over `useStorage`: used against the cap or quota, a level, the words for
 * each figure, and persistence with its request.
 *
 * @example
 * const meter = useStorageMeter();
 * <div {...meter.getMeterProps()} className={`bar ${meter.level}`} style={{ width: `${meter.percent}%` }} />
 * <p>{meter.label}</p>
 * {!meter.persisted && <button onClick={meter.requestPersistence}>Keep files on this device</button>}
 */
export function useStorageMeter(options: UseStorageMeterOptions = {}): UseStorageMeterResult {
  const { warningAbove = 75, criticalAbove = 90 } = options;
  const { estimate, statistics, persisted, requestPersistence } = useStorage();
  const [refused, setRefused] = useState(false);
  const limit = estimate?.cap ?? estimate?.originQuota;
  const used =
    estimate?.cap !== undefined
      ? estimate.libraryBytes
      : (estimate?.originUsage ?? statistics.bytesUsed);
  const percent = limit ? Math.min(100, (used / limit) * 100) : 0;
  const level: StorageLevel =
    percent > criticalAbove ? 'critical' : percent > warningAbove ? 'warning' : 'ok';
  const free = limit === undefined ? undefined : Math.max(0, limit - used);
  const label = limit
    ? `${formatBytes(used)} of ${formatBytes(limit)} used`
    : `${formatBytes(used)} used`;
  const count = statistics.total;
  return {
    used,
    limit,
    free,
    percent,
    level,
    label,
    libraryLabel: `${formatBytes(statistics.bytesUsed)} in this library${
      limit ? ` · ${formatBytes(free ?? 0)} free` : ''
    }`,
    assetsLabel: `${count.toLocaleString()} asset${count === 1 ? '' : 's'}`,
    aiSpendLabel:
      statistics.totalAiCostUsd > 0
        ? `AI spend: ${formatUsd(statistics.totalAiCostUsd)}`
        : undefined,
    persisted,
    persistenceNote: persisted
      ? 'The browser will keep these files.'
      : 'Not kept for sure: the browser may clear these files when space runs low.',
    refusalNote:
      refused && !persisted
        ? 'The browser said no for now; it may agree after you use this site more.'
        : undefined,
    requestPersistence: async () => {
      const granted = await requestPersistence().catch(() => false);
      setRefused(!granted);
      return granted;
    },
    getMeterProps: (name = 'Storage used') => ({
      role: 'progressbar',
      'aria-label': name,
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': Math.round(percent),
      'aria-valuetext': label,
      'data-level': level,
    }),
  };
}
