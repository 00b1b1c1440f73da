// The record scanner's hot loop, in AssemblyScript: compiled to WebAssembly (with SIMD) by scripts/build-wasm.mjs
// into src/records/record-scanner.wasm.ts, and driven by src/records/record-scanner.ts (read that first: it says
// what is scanned and why this is exact). This file only knows bytes and the path table the host wrote.
//
// Input: the bytes of the Records array of a log file, from just after its `[`, followed by 64 zero bytes. Each
// 64-byte block is classified with SIMD compares (quotes, backslashes, brackets, colons); the quotes give the
// strings (a quote after an odd number of backslashes is escaped), so brackets and colons outside strings are the
// structure. Only those are visited: brackets follow the nesting (and end the records), a colon in an object on a
// path names a key whose value may be one the host asked for.
//
// Memory, as the host lays it out (configure): the path table, the input, then the outputs per record.

// Kinds of a slot's value (the host reads them).
const ABSENT: u8 = 0;
const STRING_PLAIN: u8 = 1;
const STRING_OTHER: u8 = 2; // with escapes or non-ASCII bytes: the host must parse to know it
const SCALAR_LITERAL: u8 = 3;
const SCALAR_NUMBER: u8 = 4;
const CONTAINER: u8 = 5;

// scan() results besides a record count.
const INVALID: i32 = -1;
const FULL: i32 = -2;

const QUOTE: u8 = 0x22;
const BACKSLASH: u8 = 0x5c;
const LBRACE: u8 = 0x7b;
const RBRACE: u8 = 0x7d;
const LBRACKET: u8 = 0x5b;
const RBRACKET: u8 = 0x5d;
const COLON: u8 = 0x3a;
const COMMA: u8 = 0x2c;
const DOT: u8 = 0x2e;

const MAX_DEPTH: i32 = 1024;

// The path table: nodes (i32 firstChild, childCount, slot), children (i32 nameOffset, nameLength, node, and the
// name's first and last four bytes as little-endian words, 0 for names shorter than four), names. Node 0 is the
// record itself.
let nodes: usize = 0;
let children: usize = 0;
let slots: i32 = 0;
// The input, and the outputs: per record its start, end and unsure flag; per record and slot a kind, start, end.
// Where configure() put the outputs is exported: the host reads them there.
let input: usize = 0;
let capacity: i32 = 0;
export let recordStarts: usize = 0;
export let recordEnds: usize = 0;
export let unsure: usize = 0;
export let kinds: usize = 0;
export let starts: usize = 0;
export let ends: usize = 0;
// Frames of the open containers, per depth: i32 node (-1: not on a path), slot (-1: none), start, isObject.
let frames: usize = 0;

/** Where the scan stopped: the offset after the `]` that closes the Records array. */
export let endOffset: i32 = 0;

export function configure(
  nodesAt: usize,
  childrenAt: usize,
  slotCount: i32,
  inputAt: usize,
  recordCapacity: i32,
  outputAt: usize,
): void {
  nodes = nodesAt;
  children = childrenAt;
  slots = slotCount;
  input = inputAt;
  capacity = recordCapacity;
  recordStarts = outputAt;
  recordEnds = recordStarts + ((<usize>capacity) << 2);
  unsure = recordEnds + ((<usize>capacity) << 2);
  kinds = unsure + <usize>capacity;
  starts = (kinds + <usize>(capacity * slots) + 3) & ~3;
  ends = starts + ((<usize>(capacity * slots)) << 2);
  frames = ends + ((<usize>(capacity * slots)) << 2);
}

/** Bytes the outputs need for `recordCapacity` records (the host grows memory to fit). */
export function outputBytes(recordCapacity: i32, slotCount: i32): i32 {
  return recordCapacity * 9 + 4 + recordCapacity * slotCount * 9 + MAX_DEPTH * 16 + 64;
}

function prefixXor(x: u64): u64 {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

function byte(at: i32): u8 {
  return load<u8>(input + <usize>at);
}

function isSpace(c: u8): bool {
  return c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09;
}

function frame(depth: i32, field: i32): i32 {
  return load<i32>(frames + ((<usize>depth) << 4) + ((<usize>field) << 2));
}

function setFrame(depth: i32, node: i32, slot: i32, start: i32, isObject: i32): void {
  const at = frames + ((<usize>depth) << 4);
  store<i32>(at, node);
  store<i32>(at, slot, 4);
  store<i32>(at, start, 8);
  store<i32>(at, isObject, 12);
}

function capture(record: i32, slot: i32, kind: u8, start: i32, end: i32): void {
  const at = <usize>(record * slots + slot);
  if (load<u8>(kinds + at) != ABSENT) store<u8>(unsure + <usize>record, 1);
  store<u8>(kinds + at, kind);
  store<i32>(starts + (at << 2), start);
  store<i32>(ends + (at << 2), end);
}

/** The paths below `node` met an array: each may hold anything there. */
function containerBelow(record: i32, node: i32): void {
  const first = load<i32>(nodes + <usize>node * 12);
  const count = load<i32>(nodes + <usize>node * 12, 4);
  for (let i = 0; i < count; i++) {
    const child = load<i32>(children + <usize>(first + i) * 20, 8);
    const slot = load<i32>(nodes + <usize>child * 12, 8);
    const at = kinds + <usize>(record * slots + slot);
    if (load<u8>(at) == ABSENT) store<u8>(at, CONTAINER);
    containerBelow(record, child);
  }
}

/** The child of `node` named by the bytes [from, to), or -1. */
function childNamed(node: i32, from: i32, to: i32): i32 {
  const first = load<i32>(nodes + <usize>node * 12);
  const count = load<i32>(nodes + <usize>node * 12, 4);
  const length = to - from;
  const long = length >= 4;
  const head = long ? load<u32>(input + <usize>from) : 0;
  const tail = long ? load<u32>(input + <usize>(to - 4)) : 0;
  for (let i = 0; i < count; i++) {
    const entry = children + <usize>(first + i) * 20;
    if (load<i32>(entry, 4) != length || load<u32>(entry, 12) != head || load<u32>(entry, 16) != tail)
      continue;
    if (length <= 8 && long) return load<i32>(entry, 8);
    if (memory.compare(<usize>load<i32>(entry), input + <usize>from, <usize>length) == 0)
      return load<i32>(entry, 8);
  }
  return -1;
}

/** Whether the quote at `at` is escaped (an odd number of backslashes before it). */
function escaped(at: i32): bool {
  let k = at - 1;
  while (k >= 0 && byte(k) == BACKSLASH) k--;
  return ((at - 1 - k) & 1) == 1;
}

/** The opening quote of the string whose closing quote is at `close`, or -1. */
function stringStart(close: i32): i32 {
  const quote = i8x16.splat(QUOTE);
  let end = close;
  while (end >= 16) {
    const start = end - 16;
    const found = i8x16.bitmask(i8x16.eq(v128.load(input + <usize>start), quote));
    if (found != 0) {
      const at = start + 31 - <i32>clz(found);
      if (!escaped(at)) return at;
      end = at;
    } else {
      end = start;
    }
  }
  for (let k = end - 1; k >= 0; k--) if (byte(k) == QUOTE && !escaped(k)) return k;
  return -1;
}

/** Whether the bytes [from, to) hold `c`. */
function holds(from: i32, to: i32, c: u8): bool {
  const wanted = i8x16.splat(c);
  for (let at = from; at < to; at += 16) {
    let found = i8x16.bitmask(i8x16.eq(v128.load(input + <usize>at), wanted));
    const left = to - at;
    if (left < 16) found &= (1 << left) - 1;
    if (found != 0) return true;
  }
  return false;
}

// Set by stringEnd: whether the string has no escape and no byte above 0x7f.
let plain: bool = true;

/** The closing quote of the string whose content starts at `from`, or -1 (it does not end before `length`). */
function stringEnd(from: i32, length: i32): i32 {
  const quote = i8x16.splat(QUOTE);
  const backslash = i8x16.splat(BACKSLASH);
  const zero = i8x16.splat(0);
  plain = true;
  let at = from;
  while (at < length) {
    const v = v128.load(input + <usize>at);
    const found = i8x16.bitmask(
      v128.or(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)), i8x16.lt_s(v, zero)),
    );
    if (found == 0) {
      at += 16;
      continue;
    }
    const pos = at + <i32>ctz(found);
    const c = byte(pos);
    if (c == QUOTE) return pos < length ? pos : -1;
    plain = false;
    at = c == BACKSLASH ? pos + 2 : pos + 1;
  }
  return -1;
}

// The member whose value starts at pendingAt (an object or array), of path node pendingNode.
let pendingAt: i32 = -1;
let pendingNode: i32 = -1;

/**
 * The key before the colon at `colon`, in the object of path node `node` in record `record`: when it is a child of
 * the node, its value is kept (a container when its bracket comes). Returns false when the text is not JSON there.
 */
function member(record: i32, node: i32, colon: i32, length: i32): bool {
  let close = colon - 1;
  while (close >= 0 && isSpace(byte(close))) close--;
  if (close < 0 || byte(close) != QUOTE) return false;
  const open = stringStart(close);
  if (open < 0) return false;
  // A key with escapes may spell any name; one with a dot may be a path's parts: the host parses the record.
  if (holds(open + 1, close, BACKSLASH)) {
    store<u8>(unsure + <usize>record, 1);
    return true;
  }
  const child = childNamed(node, open + 1, close);
  if (child < 0) {
    if (holds(open + 1, close, DOT)) store<u8>(unsure + <usize>record, 1);
    return true;
  }
  const slot = load<i32>(nodes + <usize>child * 12, 8);
  let v = colon + 1;
  while (isSpace(byte(v))) v++;
  const c = byte(v);
  if (c == QUOTE) {
    const end = stringEnd(v + 1, length);
    if (end < 0) return false;
    capture(record, slot, plain ? STRING_PLAIN : STRING_OTHER, v + 1, end);
  } else if (c == LBRACE || c == LBRACKET) {
    pendingAt = v;
    pendingNode = child;
  } else if (c == 0x74 || c == 0x66 || c == 0x6e) {
    // true, false, null: the letters after the first, as little-endian words.
    const length = c == 0x66 ? 5 : 4;
    const rest = c == 0x74 ? 0x657572 : c == 0x66 ? 0x65736c61 : 0x6c6c75;
    const found =
      c == 0x66 ? load<u32>(input + <usize>(v + 1)) : load<u32>(input + <usize>(v + 1)) & 0xffffff;
    if (found != <u32>rest) return false;
    capture(record, slot, SCALAR_LITERAL, v, v + length);
  } else if (c == 0x2d || (c >= 0x30 && c <= 0x39)) {
    let end = v + 1;
    for (;;) {
      const d = byte(end);
      if ((d >= 0x30 && d <= 0x39) || d == DOT || d == 0x65 || d == 0x45 || d == 0x2b || d == 0x2d) end++;
      else break;
    }
    capture(record, slot, SCALAR_NUMBER, v, end);
  } else {
    return false;
  }
  return true;
}

/** Between two records (or the array's brackets): whitespace, and `commas` commas at most (exactly, if exact). */
function gap(from: i32, to: i32, commas: i32, exact: bool): bool {
  let seen = 0;
  for (let k = from; k < to; k++) {
    const c = byte(k);
    if (c == COMMA) seen++;
    else if (!isSpace(c)) return false;
  }
  return exact ? seen == commas : seen <= commas;
}

/**
 * Scans `length` input bytes: the records of the array (each an object), up to the `]` that closes it. Returns the
 * number of records, INVALID when the text is not JSON of that shape, FULL when there are more than the capacity.
 */
export function scan(length: i32): i32 {
  const quote = i8x16.splat(QUOTE);
  const backslash = i8x16.splat(BACKSLASH);
  const lbrace = i8x16.splat(LBRACE);
  const rbrace = i8x16.splat(RBRACE);
  const lbracket = i8x16.splat(LBRACKET);
  const rbracket = i8x16.splat(RBRACKET);
  const colon = i8x16.splat(COLON);
  let inside: u64 = 0; // all ones when the previous block ended inside a string
  let backslashEnd: u64 = 0; // the previous block ended with a backslash
  let depth: i32 = 0;
  let count: i32 = 0;
  let previousEnd: i32 = 0;
  pendingAt = -1;
  for (let block = 0; block < length; block += 64) {
    const p = input + <usize>block;
    let quotes: u64 = 0;
    let backslashes: u64 = 0;
    let structure: u64 = 0;
    for (let k = 0; k < 4; k++) {
      const v = v128.load(p + <usize>(k << 4));
      const shift = <u64>(k << 4);
      quotes |= (<u64>i8x16.bitmask(i8x16.eq(v, quote))) << shift;
      backslashes |= (<u64>i8x16.bitmask(i8x16.eq(v, backslash))) << shift;
      const brackets = v128.or(
        v128.or(i8x16.eq(v, lbrace), i8x16.eq(v, rbrace)),
        v128.or(i8x16.eq(v, lbracket), i8x16.eq(v, rbracket)),
      );
      structure |= (<u64>i8x16.bitmask(v128.or(brackets, i8x16.eq(v, colon)))) << shift;
    }
    if ((backslashes | backslashEnd) != 0) {
      let candidates = quotes;
      while (candidates != 0) {
        const bit = ctz(candidates);
        candidates &= candidates - 1;
        if (escaped(block + <i32>bit)) quotes &= ~((<u64>1) << bit);
      }
    }
    backslashEnd = backslashes >> 63;
    const strings = prefixXor(quotes) ^ inside;
    inside = <u64>0 - (strings >> 63);
    structure &= ~strings;
    while (structure != 0) {
      const at = block + <i32>ctz(structure);
      structure &= structure - 1;
      if (at >= length) return INVALID;
      const c = byte(at);
      if (c == COLON) {
        if (depth == 0) return INVALID;
        const node = frame(depth, 0);
        if (node >= 0 && !member(count, node, at, length)) return INVALID;
        continue;
      }
      if (c == LBRACE || c == LBRACKET) {
        if (depth == 0) {
          if (c != LBRACE || !gap(previousEnd, at, count > 0 ? 1 : 0, true)) return INVALID;
          if (count == capacity) return FULL;
          store<i32>(recordStarts + ((<usize>count) << 2), at);
          store<u8>(unsure + <usize>count, 0);
          memory.fill(kinds + <usize>(count * slots), ABSENT, <usize>slots);
          setFrame(1, 0, -1, at, 1);
          depth = 1;
          continue;
        }
        if (depth + 1 >= MAX_DEPTH) return INVALID;
        let node = -1;
        let slot = -1;
        if (pendingAt == at) {
          slot = load<i32>(nodes + <usize>pendingNode * 12, 8);
          if (c == LBRACE && load<i32>(nodes + <usize>pendingNode * 12, 4) > 0) node = pendingNode;
          else if (c == LBRACKET) containerBelow(count, pendingNode);
          pendingAt = -1;
        }
        depth++;
        setFrame(depth, node, slot, at, c == LBRACE ? 1 : 0);
        continue;
      }
      // A closing bracket.
      if (depth == 0) {
        if (c != RBRACKET || !gap(previousEnd, at, count > 0 ? 1 : 0, false)) return INVALID;
        endOffset = at + 1;
        return count;
      }
      if (frame(depth, 3) != (c == RBRACE ? 1 : 0)) return INVALID;
      const slot = frame(depth, 1);
      if (slot >= 0) capture(count, slot, CONTAINER, frame(depth, 2), at + 1);
      depth--;
      if (depth == 0) {
        store<i32>(recordEnds + ((<usize>count) << 2), at + 1);
        count++;
        previousEnd = at + 1;
      }
    }
  }
  return INVALID;
}
