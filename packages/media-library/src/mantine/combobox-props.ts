// Mantine keeps a closed select's option list mounted (hidden) by default. Over a large
// library the filter row's selects would render hundreds of hidden options, each select's list
// positioned and rendered again as the screen mounts; the preset's selects mount their list
// when it opens. Its `aria-controls` names the list only while open, so nothing points at an
// element that is not there.
export const comboboxProps = { keepMounted: false } as const;
