/** A fake clock whose every wait is one that never ends by itself: Ctrl-C (`controller`) arrives while it runs. */
import type { FakeClock } from './cli';

export function ctrlCDuringWait(controller: AbortController, atWait: () => void = () => undefined): FakeClock {
  const waits: number[] = [];
  return {
    waits,
    now: () => Date.now(),
    sleep: (ms) => {
      waits.push(ms);
      controller.abort();
      atWait();
      return new Promise<void>(() => undefined);
    },
  };
}
