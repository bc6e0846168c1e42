// The Tailwind screen over 100,000 assets, in a host app built for production (bench/scale-app)
// with its stylesheet compiled as the README has a Tailwind host do it: the same phases as the
// Mantine screen's (bench/lib/scale-app-run.ts, scale-run.ts).
import { runScaleApp } from '../lib/scale-app-run';

await runScaleApp('tailwind');
