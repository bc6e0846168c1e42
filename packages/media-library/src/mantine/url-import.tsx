// "From URL": fetch one file by address into the library, from a small popover.
import { Button, Group, Popover, TextInput } from '@mantine/core';
import { useState } from 'react';

/** Props of {@link UrlImportButton}. */
export interface UrlImportButtonProps {
  onImport(url: string): Promise<unknown>;
  disabled?: boolean;
}

/** A button opening a URL field; the field says what is wrong with an address. */
export function UrlImportButton({ onImport, disabled }: UrlImportButtonProps) {
  const [opened, setOpened] = useState(false);
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string>();
  const submit = () => {
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      setError('Enter a full address starting with https://');
      return;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      setError('Only http and https addresses can be imported.');
      return;
    }
    setError(undefined);
    setOpened(false);
    setUrl('');
    void onImport(parsed.href).catch(() => {
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
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              label="File URL"
              placeholder="https://example.com/photo.jpg"
              value={url}
              error={error}
              w={300}
              onChange={(event) => setUrl(event.currentTarget.value)}
            />
            <Button type="submit">Import</Button>
          </Group>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
