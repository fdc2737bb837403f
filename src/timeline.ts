// Performance marks of the page's start-up phases (`gatehouse:<phase>`), so a profile or
// the bench (bench/harness/timeline.ts) shows where a first visit spends its time.
export function mark(phase: string): void {
  try {
    performance.mark(`gatehouse:${phase}`);
  } catch {
    // no User Timing here
  }
}
