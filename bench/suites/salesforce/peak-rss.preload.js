'use strict';
// Preloaded (node -r) into the measured sync process: reports the process's own peak resident
// set size (getrusage ru_maxrss, in kB) on stderr when it exits.
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
