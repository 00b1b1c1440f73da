/** Inclusive bounds in epoch milliseconds; an absent bound is open. */
export interface TimeWindow {
  start?: number;
  end?: number;
}

export function inWindow(window: TimeWindow, time: number): boolean {
  return !(
    (window.start !== undefined && time < window.start) ||
    (window.end !== undefined && time > window.end)
  );
}
