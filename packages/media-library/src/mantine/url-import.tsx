// "From URL": fetch one file by address into the library, from a small popover.
import { Button, Loader, Popover } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';

// The field itself loads when the popover first opens (url-import-form.tsx).
const UrlImportForm = lazy(() => import('./url-import-form'));

/** Props of {@link UrlImportButton}. */
export interface UrlImportButtonProps {
  onImport(url: string): Promise<unknown>;
  disabled?: boolean;
}

/** A button opening a URL field; the field says what is wrong with an address. */
export function UrlImportButton({ onImport, disabled }: UrlImportButtonProps) {
  const [opened, setOpened] = useState(false);
  const submit = (url: string) => {
    // Closing unmounts the field, so it opens empty next time.
    setOpened(false);
    void onImport(url).catch(() => {
      // The screen shows import failures; nothing more to do here.
    });
  };
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus withinPortal position="bottom-end">
      <Popover.Target>
        <Button variant="default" disabled={disabled} onClick={() => setOpened((o) => !o)}>
          From URL
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Suspense fallback={<Loader size="sm" aria-label="Loading" />}>
          <UrlImportForm onSubmit={submit} />
        </Suspense>
      </Popover.Dropdown>
    </Popover>
  );
}
