/**
 * The events of one batch in columns (a few strings and typed arrays instead of an object per event): what a
 * worker posts, because cloning a million small objects between threads costs more than reading them. What the
 * matched events carry (matches described for the Detector and the analyzers) travels as JSON texts: V8 writes
 * and reads JSON several times faster than it clones the same objects between threads. Several texts, each below
 * V8's large-object size: a larger one would be allocated in the main thread's old generation as it arrives, and
 * stay there, garbage, until a full collection; and each is parsed only when the merge reaches its events.
 */
import type { EventEntry } from './entries.js';

export interface EventColumns {
  count: number;
  /** eventIDs concatenated; idEnds[i] = end of the i-th (start = previous end); hasId[i] = 0 when none. */
  ids: string;
  idEnds: Uint32Array;
  hasId: Uint8Array;
  times: Float64Array;
  eventTimes: string;
  eventTimeEnds: Uint32Array;
  /** Distinct accounts and regions of the file; per event an index into them, -1 for none. */
  accountNames: string[];
  accounts: Int32Array;
  regionNames: string[];
  regions: Int32Array;
  /** 1 for an event read from its raw text without parsing. */
  unparsed: Uint8Array;
  /**
   * Events with matches or a carried record: their position among the batch's events, and what they carry; as JSON
   * arrays of at most about EXTRAS_CHARS characters each, in order.
   */
  extras: string[];
  /** The carried records' texts: texts[i] belongs to the i-th extra with `text: true`. */
  texts: string[];
}

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
  private ids: string[] = [];
  private hasId: number[] = [];
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
    this.ids.push(entry.id ?? '');
    this.hasId.push(entry.id === undefined ? 0 : 1);
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
    const [ids, idEnds] = concat(this.ids);
    const [eventTimes, eventTimeEnds] = concat(this.eventTimes);
    return {
      count: this.times.length,
      ids,
      idEnds,
      hasId: new Uint8Array(this.hasId),
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

/** The events back as entries, in order. */
export function* eventEntries(columns: EventColumns): Generator<EventEntry> {
  let chunk = 0;
  let extras: Extra[] = [];
  let extra = 0;
  let text = 0;
  for (let i = 0; i < columns.count; i++) {
    const idStart = i === 0 ? 0 : columns.idEnds[i - 1]!;
    const timeStart = i === 0 ? 0 : columns.eventTimeEnds[i - 1]!;
    const account = columns.accounts[i]!;
    const region = columns.regions[i]!;
    const entry: EventEntry = {
      kind: 'event',
      id: columns.hasId[i] ? columns.ids.slice(idStart, columns.idEnds[i]) : undefined,
      time: columns.times[i]!,
      eventTime: columns.eventTimes.slice(timeStart, columns.eventTimeEnds[i]),
      account: account < 0 ? undefined : columns.accountNames[account],
      region: region < 0 ? undefined : columns.regionNames[region],
      matches: [],
    };
    if (columns.unparsed[i]) entry.unparsed = true;
    if (extra === extras.length && chunk < columns.extras.length) {
      extras = JSON.parse(columns.extras[chunk++]!) as Extra[];
      extra = 0;
    }
    const x = extras[extra];
    if (x?.at === i) {
      extra++;
      entry.matches = x.matches;
      if (x.described) entry.described = x.described;
      if (x.analyzed) entry.analyzed = x.analyzed;
      if (x.text) entry.text = columns.texts[text++]!;
    }
    yield entry;
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
