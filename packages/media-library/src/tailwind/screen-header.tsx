// The screen's header: its title, the Library drawer's button on a phone, Upload, and Generate
// (which shows a running generation's progress, with its Cancel, while its dialog is closed).
import type { DialogTriggerProps, UseAIGenerationResult } from '../react/index';
import { primaryButton, secondaryButton } from './classes';

/** Props of {@link ScreenHeader}. */
export interface ScreenHeaderProps {
  title: string;
  onUpload(): void;
  /** The screen's generation; Generate shows only when a generator is available. */
  ai: UseAIGenerationResult;
  /** The Generate dialog's trigger props. */
  generateTrigger: DialogTriggerProps;
  /** The Library drawer's trigger props, on a phone only. */
  libraryTrigger?: DialogTriggerProps;
}

const button = `${secondaryButton} min-h-9`;

/** One row on a wide screen; wraps on a phone so every button stays whole on screen. */
export function ScreenHeader({
  title,
  onUpload,
  ai,
  generateTrigger,
  libraryTrigger,
}: ScreenHeaderProps) {
  const percent = ai.progress?.percent;
  return (
    <header className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-700">
      {/* On a phone the title keeps a row of its own and the buttons share the next. */}
      <h1 className="mr-auto basis-full text-lg font-semibold sm:basis-auto">{title}</h1>
      {libraryTrigger && (
        <button type="button" className={`${button} mr-auto`} {...libraryTrigger}>
          Library
        </button>
      )}
      <button type="button" className={`${primaryButton} min-h-9`} onClick={onUpload}>
        Upload
      </button>
      {ai.aiAvailable &&
        (ai.aiGenerating ? (
          <>
            <button type="button" className={button} {...generateTrigger}>
              {percent === undefined ? 'Generating…' : `Generating… ${Math.round(percent)}%`}
            </button>
            <button type="button" className={button} onClick={ai.cancel}>
              Cancel generation
            </button>
          </>
        ) : (
          <button type="button" className={button} {...generateTrigger}>
            Generate
          </button>
        ))}
    </header>
  );
}
