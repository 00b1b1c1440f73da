/**
 * Sets and maps of eventIDs kept as two 32-bit hashes each in an open-addressing table: about 11 bytes per event
 * (a table at most three quarters full) instead of ~100 for a Set<string>, so de-duplicating a million-event scan
 * costs ~12 MiB. Two independent 32-bit hashes make a false "duplicate" (dropping a real event) about 1 in 10^19 per
 * pair of ids.
 *
 * A table's memory is given back as soon as it is left (grown out of, or released): its buffer is resizable and
 * shrunk to nothing, where a plain typed array's pages would stay until V8 collects it, which for a table of the old
 * generation may be long after the scan needed it.
 */
let h1 = 0;
let h2 = 0;

/** Sets h1 and h2 to the id's two hashes (h1 never 0: 0 marks an empty slot, and an event without an id). */
function hash(id: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  h1 = a >>> 0 || 1;
  h2 = b >>> 0;
}

/** Ids per slot at most: the table is grown before it is more than three quarters full. */
const MAX_LOAD = 0.75;
const MIN_SLOTS = 1024;

/** An open-addressing table of `width` 32-bit words per id: the two hashes, then the value if any. */
class IdTable {
  private table: Uint32Array;
  private size = 0;

  /** `expected`: how many ids it will hold, when known (the table is then made that big at once). */
  constructor(
    private readonly width: number,
    expected = 0,
  ) {
    this.table = newTable(Math.max(MIN_SLOTS, Math.ceil(expected / MAX_LOAD) + 1) * width);
  }

  /** Gives the table's memory back: the ids are forgotten. */
  release(): void {
    giveBack(this.table);
    this.size = 0;
    this.table = newTable(MIN_SLOTS * this.width);
  }

  /** The slot of the hashed id (h1, h2): where it is, or the empty slot it would go to. */
  protected slot(table = this.table): number {
    const slots = table.length / this.width;
    let slot = ((h1 ^ Math.imul(h2, 0x9e3779b1)) >>> 0) % slots;
    for (;;) {
      const at = slot * this.width;
      if (table[at] === 0 || (table[at] === h1 && table[at + 1] === h2)) return at;
      slot = slot + 1 === slots ? 0 : slot + 1;
    }
  }

  /** Where the id `hash` just hashed is, or -(where it was put) - 1 when it was not there (with `value`). */
  protected find(value = 0): number {
    if (this.size + 1 > (this.table.length / this.width) * MAX_LOAD) {
      const [a, b] = [h1, h2];
      this.grow(); // rehashes with h1 and h2
      [h1, h2] = [a, b];
    }
    const at = this.slot();
    if (this.table[at] !== 0) return at;
    this.table[at] = h1;
    this.table[at + 1] = h2;
    if (this.width > 2) this.table[at + 2] = value;
    this.size++;
    return -at - 1;
  }

  protected present(at: number): boolean {
    return this.table[at] !== 0;
  }

  protected valueAt(at: number): number {
    return this.table[at + 2]!;
  }

  /** Half as big again: growing by less than double keeps the table closer to what it holds. */
  private grow(): void {
    const old = this.table;
    const next = newTable(Math.ceil((old.length / this.width) * 1.5) * this.width);
    for (let at = 0; at < old.length; at += this.width) {
      if (old[at] === 0) continue;
      h1 = old[at]!;
      h2 = old[at + 1]!;
      const to = this.slot(next);
      for (let w = 0; w < this.width; w++) next[to + w] = old[at + w]!;
    }
    giveBack(old);
    this.table = next;
  }
}

/** A zeroed table whose memory giveBack() returns at once. */
function newTable(words: number): Uint32Array {
  const bytes = words * 4;
  return new Uint32Array(new ArrayBuffer(bytes, { maxByteLength: bytes }));
}

function giveBack(table: Uint32Array): void {
  (table.buffer as ArrayBuffer).resize(0);
}

/**
 * Appends the id's two hashes to `out`, or 0 and 0 for no id: how a worker thread hands ids over (SeenIds.addHashes),
 * 8 bytes an event instead of the id's text.
 */
export function pushIdHashes(id: string | undefined, out: number[]): void {
  if (id === undefined) {
    out.push(0, 0);
    return;
  }
  hash(id);
  out.push(h1, h2);
}

export class SeenIds extends IdTable {
  constructor() {
    super(2);
  }

  /** Adds the id; returns false when it was already there. */
  add(id: string): boolean {
    hash(id);
    return this.find() < 0;
  }

  /** Adds the id whose hashes pushIdHashes gave (a not 0); returns false when it was already there. */
  addHashes(a: number, b: number): boolean {
    h1 = a;
    h2 = b;
    return this.find() < 0;
  }
}

/** eventID → a number below 2^32, the first given for it: a map of ids at ~16 bytes each. */
export class FirstNumberById extends IdTable {
  /** `expected`: how many ids it will hold, when known. */
  constructor(expected = 0) {
    super(3, expected);
  }

  /** The number the id was first given with (this `value` when it is new). */
  firstOrSet(id: string, value: number): number {
    hash(id);
    const at = this.find(value);
    return at < 0 ? value : this.valueAt(at);
  }

  /** The number given for the id, if any. */
  get(id: string): number | undefined {
    hash(id);
    const at = this.slot();
    return this.valueAtIfPresent(at);
  }

  private valueAtIfPresent(at: number): number | undefined {
    return this.present(at) ? this.valueAt(at) : undefined;
  }
}
