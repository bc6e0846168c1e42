// The details' read-only parts: how an AI image was made (its prompt whole, the settings, and
// "Use again"), the file's facts and what the host app filed, all in words from the hook.
import type { AssetFact, AssetProvenance } from '../react/index';
import { muted, secondaryButton } from './classes';

/** A titled list of facts. */
export function DetailsFacts({ title, facts }: { title: string; facts: readonly AssetFact[] }) {
  return (
    <section aria-label={title} className="flex flex-col gap-1">
      <h3 className="text-sm font-semibold">{title}</h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        {facts.map((fact) => (
          <div key={fact.label} className="contents">
            <dt className={muted}>{fact.label}</dt>
            <dd className="min-w-0 break-words">{fact.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The prompt, the generation's settings and "Use again". */
export function DetailsProvenance({
  provenance,
  onReuse,
}: {
  provenance: AssetProvenance;
  onReuse?: () => void;
}) {
  return (
    <section aria-label="How it was made" className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">How it was made</h3>
      <blockquote className="rounded-md bg-zinc-100 p-2 text-sm whitespace-pre-wrap dark:bg-zinc-800">
        {provenance.prompt}
      </blockquote>
      <DetailsFacts title="Settings" facts={provenance.facts} />
      {onReuse && (
        <button type="button" className={`${secondaryButton} self-start`} onClick={onReuse}>
          Use again
        </button>
      )}
    </section>
  );
}
