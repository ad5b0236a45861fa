// Stops the local test servers that scripts/infra started (all, or those named); servers given by
// environment variables are never touched.
import { components, stopAll } from './index.mjs';

const known = components.map((c) => c.name);
const names = process.argv.slice(2);
const stopped = await stopAll(names.length > 0 ? names : known);
process.stderr.write(
  stopped.length > 0 ? `stopped: ${stopped.join(', ')}\n` : 'nothing was running\n',
);
