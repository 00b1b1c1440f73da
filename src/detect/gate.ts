/**
 * Where a record's time puts it: in the scanned window (matched against every rule), in the history period
 * before the window that analyzers asked for (matched against their history rules only), or outside both.
 * The one place this is decided, whichever thread reads the record.
 */
import { inWindow, type TimeWindow } from '../core/window.js';

export type Placement = 'window' | 'history' | 'outside';

export interface Periods {
  window: TimeWindow;
  /** Records from `since` (or from any time, when absent) up to the window's start are history. */
  history?: { since?: number };
}

export function placeOf(periods: Periods, time: number): Placement {
  if (inWindow(periods.window, time)) return 'window';
  const { history, window } = periods;
  if (history && window.start !== undefined && time < window.start && (history.since ?? -Infinity) <= time)
    return 'history';
  return 'outside';
}
