// How much room the library uses and has left, and a way to ask the browser to keep it.
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useStorage } from '../react/index';
import { formatBytes, formatUsd } from './format';
import { mutedText } from './preset-colors';

/** The storage meter: bytes used against the quota or cap, plus the persist request. */
export function StorageMeter() {
  const { estimate, statistics, persisted, requestPersistence } = useStorage();
  const [asked, setAsked] = useState<boolean>();
  const limit = estimate?.cap ?? estimate?.originQuota;
  const used =
    estimate?.cap !== undefined
      ? estimate.libraryBytes
      : (estimate?.originUsage ?? statistics.bytesUsed);
  const percent = limit ? Math.min(100, (used / limit) * 100) : 0;
  return (
    <Stack gap={6} component="section" aria-label="Storage">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Storage
        </Text>
        <Text size="xs" c={mutedText}>
          {statistics.total} asset{statistics.total === 1 ? '' : 's'}
        </Text>
      </Group>
      <Progress
        value={percent}
        color={percent > 90 ? 'red' : percent > 75 ? 'yellow' : undefined}
        aria-label="Storage used"
      />
      <Text size="xs" c={mutedText}>
        {formatBytes(statistics.bytesUsed)} in this library
        {limit ? ` · ${formatBytes(Math.max(0, limit - used))} free` : ''}
      </Text>
      {statistics.totalAiCostUsd > 0 && (
        <Text size="xs" c={mutedText}>
          AI spend: {formatUsd(statistics.totalAiCostUsd)}
        </Text>
      )}
      {persisted ? (
        <Text size="xs" c="teal">
          The browser will keep these files.
        </Text>
      ) : (
        <Stack gap={2}>
          <Text size="xs" c={mutedText}>
            Not kept for sure: the browser may clear these files when space runs low.
          </Text>
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => requestPersistence().then(setAsked, () => setAsked(false))}
          >
            Keep files on this device
          </Button>
          {asked === false && (
            <Text size="xs" c={mutedText}>
              The browser said no for now; it may agree after you use this site more.
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
