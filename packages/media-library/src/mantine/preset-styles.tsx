// The CSS rules the preset's data-* states need (selection, focus, drag-over), and those of the
// grid's cells and thumbnails, which are plain elements (asset-grid-cells.tsx says why). Kept
// here so the hooks stay unstyled; colours and sizes come from Mantine's variables, so themes
// and both schemes work.
import { mutedText } from './preset-colors';

const css = `
/* Thumbnails: a box of fixed ratio that has its size before the image loads. */
.medialoft-thumb { position: relative; width: 100%; overflow: hidden;
  background: var(--mantine-color-default-hover); }
.medialoft-thumb-img { position: absolute; inset: 0; display: block; }
.medialoft-thumb-center { position: absolute; inset: 0; display: flex; align-items: center;
  justify-content: center; }
.medialoft-thumb-kind { font-size: var(--mantine-font-size-xs); font-weight: 600;
  text-transform: uppercase; color: ${mutedText}; }
/* A grid cell's parts. */
.medialoft-cell-corner { position: absolute; top: 6px; left: 6px; display: flex; gap: 4px;
  align-items: center; }
.medialoft-cell-corner[data-touch] { top: 0; left: 0; }
.medialoft-cell-touch { display: flex; flex: none; align-items: center; justify-content: center;
  width: 44px; height: 44px; cursor: pointer; }
.medialoft-cell-check { appearance: none; flex: none; display: grid; place-content: center;
  width: 16px; height: 16px; margin: 0; cursor: pointer;
  border: 1px solid var(--mantine-color-default-border); border-radius: var(--mantine-radius-sm);
  background: var(--mantine-color-body); }
.medialoft-cell-check[data-size='sm'] { width: 20px; height: 20px; }
.medialoft-cell-check:checked { background: var(--mantine-primary-color-filled);
  border-color: var(--mantine-primary-color-filled); }
.medialoft-cell-check:checked::before { content: ''; width: 4px; height: 8px;
  border: solid var(--mantine-primary-color-contrast); border-width: 0 2px 2px 0;
  transform: translateY(-1px) rotate(45deg); }
.medialoft-cell-check[data-size='sm']:checked::before { width: 5px; height: 10px; }
.medialoft-cell-check:focus-visible { outline: 2px solid var(--mantine-primary-color-filled);
  outline-offset: 2px; }
.medialoft-cell-badge { flex: none; display: inline-flex; align-items: center; height: 16px;
  padding: 0 6px; border-radius: var(--mantine-radius-xl); font-size: 9px; font-weight: 700;
  letter-spacing: 0.25px; text-transform: uppercase; line-height: 1;
  background: var(--mantine-color-grape-8); color: var(--mantine-color-white); }
.medialoft-cell-star { position: absolute; top: 4px; right: 8px; }
.medialoft-cell-star, .medialoft-list-star { color: var(--mantine-color-yellow-7);
  font-size: var(--mantine-font-size-sm); line-height: var(--mantine-line-height-sm); }
.medialoft-cell-name, .medialoft-list-name, .medialoft-list-facts { overflow: hidden;
  white-space: nowrap; text-overflow: ellipsis; }
.medialoft-cell-name { margin-top: 6px; height: 22px; font-size: var(--mantine-font-size-xs);
  line-height: var(--mantine-line-height-xs); }
/* A list row's parts. */
.medialoft-list-row { display: flex; align-items: center; gap: var(--mantine-spacing-sm);
  height: 56px; padding: 0 var(--mantine-spacing-xs); }
.medialoft-list-thumb { width: 48px; flex: none; }
.medialoft-list-text { flex: 1; min-width: 0; }
.medialoft-list-title { display: flex; align-items: center; gap: 6px; }
.medialoft-list-name { font-size: var(--mantine-font-size-sm);
  line-height: var(--mantine-line-height-sm); }
.medialoft-list-facts, .medialoft-list-date { font-size: var(--mantine-font-size-xs);
  line-height: var(--mantine-line-height-xs); color: ${mutedText}; }
.medialoft-list-date { flex: none; }
@media (max-width: 47.99em) { .medialoft-list-date { display: none; } }
/* The side panel's collection and tag rows. */
.medialoft-nav-row { display: flex; align-items: center; gap: 2px; }
.medialoft-nav-item { flex: 1; min-width: 0; display: flex; align-items: center;
  justify-content: space-between; gap: var(--mantine-spacing-xs); margin: 0; border: 0;
  padding: 8px var(--mantine-spacing-sm); background: none; color: var(--mantine-color-text);
  font: inherit; font-size: var(--mantine-font-size-sm); line-height: var(--mantine-line-height-sm);
  text-align: left; cursor: pointer; }
.medialoft-nav-item:hover { background: var(--mantine-color-default-hover); }
.medialoft-nav-item[aria-pressed='true'] { background: var(--mantine-primary-color-light);
  color: var(--mantine-primary-color-light-color); font-weight: 500; }
.medialoft-nav-item[aria-pressed='true']:hover {
  background: var(--mantine-primary-color-light-hover); }
.medialoft-nav-label { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.medialoft-nav-count { flex: none; font-size: var(--mantine-font-size-xs); color: ${mutedText}; }
.medialoft-nav-action { flex: none; display: grid; place-content: center; width: 22px;
  height: 22px; margin: 0; border: 0; padding: 0; border-radius: var(--mantine-radius-sm);
  background: none; color: var(--mantine-primary-color-filled); cursor: pointer; }
.medialoft-nav-action:hover { background: var(--mantine-primary-color-light-hover); }
.medialoft-nav-item:focus-visible, .medialoft-nav-action:focus-visible {
  outline: 2px solid var(--mantine-primary-color-filled); outline-offset: -2px; }
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

/**
 * The preset's stylesheet: React puts it in the document's head once, however many components
 * render it (the screen, a grid, each thumbnail), and the server sends it with their HTML.
 */
export function PresetStyles() {
  return (
    <style href="medialoft-mantine-preset" precedence="medialoft">
      {css}
    </style>
  );
}
