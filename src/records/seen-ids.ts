/**
 * A set of eventIDs kept as two 32-bit hashes each in an open-addressing table: about 16 bytes per event instead
 * of ~100 for a Set<string>, so de-duplicating a million-event scan costs ~16 MiB. Two independent 32-bit hashes
 * make a false "duplicate" (dropping a real event) about 1 in 10^19 per pair of ids.
 */
export class SeenIds {
  private table = new Uint32Array(2 * 1024);
  private size = 0;

  /** Adds the id; returns false when it was already there. */
  add(id: string): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = h1 >>> 0 || 1; // 0 marks an empty slot
    h2 = h2 >>> 0;
    if ((this.size + 1) * 2 > this.table.length / 2) this.grow();
    if (!this.insert(this.table, h1, h2)) return false;
    this.size++;
    return true;
  }

  private insert(table: Uint32Array, h1: number, h2: number): boolean {
    const mask = table.length / 2 - 1;
    let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask;
    for (;;) {
      const at = slot * 2;
      if (table[at] === 0) {
        table[at] = h1;
        table[at + 1] = h2;
        return true;
      }
      if (table[at] === h1 && table[at + 1] === h2) return false;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    const next = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] !== 0) this.insert(next, old[at]!, old[at + 1]!);
    }
    this.table = next;
  }
}
