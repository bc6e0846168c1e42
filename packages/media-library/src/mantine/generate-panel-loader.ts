// The generate form, and the Mantine inputs only it uses (number inputs, size presets, the
// advanced fields), load apart from the screen: after it has rendered when there is a
// generator, or at the latest when the dialog first opens.
import type { GeneratePanel as Panel } from './generate-panel';

let loaded: typeof Panel | undefined;
let loading: Promise<typeof Panel> | undefined;

/** The panel's module, loaded once; a load that fails is tried again on the next call. */
export function loadGeneratePanel(): Promise<typeof Panel> {
  loading ??= import('./generate-panel').then(
    (module) => {
      loaded = module.GeneratePanel;
      return loaded;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The panel, once {@link loadGeneratePanel} has loaded it. */
export function loadedGeneratePanel(): typeof Panel | undefined {
  return loaded;
}
