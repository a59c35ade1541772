// What a page started (polling) and must stop when another page is shown.
let leaving = [];

export function onLeave(callback) {
  leaving.push(callback);
}

export function leave() {
  for (const callback of leaving) callback();
  leaving = [];
}

/** Calls task now and then every intervalMs until the page is left; overlapping runs are skipped. */
export function every(intervalMs, task) {
  let running = false;
  let stopped = false;
  const run = async () => {
    if (running || stopped || document.hidden) return;
    running = true;
    try {
      await task();
    } finally {
      running = false;
    }
  };
  const timer = window.setInterval(run, intervalMs);
  onLeave(() => {
    stopped = true;
    window.clearInterval(timer);
  });
  return run;
}
