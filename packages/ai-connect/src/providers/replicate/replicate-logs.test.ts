import { describe, expect, it } from 'vitest';
import { parseLogProgress, parseLogSeed } from './replicate-logs';

describe('parseLogProgress', () => {
  it('reads the last tqdm bar, redrawn with \\r or \\n', () => {
    expect(parseLogProgress(' 45%|████▌     | 23/50 [00:03<00:04, 6.12it/s]')).toBe(45);
    expect(parseLogProgress('  2%|▏ | 1/50\r 10%|█ | 5/50\r 96%|█████████▌| 48/50')).toBe(96);
    expect(
      parseLogProgress(
        'Using seed: 1\n  0%|          | 0/4 [00:00<?, ?it/s]\n100%|██████████| 4/4',
      ),
    ).toBe(100);
  });

  it('reads bare step counters', () => {
    expect(parseLogProgress('step 1\n23/50')).toBe(46);
    expect(parseLogProgress('Sampling: 3/4 [00:01]')).toBe(75);
  });

  it('is undefined without progress', () => {
    expect(parseLogProgress('')).toBeUndefined();
    expect(parseLogProgress(null)).toBeUndefined();
    expect(parseLogProgress('Loading weights\nPrompt: a cat on 1/2 of a mat')).toBeUndefined();
  });
});

describe('parseLogSeed', () => {
  it('reads the seed the model printed', () => {
    expect(parseLogSeed('Using seed: 1234\nRunning')).toBe(1234);
    expect(parseLogSeed('using seed 77')).toBe(77);
    expect(parseLogSeed('no seed here')).toBeUndefined();
  });
});
