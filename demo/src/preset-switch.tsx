// The demo's choice of preset, kept in the URL (`?preset=tailwind`) so a link or a reload
// shows the same one; a bar above the screen switches it. Styled inline with the system's
// colours, so it looks the same whichever preset's stylesheet has loaded.
import type { CSSProperties } from 'react';

export type Preset = 'mantine' | 'tailwind';

/** Height of the bar; the screen below takes the rest of the viewport. */
export const presetBarHeight = 36;

/** The preset named in the URL's `preset` parameter; Mantine unless it says Tailwind. */
export function presetFromUrl(search: string): Preset {
  return new URLSearchParams(search).get('preset') === 'tailwind' ? 'tailwind' : 'mantine';
}

const labels: Record<Preset, string> = { mantine: 'Mantine', tailwind: 'Tailwind CSS' };

const bar: CSSProperties = {
  height: presetBarHeight,
  boxSizing: 'border-box',
  display: 'flex',
  alignItems: 'center',
  gap: 12,
  padding: '0 12px',
  font: '14px system-ui, sans-serif',
  background: 'Canvas',
  color: 'CanvasText',
  borderBottom: '1px solid GrayText',
};

/** Links to the demo in each preset, the current one marked. */
export function PresetSwitch({ current }: { current: Preset }) {
  return (
    <nav aria-label="Preset" style={bar}>
      <span>Preset:</span>
      {(Object.keys(labels) as Preset[]).map((preset) => (
        <a
          key={preset}
          href={preset === 'mantine' ? '?' : `?preset=${preset}`}
          aria-current={preset === current ? 'page' : undefined}
          style={{
            color: 'LinkText',
            fontWeight: preset === current ? 700 : 400,
            textDecoration: preset === current ? 'none' : 'underline',
          }}
        >
          {labels[preset]}
        </a>
      ))}
    </nav>
  );
}
