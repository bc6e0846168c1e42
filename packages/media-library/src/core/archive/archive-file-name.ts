// The name an exported archive is saved under, shared by the save helper and the React hook.

/** `<library name>-YYYY-MM-DD.medialoft.zip`: safe on every system, the date in UTC. */
export function archiveFileName(libraryName: string, date: Date): string {
  const stem =
    libraryName
      .replace(/[^\w.-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 80) || 'library';
  return `${stem}-${date.toISOString().slice(0, 10)}.medialoft.zip`;
}
