/**
 * A log file as CloudTrail delivers it (`{"Records":[{...},{...}]}`), split into its records and read for the
 * values of a few fields in one pass that builds no object: the fast way to tell the records no rule can match
 * (rules/prefilter.ts) and to count them without parsing them (parse.ts, rawEvent). The pass runs in WebAssembly
 * (wasm/record-scanner.ts, 64 bytes at a time with SIMD compares): in JavaScript, visiting every string of every
 * record cost more than JSON.parse itself.
 *
 * Exact, not heuristic: a field is read at its path (`userIdentity.arn` is the `arn` key of the record's
 * `userIdentity` object, nothing deeper or elsewhere), as JSON.parse and the rules (rules/field-path.ts) read it.
 * Where the text leaves that in doubt the record is marked `unsure` and the caller parses it: a field given twice
 * (JSON.parse keeps the last), a key with escapes or with a dot in an object on a path (a path `a.b` may also name a
 * key `a.b`). A string with escapes or non-ASCII characters, and a path through an array, read as COMPLEX (the
 * prefilter then assumes they may hold anything).
 *
 * What is checked: the file's shape, the strings (escaped quotes included), the nesting of every record and the
 * members on the paths read. scan() returns false, having kept nothing, when the text is not of this shape (another
 * shape, JSON Lines, a record that is not an object, unbalanced brackets): the caller then reads the file with the
 * splitter (sources/files), which reports exactly what is wrong and where. The other tokens of a record are checked
 * by JSON.parse when it is parsed; a record counted without parsing is not (as with the splitter, which delimits
 * records without reading them).
 */
import { isAscii } from 'node:buffer';
import { COMPLEX, isJsonWhitespace, LITERAL, NUMBER, STRING, type FieldOccurrences } from './raw-fields.js';
import { RECORD_SCANNER_WASM } from './record-scanner.wasm.js';

// Kinds of a slot's value, as the WebAssembly scanner writes them.
const ABSENT = 0;
const STRING_PLAIN = 1;
const SCALAR_LITERAL = 3;
const SCALAR_NUMBER = 4;

const INVALID = -1;
const FULL = -2;
const PADDING = 64;
const PAGE = 65536;

interface ScannerExports {
  memory: WebAssembly.Memory;
  configure(
    nodes: number,
    children: number,
    slots: number,
    input: number,
    capacity: number,
    output: number,
  ): void;
  outputBytes(capacity: number, slots: number): number;
  scan(length: number): number;
  endOffset: WebAssembly.Global;
  /** Where configure() put the outputs (byte offsets in the memory). */
  recordStarts: WebAssembly.Global;
  recordEnds: WebAssembly.Global;
  unsure: WebAssembly.Global;
  kinds: WebAssembly.Global;
  starts: WebAssembly.Global;
  ends: WebAssembly.Global;
}

/** The outputs' offsets of a scan, as the module laid them out, as indexes into the views that read them. */
interface OutputLayout {
  /** Into the Int32Array view. */
  recordStarts: number;
  recordEnds: number;
  starts: number;
  ends: number;
  /** Into the Uint8Array view. */
  unsure: number;
  kinds: number;
}

let compiled: WebAssembly.Module | undefined;

function instantiate(): ScannerExports {
  compiled ??= new WebAssembly.Module(Buffer.from(RECORD_SCANNER_WASM, 'base64'));
  const instance = new WebAssembly.Instance(compiled, {
    env: {
      abort: () => {
        throw new Error('record scanner: abort');
      },
    },
  });
  return instance.exports as unknown as ScannerExports;
}

/** Node's Buffer decodes a range without the argument checks of toString (a few values of every record). */
interface SlicingBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

interface PathNode {
  name: string;
  slot: number;
  children: PathNode[];
}

export class RecordScanner {
  /** The keys of the occurrences (`FieldOccurrences.key`): the last part of each path, as given. */
  readonly keys: readonly string[];
  /** Records found by the last scan. */
  count = 0;

  private readonly wasm: ScannerExports;
  private readonly slots: number;
  /** The key index of each slot that is one of the paths asked for, else -1. */
  private readonly keyOfSlot: Int32Array;
  /** The index in `paths` of each slot that is one of them, else -1. */
  private readonly pathOfSlot: Int32Array;
  /** Where the input starts in the module's memory (after the path table). */
  private readonly inputAt: number;
  private capacity = 256;
  private tableAt = { nodes: 0, children: 0 };

  // The last scan: its Records array's bytes (a view of the module's copy), and the outputs' offsets.
  private bytes: SlicingBuffer = Buffer.alloc(0) as SlicingBuffer;
  private ascii = true;
  private out: OutputLayout = { recordStarts: 0, recordEnds: 0, starts: 0, ends: 0, unsure: 0, kinds: 0 };
  private i32 = new Int32Array(0);
  private u8 = new Uint8Array(0);
  private readonly view: ScannedFields;

  /** `paths`: field paths (`eventName`, `userIdentity.arn`); `keys`: the key list occurrences are numbered in. */
  constructor(paths: readonly string[], keys: readonly string[]) {
    this.keys = keys;
    const root: PathNode = { name: '', slot: -1, children: [] };
    let slots = 0;
    const keyOf: number[] = [];
    const pathOf: number[] = [];
    for (const path of new Set(paths)) {
      let node = root;
      const parts = path.split('.');
      for (const part of parts) {
        let next = node.children.find((c) => c.name === part);
        if (!next) {
          next = { name: part, slot: slots++, children: [] };
          keyOf.push(-1);
          pathOf.push(-1);
          node.children.push(next);
        }
        node = next;
      }
      const key = keys.indexOf(parts[parts.length - 1]!);
      if (key < 0) throw new Error(`RecordScanner: the key of ${path} is not in the key list`);
      keyOf[node.slot] = key;
      pathOf[node.slot] = paths.indexOf(path);
    }
    this.slots = slots;
    this.keyOfSlot = Int32Array.from(keyOf);
    this.pathOfSlot = Int32Array.from(pathOf);
    this.wasm = instantiate();
    this.inputAt = this.writePathTable(root);
    this.view = new ScannedFields(this);
  }

  /**
   * Scans a whole file's bytes. False when they are not JSON of the shape `{"Records":[{...},...]}`: nothing is
   * kept, the caller reads the file another way.
   */
  scan(bytes: Buffer): boolean {
    this.count = 0;
    const from = recordsStart(bytes);
    if (from < 0) return false;
    const length = bytes.length - from;
    for (;;) {
      const outputAt = align(this.inputAt + length + PADDING, 64);
      this.ensureMemory(outputAt + this.wasm.outputBytes(this.capacity, this.slots));
      const memory = new Uint8Array(this.wasm.memory.buffer);
      memory.set(bytes.subarray(from), this.inputAt);
      memory.fill(0, this.inputAt + length, this.inputAt + length + PADDING);
      const { nodes, children } = this.tableAt;
      this.wasm.configure(nodes, children, this.slots, this.inputAt, this.capacity, outputAt);
      const count = this.wasm.scan(length);
      if (count === FULL) {
        this.capacity *= 2;
        continue;
      }
      if (count === INVALID || !onlyClosing(bytes, from + (this.wasm.endOffset.value as number)))
        return false;
      this.count = count;
      break;
    }
    // Texts are sliced from the copy in the module's memory: the file's own buffer can go at once (kept while its
    // records are examined, it would outlive young-generation collections and wait for a full one).
    this.bytes = Buffer.from(this.wasm.memory.buffer, this.inputAt, length) as SlicingBuffer;
    this.ascii = isAscii(bytes);
    const w = this.wasm;
    const at = (global: WebAssembly.Global) => global.value as number;
    this.out = {
      recordStarts: at(w.recordStarts) >> 2,
      recordEnds: at(w.recordEnds) >> 2,
      starts: at(w.starts) >> 2,
      ends: at(w.ends) >> 2,
      unsure: at(w.unsure),
      kinds: at(w.kinds),
    };
    this.i32 = new Int32Array(this.wasm.memory.buffer);
    this.u8 = new Uint8Array(this.wasm.memory.buffer);
    return true;
  }

  /** Record r's text. */
  recordText(r: number): string {
    const start = this.i32[this.out.recordStarts + r]!;
    const end = this.i32[this.out.recordEnds + r]!;
    return this.ascii ? this.bytes.latin1Slice(start, end) : this.bytes.utf8Slice(start, end);
  }

  /** Whether record r must be parsed to know its fields (see the module comment). */
  unsure(r: number): boolean {
    return this.u8[this.out.unsure + r] === 1;
  }

  /** Record r's fields, as occurrences of `keys`: a view that the next call replaces. */
  fields(r: number): FieldOccurrences {
    this.view.load(r);
    return this.view;
  }

  /** For ScannedFields: slot s of record r. */
  slotKind(r: number, s: number): number {
    return this.u8[this.out.kinds + r * this.slots + s]!;
  }

  /** The text of slot s of record r (a plain string's content, a literal, a number). */
  slotText(r: number, s: number): string {
    const at = r * this.slots + s;
    return this.bytes.latin1Slice(this.i32[this.out.starts + at]!, this.i32[this.out.ends + at]!);
  }

  slotCount(): number {
    return this.slots;
  }

  keyOf(s: number): number {
    return this.keyOfSlot[s]!;
  }

  pathOf(s: number): number {
    return this.pathOfSlot[s]!;
  }

  private ensureMemory(bytes: number): void {
    const memory = this.wasm.memory;
    if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
  }

  /**
   * Writes the path table at the start of the module's memory: nodes (first child, child count, slot), child
   * entries (name offset, name length, node), then the names. Returns where the input may start.
   */
  private writePathTable(root: PathNode): number {
    const nodes: PathNode[] = [root];
    for (let i = 0; i < nodes.length; i++) nodes.push(...nodes[i]!.children);
    const nodesAt = 0;
    const childrenAt = nodesAt + 12 * nodes.length;
    const namesAt = childrenAt + 20 * (nodes.length - 1);
    const names = new Map(nodes.map((n) => [n, Buffer.from(n.name, 'utf8')]));
    let end = namesAt;
    for (const node of nodes.slice(1)) end += names.get(node)!.length;
    this.ensureMemory(end + PAGE);
    const view = new DataView(this.wasm.memory.buffer);
    const bytes = new Uint8Array(this.wasm.memory.buffer);
    let entry = 0;
    let nameAt = namesAt;
    nodes.forEach((node, i) => {
      view.setInt32(nodesAt + 12 * i, entry, true);
      view.setInt32(nodesAt + 12 * i + 4, node.children.length, true);
      view.setInt32(nodesAt + 12 * i + 8, node.slot, true);
      for (const child of node.children) {
        const name = names.get(child)!;
        const at = childrenAt + 20 * entry;
        view.setInt32(at, nameAt, true);
        view.setInt32(at + 4, name.length, true);
        view.setInt32(at + 8, nodes.indexOf(child), true);
        // The name's first and last four bytes, which the scanner compares first.
        view.setUint32(at + 12, name.length >= 4 ? name.readUInt32LE(0) : 0, true);
        view.setUint32(at + 16, name.length >= 4 ? name.readUInt32LE(name.length - 4) : 0, true);
        bytes.set(name, nameAt);
        nameAt += name.length;
        entry++;
      }
    });
    this.tableAt = { nodes: nodesAt, children: childrenAt };
    return align(end, 64);
  }
}

/** A record's fields as occurrences (see FieldOccurrences), read from the scanner's slots. */
class ScannedFields implements FieldOccurrences {
  readonly keys: readonly string[];
  readonly exact = true;
  count = 0;
  private record = 0;
  private readonly slotAt: Int32Array;
  private readonly kindAt: Uint8Array;
  /** The record's values read so far: the prefilter and the counting read some of the same (eventName). */
  private readonly values: (string | undefined)[];
  private readonly index = new Map<string, number>();

  constructor(private readonly scanner: RecordScanner) {
    this.keys = scanner.keys;
    this.keys.forEach((key, i) => this.index.set(key, i));
    this.slotAt = new Int32Array(scanner.slotCount());
    this.kindAt = new Uint8Array(scanner.slotCount());
    this.values = new Array<string | undefined>(scanner.slotCount()).fill(undefined);
  }

  load(r: number): void {
    const scanner = this.scanner;
    this.record = r;
    let n = 0;
    for (let s = 0; s < this.slotAt.length; s++) {
      if (scanner.keyOf(s) < 0) continue;
      const kind = scanner.slotKind(r, s);
      if (kind === ABSENT) continue;
      this.slotAt[n] = s;
      this.kindAt[n] =
        kind === STRING_PLAIN
          ? STRING
          : kind === SCALAR_LITERAL
            ? LITERAL
            : kind === SCALAR_NUMBER
              ? NUMBER
              : COMPLEX;
      this.values[n] = undefined;
      n++;
    }
    this.count = n;
  }

  indexOf(key: string): number {
    return this.index.get(key) ?? -1;
  }

  key(i: number): number {
    return this.scanner.keyOf(this.slotAt[i]!);
  }

  path(i: number): number {
    return this.scanner.pathOf(this.slotAt[i]!);
  }

  kind(i: number): number {
    return this.kindAt[i]!;
  }

  value(i: number): string {
    if (this.kindAt[i] === COMPLEX) return '';
    return (this.values[i] ??= this.scanner.slotText(this.record, this.slotAt[i]!));
  }
}

const RECORDS_KEY = Buffer.from('"Records"');

function skipSpace(bytes: Buffer, i: number): number {
  while (isJsonWhitespace(bytes[i])) i++;
  return i;
}

/** The offset after the `[` of `{"Records":[`, at the start of the bytes (after a BOM, whitespace), or -1. */
function recordsStart(bytes: Buffer): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  i = skipSpace(bytes, i);
  if (bytes[i] !== 0x7b) return -1;
  i = skipSpace(bytes, i + 1);
  if (!bytes.subarray(i, i + RECORDS_KEY.length).equals(RECORDS_KEY)) return -1;
  i = skipSpace(bytes, i + RECORDS_KEY.length);
  if (bytes[i] !== 0x3a) return -1;
  i = skipSpace(bytes, i + 1);
  return bytes[i] === 0x5b ? i + 1 : -1;
}

/** Whether the bytes from `i` are the `}` closing the file's object, with whitespace around it. */
function onlyClosing(bytes: Buffer, i: number): boolean {
  i = skipSpace(bytes, i);
  if (bytes[i] !== 0x7d) return false;
  return skipSpace(bytes, i + 1) === bytes.length;
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
