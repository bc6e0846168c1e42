// The screen's one way of saying something failed: a red alert, announced, that stays until
// dismissed, wherever it is shown (above the grid, or inside the details overlay).
import { Alert } from '@mantine/core';

/** Props of {@link ProblemAlert}. */
export interface ProblemAlertProps {
  /** What failed, in a sentence. */
  children: string;
  onDismiss(): void;
}

/** A dismissible alert (role="alert", so screen readers read it out as it appears). */
export function ProblemAlert({ children, onDismiss }: ProblemAlertProps) {
  return (
    <Alert color="red" role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={onDismiss}>
      {children}
    </Alert>
  );
}
