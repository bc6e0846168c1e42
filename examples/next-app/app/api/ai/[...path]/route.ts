// The image server as a Next.js route handler: every route under /api/ai (generate and its
// event stream, models, estimate, health, transform) goes to one Hono app. No route segment
// config: handlers run on Node by default, and Cache Components rejects `runtime`.
import { createLocalProvider, createReplicate } from '@medialoft/ai-connect';
import { createImageServer } from '@medialoft/server-adapter';

const app = createImageServer({
  // Replicate turns live only when REPLICATE_API_TOKEN is set; until then the keyless local
  // model is the default.
  providers: { replicate: createReplicate(), local: createLocalProvider() },
  basePath: '/api/ai', // the path this route is mounted at
  openAICompatiblePath: false, // or mount another handler under app/v1/[...path]
});

const handle = (request: Request) => app.fetch(request);

export { handle as DELETE, handle as GET, handle as OPTIONS, handle as POST };
