// Deterministic pictures for stories and the mock generator: the same prompt always draws the
// same image (colours and shapes from a hash of the prompt), with no network.

/** FNV-1a hash of a string, as an unsigned 32-bit number. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small pseudo-random sequence from a seed (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PNG of `width`×`height` drawn from `prompt`: a gradient sky, soft shapes and the words. */
export async function drawImage(prompt: string, width: number, height: number): Promise<Blob> {
  const next = random(hash(prompt));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas in this browser.');
  const hue = Math.floor(next() * 360);
  const sky = ctx.createLinearGradient(0, 0, width, height);
  sky.addColorStop(0, `hsl(${hue} 70% 62%)`);
  sky.addColorStop(1, `hsl(${(hue + 60) % 360} 65% 30%)`);
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < 7; i++) {
    ctx.beginPath();
    ctx.fillStyle = `hsl(${(hue + next() * 120) % 360} 80% ${40 + next() * 40}% / 0.55)`;
    ctx.arc(
      next() * width,
      next() * height,
      (0.08 + next() * 0.25) * Math.min(width, height),
      0,
      Math.PI * 2,
    );
    ctx.fill();
  }
  ctx.fillStyle = 'rgb(255 255 255 / 0.92)';
  ctx.font = `600 ${Math.max(10, Math.round(width / 16))}px system-ui, sans-serif`;
  ctx.textBaseline = 'bottom';
  ctx.fillText(prompt.slice(0, 32), width * 0.05, height * 0.95, width * 0.9);
  return canvas.convertToBlob({ type: 'image/png' });
}
