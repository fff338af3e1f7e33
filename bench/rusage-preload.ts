/**
 * Preloaded (`node -r`) into the okta-ou process the bench starts, so its own figures are measured apart
 * from the local Okta: at exit, its peak RSS and CPU time are written to $BENCH_RUSAGE_FILE as JSON.
 */
import * as fs from 'node:fs';

const file = process.env.BENCH_RUSAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  });
}
