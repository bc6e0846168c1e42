// How much room the library uses and has left, and a way to ask the browser to keep it; a
// skin over useStorageMeter.
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { type StorageLevel, useStorageMeter } from '../react/index';
import { mutedText } from './preset-colors';

const colors: Record<StorageLevel, string | undefined> = {
  ok: undefined,
  warning: 'yellow',
  critical: 'red',
};

/** The storage meter: bytes used against the quota or cap, plus the persist request. */
export function StorageMeter() {
  const meter = useStorageMeter();
  return (
    <Stack gap={6} component="section" aria-label="Storage">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Storage
        </Text>
        <Text size="xs" c={mutedText}>
          {meter.assetsLabel}
        </Text>
      </Group>
      <Progress
        value={meter.percent}
        color={colors[meter.level]}
        aria-label="Storage used"
        data-level={meter.level}
      />
      <Text size="xs" c={mutedText}>
        {meter.libraryLabel}
      </Text>
      {meter.aiSpendLabel && (
        <Text size="xs" c={mutedText}>
          {meter.aiSpendLabel}
        </Text>
      )}
      {meter.persisted ? (
        <Text size="xs" c="teal">
          {meter.persistenceNote}
        </Text>
      ) : (
        <Stack gap={2}>
          <Text size="xs" c={mutedText}>
            {meter.persistenceNote}
          </Text>
          <Button size="compact-xs" variant="light" onClick={() => void meter.requestPersistence()}>
            Keep files on this device
          </Button>
          {meter.refusalNote && (
            <Text size="xs" c={mutedText}>
              {meter.refusalNote}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
