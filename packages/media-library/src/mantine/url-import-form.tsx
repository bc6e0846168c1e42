// The field of the "From URL" popover, loaded when the popover first opens: a screen that never
// imports by address never downloads it.
import { Button, Group, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

/** Props of {@link UrlImportForm}. */
export interface UrlImportFormProps {
  /** Called with the address once it parses as http or https. */
  onSubmit(url: string): void;
}

/** A URL field and its Import button; the field says what is wrong with an address. */
export default function UrlImportForm({ onSubmit }: UrlImportFormProps) {
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string>();
  // The popover's focus trap looked for a field before this one had loaded: take the focus.
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
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
    onSubmit(parsed.href);
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          ref={field}
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
  );
}
