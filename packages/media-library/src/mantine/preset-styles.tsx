// The few CSS rules the preset's data-* states need (selection, focus, drag-over). Kept here
// so the hooks stay unstyled; colours come from Mantine's variables, so both schemes work.
const css = `
/* The asset shown in the details: outlined in the text colour, apart from the ticked selection. */
.medialoft-grid-cell[data-open] { outline: 2px solid var(--mantine-color-text); }
.medialoft-grid-cell:focus-visible { outline: 2px solid var(--mantine-primary-color-filled); }
.medialoft-grid-cell[data-state='selected'] {
  background: var(--mantine-primary-color-light);
  box-shadow: 0 0 0 2px var(--mantine-primary-color-filled);
}
.medialoft-grid-cell:hover { background: var(--mantine-color-default-hover); }
.medialoft-grid-cell[data-state='selected']:hover { background: var(--mantine-primary-color-light-hover); }
.medialoft-drop-target[data-state='drag-over'] {
  outline: 2px dashed var(--mantine-primary-color-filled);
  outline-offset: -6px;
  background: var(--mantine-primary-color-light);
}
.medialoft-dropzone { border: 2px dashed var(--mantine-color-default-border); cursor: pointer; }
.medialoft-dropzone:focus-visible { outline: 2px solid var(--mantine-primary-color-filled); }
.medialoft-dropzone[data-state='drag-over'] {
  border-color: var(--mantine-primary-color-filled);
  background: var(--mantine-primary-color-light);
}
`;

/** Renders the preset's stylesheet once per screen. */
export function PresetStyles() {
  return <style>{css}</style>;
}
