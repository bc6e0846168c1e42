// The generate form loads apart from the screen: once, and again after a load that failed.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('./generate-panel');
  vi.resetModules();
});

describe('loadGeneratePanel', () => {
  it('hands out the panel once loaded, and tries again after a failed load', async () => {
    vi.resetModules();
    vi.doMock('./generate-panel', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    const { loadGeneratePanel, loadedGeneratePanel } = await import('./generate-panel-loader');
    await expect(loadGeneratePanel()).rejects.toThrow();
    expect(loadedGeneratePanel()).toBeUndefined();

    vi.doUnmock('./generate-panel');
    const { GeneratePanel } = await import('./generate-panel');
    await expect(loadGeneratePanel()).resolves.toBe(GeneratePanel);
    expect(loadedGeneratePanel()).toBe(GeneratePanel);
  });
});
