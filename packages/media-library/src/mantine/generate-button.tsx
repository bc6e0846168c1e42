// The header's Generate button. A generation goes on after its dialog is closed, so the button
// carries it meanwhile: its progress, a Cancel beside it, and a failure nobody has seen yet.
import { Button, Group, Loader, RingProgress, VisuallyHidden } from '@mantine/core';
import type { MediaAIProgress } from '../core/index';

/** A generation as the header shows it. */
export interface GenerationStatus {
  /** True while a generation runs. */
  running: boolean;
  /** Its latest progress, while it runs. */
  progress?: MediaAIProgress;
  /** True when a generation failed out of sight and its dialog has not been reopened since. */
  failed?: boolean;
  /** Aborts the running generation. */
  onCancel(): void;
}

/** Props of {@link GenerateButton}. */
export interface GenerateButtonProps {
  /** Opens the generate dialog, which shows a running or failed generation as it is. */
  onOpen(): void;
  status?: GenerationStatus;
}

const gradient = { from: 'grape.8', to: 'indigo.8' };

/** Generate, or the running generation's progress with its Cancel, or its failure. */
export function GenerateButton({ onOpen, status }: GenerateButtonProps) {
  const running = status?.running ?? false;
  const failed = !running && (status?.failed ?? false);
  const percent = running ? status?.progress?.percent : undefined;
  const rounded = percent === undefined ? undefined : Math.round(percent);
  // The visible text is the button's name, so "Generating… 40%" is what a screen reader says.
  const label = running
    ? `Generating…${rounded === undefined ? '' : ` ${rounded}%`}`
    : failed
      ? 'Generation failed'
      : 'Generate';
  // The percent changes too often to announce; the stage and the end of a run are enough.
  const announced = running
    ? (status?.progress?.message ?? 'Generating')
    : failed
      ? 'The image was not generated'
      : '';
  return (
    <Group gap={6} wrap="nowrap">
      {/* One element throughout, so the focus the dialog hands back on close stays on it. */}
      <Button
        variant={failed ? 'filled' : 'gradient'}
        color={failed ? 'red.8' : undefined}
        gradient={gradient}
        onClick={onOpen}
        leftSection={
          running ? (
            rounded === undefined ? (
              <Loader size={16} color="white" aria-hidden />
            ) : (
              <RingProgress
                size={22}
                thickness={3}
                roundCaps
                rootColor="rgba(255, 255, 255, 0.35)"
                sections={[{ value: rounded, color: 'white' }]}
                aria-hidden
              />
            )
          ) : undefined
        }
        styles={{ label: { fontVariantNumeric: 'tabular-nums' } }}
      >
        {label}
      </Button>
      {running && status && (
        <Button variant="default" onClick={status.onCancel} aria-label="Cancel generation">
          Cancel
        </Button>
      )}
      <VisuallyHidden role="status" aria-live="polite">
        {announced}
      </VisuallyHidden>
    </Group>
  );
}
