/** The order of a finding's events: oldest first, ties by eventID (text order, as the findings file lists them). */
import type { FindingEvent } from '../core/finding.js';

export function compareEvents(a: FindingEvent, b: FindingEvent): number {
  return compare(a.eventTime, b.eventTime) || compare(a.eventID, b.eventID);
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
