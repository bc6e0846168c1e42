// Small media files made in the browser for the Tailwind preset's stories (no fixtures on disk).

/** One second of a 440 Hz tone as 16-bit mono PCM WAV. */
export function toneWav(name = 'tuning-fork.wav'): File {
  const rate = 8000;
  const view = new DataView(new ArrayBuffer(44 + rate * 2));
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + rate * 2, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, rate * 2, true);
  for (let i = 0; i < rate; i++)
    view.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 9000), true);
  return new File([view.buffer], name, { type: 'audio/wav' });
}
