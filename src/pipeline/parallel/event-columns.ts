/**
 * The events of one batch in columns (a few strings and typed arrays instead of an object per event): what a
 * worker posts, because cloning a million small objects between threads costs more than reading them. What the
 * matched events carry (matches described for the Detector and the analyzers) travels as JSON texts: V8 writes
 * and reads JSON several times faster than it clones the same objects between threads. Several texts, each below
 * V8's large-object size: a larger one would be allocated in the main thread's old generation as it arrives, and
 * stay there, garbage, until a full collection; and each is parsed only when the merge reaches its events.
 */
import { pushIdHashes } from '../../records/seen-ids.js';
import type { EventColumns, EventEntry } from './entries.js';

/** Characters of one JSON text of extras, about (an extra longer than that makes a text of its own). */
export const EXTRAS_CHARS = 48 * 1024;

interface Extra {
  at: number;
  matches: number[];
  described?: EventEntry['described'];
  analyzed?: EventEntry['analyzed'];
  text?: true;
}

export class EventColumnsBuilder {
  private idHashes: number[] = [];
  private times: number[] = [];
  private eventTimes: string[] = [];
  private accountNames = new Map<string, number>();
  private accounts: number[] = [];
  private regionNames = new Map<string, number>();
  private regions: number[] = [];
  private unparsed: number[] = [];
  /** The JSON texts of extras made so far, and the extras of the next one. */
  private extras: string[] = [];
  private extraParts: string[] = [];
  private extraChars = 0;
  private texts: string[] = [];

  /** Events added so far. */
  get count(): number {
    return this.times.length;
  }

  add(entry: EventEntry): void {
    const at = this.times.length;
    pushIdHashes(entry.id, this.idHashes);
    this.times.push(entry.time);
    this.eventTimes.push(entry.eventTime);
    this.accounts.push(intern(this.accountNames, entry.account));
    this.regions.push(intern(this.regionNames, entry.region));
    this.unparsed.push(entry.unparsed ? 1 : 0);
    if (entry.matches.length > 0 || entry.text !== undefined) {
      const extra: Extra = { at, matches: entry.matches };
      if (entry.described) extra.described = entry.described;
      if (entry.analyzed) extra.analyzed = entry.analyzed;
      if (entry.text !== undefined) {
        extra.text = true;
        this.texts.push(entry.text);
      }
      const json = JSON.stringify(extra);
      if (this.extraChars + json.length > EXTRAS_CHARS) this.closeExtras();
      this.extraParts.push(json);
      this.extraChars += json.length + 1;
    }
  }

  private closeExtras(): void {
    if (this.extraParts.length === 0) return;
    this.extras.push(`[${this.extraParts.join(',')}]`);
    this.extraParts = [];
    this.extraChars = 0;
  }

  build(): EventColumns {
    this.closeExtras();
    const [eventTimes, eventTimeEnds] = concat(this.eventTimes);
    return {
      count: this.times.length,
      idHashes: new Uint32Array(this.idHashes),
      times: new Float64Array(this.times),
      eventTimes,
      eventTimeEnds,
      accountNames: [...this.accountNames.keys()],
      accounts: new Int32Array(this.accounts),
      regionNames: [...this.regionNames.keys()],
      regions: new Int32Array(this.regions),
      unparsed: new Uint8Array(this.unparsed),
      extras: this.extras,
      texts: this.texts,
    };
  }
}

/**
 * Reads a batch's events in order. Most events carry nothing (no match, no record): the merge reads those from the
 * columns; `carried(i)` gives the others as entries, without an id (de-duplication reads idHashes).
 */
export class ColumnsCursor {
  private chunk = 0;
  private extras: Extra[] = [];
  private extra = 0;
  private text = 0;

  constructor(readonly columns: EventColumns) {}

  /** Event i as an entry when it carries matches or a record, else undefined; for i in increasing order. */
  carried(i: number): EventEntry | undefined {
    const { columns } = this;
    if (this.extra === this.extras.length && this.chunk < columns.extras.length) {
      this.extras = JSON.parse(columns.extras[this.chunk++]!) as Extra[];
      this.extra = 0;
    }
    const x = this.extras[this.extra];
    if (x?.at !== i) return undefined;
    this.extra++;
    const account = columns.accounts[i]!;
    const region = columns.regions[i]!;
    const entry: EventEntry = {
      kind: 'event',
      id: undefined,
      time: columns.times[i]!,
      eventTime: this.eventTime(i),
      account: account < 0 ? undefined : columns.accountNames[account],
      region: region < 0 ? undefined : columns.regionNames[region],
      matches: x.matches,
    };
    if (columns.unparsed[i]) entry.unparsed = true;
    if (x.described) entry.described = x.described;
    if (x.analyzed) entry.analyzed = x.analyzed;
    if (x.text) entry.text = columns.texts[this.text++]!;
    return entry;
  }

  eventTime(i: number): string {
    const ends = this.columns.eventTimeEnds;
    return this.columns.eventTimes.slice(i === 0 ? 0 : ends[i - 1]!, ends[i]);
  }
}

function intern(names: Map<string, number>, value: string | undefined): number {
  if (value === undefined) return -1;
  let index = names.get(value);
  if (index === undefined) names.set(value, (index = names.size));
  return index;
}

function concat(parts: string[]): [string, Uint32Array] {
  const ends = new Uint32Array(parts.length);
  let end = 0;
  parts.forEach((part, i) => (ends[i] = end += part.length));
  return [parts.join(''), ends];
}
