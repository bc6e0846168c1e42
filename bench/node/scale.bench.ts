// The Mantine screen over 100,000 assets, in a host app built for production (bench/scale-app):
// open it, type a search, scroll the grid from top to bottom, open the viewer and tag an asset,
// watching main-thread long tasks all along (bench/lib/scale-app-run.ts, scale-run.ts).
import { runScaleApp } from '../lib/scale-app-run';

await runScaleApp('mantine');
