// Colours the preset picks for legibility: Mantine's "dimmed" grey is below the WCAG AA
// contrast ratio on white at small sizes, so secondary text uses one shade darker (lighter in
// the dark scheme). CSS light-dark() follows the color-scheme Mantine sets on the root.

/** Secondary text colour with at least 4.5:1 contrast in both schemes. */
export const mutedText = 'light-dark(var(--mantine-color-gray-7), var(--mantine-color-dark-1))';

/** Styles for an input's description line in the muted colour. */
export const mutedDescription = { description: { color: mutedText } } as const;
