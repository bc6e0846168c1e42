// @vitest-environment happy-dom
// The headless dropzone: click and keyboard open the picker, picked/dropped/pasted files reach
// onFiles filtered by accept and multiple, drag state shows in data-state, disabled does nothing.
import { cleanup, createEvent, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type UseDropzoneOptions, useDropzone } from './use-dropzone';

afterEach(() => cleanup());

function Dropzone(props: UseDropzoneOptions) {
  const { getRootProps, getInputProps, isDragActive } = useDropzone(props);
  return (
    <div {...getRootProps({ 'aria-label': 'Drop files' })}>
      <input data-testid="input" {...getInputProps()} />
      <span>{isDragActive ? 'release to add' : 'drop here'}</span>
    </div>
  );
}

const png = new File(['png'], 'photo.png', { type: 'image/png' });
const svg = new File(['<svg/>'], 'logo.svg', { type: '' });
const txt = new File(['text'], 'notes.txt', { type: 'text/plain' });

function setup(props: Partial<UseDropzoneOptions> = {}) {
  const onFiles = vi.fn();
  const user = userEvent.setup();
  render(<Dropzone onFiles={onFiles} {...props} />);
  const root = screen.getByRole('button', { name: 'Drop files' });
  const input = screen.getByTestId('input') as HTMLInputElement;
  return { onFiles, user, root, input };
}

/** A DataTransfer-like object: happy-dom's drag events carry what we give them. */
function dataTransfer(files: File[]) {
  return {
    files,
    items: files.map((f) => ({ kind: 'file', getAsFile: () => f })),
    types: ['Files'],
    dropEffect: 'none',
  };
}

function Custom(props: { onFiles: (files: File[]) => void; onClick: React.MouseEventHandler }) {
  const { getRootProps, getInputProps } = useDropzone({ onFiles: props.onFiles });
  return (
    <div {...getRootProps({ onClick: props.onClick })}>
      <input data-testid="custom-input" {...getInputProps()} />
      custom
    </div>
  );
}

describe('useDropzone', () => {
  it('renders a focusable button root and a hidden file input', () => {
    const { root, input } = setup({ accept: ['image/*', '.svg'], multiple: false });
    expect(root.tabIndex).toBe(0);
    expect(root.dataset.state).toBe('idle');
    expect(root.dataset.disabled).toBeUndefined();
    expect(input.type).toBe('file');
    expect(input.hidden).toBe(true);
    expect(input.accept).toBe('image/*,.svg');
    expect(input.multiple).toBe(false);
  });

  it('opens the picker on click, Enter and Space', async () => {
    const { user, root, input } = setup();
    const click = vi.spyOn(input, 'click');
    await user.click(root);
    expect(click).toHaveBeenCalledTimes(1);
    root.focus();
    await user.keyboard('{Enter}');
    await user.keyboard('[Space]');
    expect(click).toHaveBeenCalledTimes(3);
  });

  it('delivers picked files, filtered by accept', async () => {
    const { input, onFiles } = setup({ accept: 'image/*, .svg' });
    // user-event's upload bypasses accept filtering with applyAccept: false, as a real
    // picker's "all files" option would.
    await userEvent.setup({ applyAccept: false }).upload(input, [png, txt, svg]);
    expect(onFiles).toHaveBeenCalledWith([png, svg]);
    expect(input.value).toBe('');
  });

  it('takes only the first file when multiple is false', async () => {
    const { input, onFiles } = setup({ multiple: false });
    // A picker honours `multiple` itself; a drop or a script may still hand over several.
    fireEvent.change(input, { target: { files: [txt, png] } });
    expect(onFiles).toHaveBeenLastCalledWith([txt]);
  });

  it('shows drag-over while files are over it, across nested children, and takes the drop', () => {
    const { root, onFiles } = setup({ accept: ['image/png'] });
    const child = root.querySelector('span') as HTMLElement;
    const transfer = dataTransfer([png, txt]);
    fireEvent.dragEnter(root, { dataTransfer: transfer });
    expect(root.dataset.state).toBe('drag-over');
    fireEvent.dragEnter(child, { dataTransfer: transfer });
    fireEvent.dragLeave(child, { dataTransfer: transfer });
    expect(root.dataset.state).toBe('drag-over');
    const over = createEvent.dragOver(root, { dataTransfer: transfer });
    fireEvent(root, over);
    expect(over.defaultPrevented).toBe(true);
    fireEvent.drop(root, { dataTransfer: transfer });
    expect(root.dataset.state).toBe('idle');
    expect(onFiles).toHaveBeenCalledWith([png]);
  });

  it('leaving the root resets the drag state', () => {
    const { root } = setup();
    fireEvent.dragEnter(root, { dataTransfer: dataTransfer([png]) });
    fireEvent.dragLeave(root, { dataTransfer: dataTransfer([png]) });
    expect(root.dataset.state).toBe('idle');
  });

  it('takes image files pasted in the document when paste is on', () => {
    const { onFiles } = setup({ paste: true, accept: 'image/*' });
    const event = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'clipboardData', { value: { files: [png, txt] } });
    document.body.dispatchEvent(event);
    expect(onFiles).toHaveBeenCalledWith([png]);
    expect(event.defaultPrevented).toBe(true);
  });

  it('leaves text pastes alone, and ignores pastes when paste is off', () => {
    const { onFiles } = setup({ paste: true });
    const text = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(text, 'clipboardData', { value: { files: [] } });
    document.body.dispatchEvent(text);
    expect(text.defaultPrevented).toBe(false);
    cleanup();
    const off = setup();
    const files = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(files, 'clipboardData', { value: { files: [png] } });
    document.body.dispatchEvent(files);
    expect(onFiles).not.toHaveBeenCalled();
    expect(off.onFiles).not.toHaveBeenCalled();
  });

  it('does nothing when disabled', async () => {
    const { user, root, input, onFiles } = setup({ disabled: true, paste: true });
    expect(root.dataset.disabled).toBe('');
    expect(root.tabIndex).toBe(-1);
    expect(root.getAttribute('aria-disabled')).toBe('true');
    const click = vi.spyOn(input, 'click');
    await user.click(root);
    fireEvent.dragEnter(root, { dataTransfer: dataTransfer([png]) });
    expect(root.dataset.state).toBe('idle');
    fireEvent.drop(root, { dataTransfer: dataTransfer([png]) });
    const paste = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(paste, 'clipboardData', { value: { files: [png] } });
    document.body.dispatchEvent(paste);
    expect(click).not.toHaveBeenCalled();
    expect(onFiles).not.toHaveBeenCalled();
  });

  it('runs the caller’s handlers first and lets them opt out', async () => {
    const onFiles = vi.fn();
    const onClick = vi.fn((event: React.MouseEvent) => event.preventDefault());
    render(<Custom onFiles={onFiles} onClick={onClick} />);
    const click = vi.spyOn(screen.getByTestId('custom-input') as HTMLInputElement, 'click');
    await userEvent.setup().click(screen.getByText('custom'));
    expect(onClick).toHaveBeenCalled();
    expect(click).not.toHaveBeenCalled();
  });
});
