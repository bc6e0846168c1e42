// The screen's generate dialog: which form it shows and whether, so that a generation outlives
// its closed dialog and reopening shows it as it is; the form's code loads apart from the
// screen, and the dialog opens with it so its focus lands.
import { useEffect, useRef, useState } from 'react';
import type { MediaAIGenerateRequest } from '../core/index';
import { type UseAIGenerationResult, useDialog } from '../react/index';
import type { GenerationStatus } from './generate-button';
import { loadedGeneratePanel, loadGeneratePanel } from './generate-panel-loader';

/** The form the dialog holds: its starting values and which one it is. */
export interface GenerateForm {
  initial?: Partial<MediaAIGenerateRequest>;
  key: number;
}

/**
 * Open, close and the form of the generate dialog, and the generation as the header shows it.
 * Closing mid-generation only hides the dialog; otherwise each opening is a fresh form.
 */
export function useGenerateDialog(ai: UseAIGenerationResult, onLoadFailed: (text: string) => void) {
  // Mantine's Modal hands the focus back itself.
  const dialog = useDialog({ returnFocus: false });
  const [form, setForm] = useState<GenerateForm>();
  const forms = useRef(0);
  const opened = dialog.open && form !== undefined;
  useEffect(() => {
    if (ai.aiAvailable) loadGeneratePanel().catch(() => undefined);
  }, [ai.aiAvailable]);

  const open = (initial?: Partial<MediaAIGenerateRequest>) => {
    if (!loadedGeneratePanel()) {
      loadGeneratePanel().then(
        () => open(initial),
        () => onLoadFailed('The generate form could not load. Check the connection and try again.'),
      );
      return;
    }
    forms.current += 1;
    const key = forms.current;
    setForm((kept) =>
      kept && (initial === undefined || ai.aiGenerating) ? kept : { initial, key },
    );
    dialog.show();
  };
  const close = () => {
    // A resumed generation's failure has been shown in the dialog: said once.
    ai.resumed?.dismissNotices();
    dialog.close();
    if (!ai.aiGenerating) setForm(undefined);
  };
  const status: GenerationStatus = {
    running: ai.aiGenerating,
    progress: ai.progress,
    // Failed while hidden (a generation started before a reload too): the header says so
    // until the dialog shows why.
    failed:
      !opened &&
      !ai.aiGenerating &&
      ai.aiError !== undefined &&
      (form !== undefined || ai.resumed?.error !== undefined),
    onCancel: ai.cancel,
  };
  return {
    opened,
    form,
    open,
    close,
    /** The generation landed: the dialog closes with its form. */
    finish: () => {
      dialog.close();
      setForm(undefined);
    },
    status,
    Panel: loadedGeneratePanel(),
  };
}
