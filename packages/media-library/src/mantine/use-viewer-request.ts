// Which asset the screen's full-screen viewer is asked to show, and whether it was ever opened.
import { startTransition, useState } from 'react';

/** The screen's viewer: `open(id)` asks for an asset, `close()` lets it go. */
export function useViewerRequest() {
  // Each opening is a new object, so opening the same asset again reopens the viewer.
  const [request, setRequest] = useState<{ id: string }>();
  // Kept mounted after the first opening, so that it can give the focus back as it closes
  // (the viewer's own hook keeps its dialog state and focus).
  const [used, setUsed] = useState(false);
  return {
    request,
    used,
    // A transition: the viewer renders a few milliseconds at a time, never blocking the click.
    open: (id: string) =>
      startTransition(() => {
        setUsed(true);
        setRequest({ id });
      }),
    close: () => setRequest(undefined),
  };
}
