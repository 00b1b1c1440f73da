/**
 * Corpora for the differential tests of the SQL compiler:
 * - real records: test/fixtures/real-cloudtrail and the Stratus Red Team samples in samples/;
 * - every built-in rule's own test events (rules/builtin/*.tests.yml: matches and near misses);
 * - records generated from each rule's detection (seeded): for every selection a record built to satisfy it, and
 *   look-alikes with one value changed (a character, the case, a missing field), plus hostile text; for each
 *   field of the rule whose text has an `i`, a copy with one `i` turned into `İ` (U+0130, whose lower case is
 *   `i` in SQL and `i̇` in JavaScript); requestParameters and responseElements are JSON null as often as
 *   CloudTrail writes them so, and sometimes a plain string.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { parseItemKey } from '../../src/rules/detection-item.js';
import type { DetectionRule } from '../../src/rules/model.js';
import { mulberry32 } from '../helpers/random.js';

type Json = Record<string, unknown>;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function recordsIn(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(recordsIn);
  if (value === null || typeof value !== 'object') return [];
  const object = value as Json;
  if (Array.isArray(object.Records)) return recordsIn(object.Records);
  if (Array.isArray(object.Events))
    return object.Events.flatMap((e) =>
      typeof (e as Json).CloudTrailEvent === 'string'
        ? recordsIn(JSON.parse((e as Json).CloudTrailEvent as string))
        : [],
    );
  return typeof object.eventName === 'string' && typeof object.eventTime === 'string' ? [object] : [];
}

/** Real CloudTrail records from the repository's fixtures and samples. */
export function realRecords(root: string): Json[] {
  const files = [
    ...walk(path.join(root, 'test/fixtures/real-cloudtrail')),
    ...walk(path.join(root, 'samples')),
  ].filter((f) => /\.json(\.gz)?$/.test(f));
  return files.flatMap((file) => {
    const buffer = readFileSync(file);
    const text = (file.endsWith('.gz') ? gunzipSync(buffer) : buffer).toString('utf8');
    try {
      return recordsIn(JSON.parse(text));
    } catch {
      return []; // zmallen's aws.execution.ec2-user-data.json is malformed upstream (see its PROVENANCE.md)
    }
  });
}

/** The events of every built-in rule's tests file. */
export function builtinTestEvents(root: string): Json[] {
  const dir = path.join(root, 'rules/builtin');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tests.yml'))
    .sort()
    .flatMap((f) =>
      (parseYaml(readFileSync(path.join(dir, f), 'utf8')) as { event: Json }[]).map((c) => c.event),
    );
}

const HOSTILE = [
  "O'Brien\\'; DROP TABLE x; --",
  '100%_done\\%',
  'İstanbul ΑΣ straße K',
  'emoji 😀 here',
  'back\\\\slash "quoted"',
  'tab\tnew\nline',
];

/** Records generated from the rules' detections (deterministic for a seed). */
export function generatedRecords(rules: readonly DetectionRule[], seed: number, perSelection = 4): Json[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const token = () => pick(['', 'x', 'Ab', '-9', 'zz.Q', pick(HOSTILE)]);
  const out: Json[] = [];
  let n = 0;

  const base = (): Json => {
    n++;
    const second = String(Math.floor(random() * 60)).padStart(2, '0');
    const fraction = random() < 0.3 ? `.${Math.floor(random() * 1000)}` : '';
    const account = pick(['111122223333', '444455556666']);
    return {
      eventVersion: '1.09',
      eventTime: `2024-08-0${1 + Math.floor(random() * 3)}T${pick(['00', '12', '23'])}:${pick(['00', '59'])}:${second}${fraction}Z`,
      eventSource: pick(['iam.amazonaws.com', 'ec2.amazonaws.com', 's3.amazonaws.com']),
      eventName: pick(['ListUsers', 'DescribeInstances', 'GetObject']),
      awsRegion: pick(['us-east-1', 'eu-west-1']),
      sourceIPAddress: pick(['203.0.113.7', '10.1.2.3', 'AWS Internal', '2001:db8::1']),
      userAgent: pick(['aws-cli/2.15.0', 'Boto3/1.34', pick(HOSTILE)]),
      readOnly: random() < 0.5,
      managementEvent: true,
      eventType: 'AwsApiCall',
      recipientAccountId: account,
      eventID: `gen-${n}`,
      userIdentity: {
        type: pick(['IAMUser', 'AssumedRole', 'Root']),
        arn: `arn:aws:iam::${account}:user/${pick(['alice', 'bob'])}`,
        accountId: account,
        userName: pick(['alice', 'bob']),
        sessionContext: {
          attributes: { mfaAuthenticated: pick(['true', 'false']), creationDate: '2024-08-01T00:00:00Z' },
          sessionIssuer: { type: 'Role', userName: pick(['admin', 'deploy']) },
        },
      },
      requestParameters: random() < 0.2 ? null : { note: pick(HOSTILE), count: 3 },
      responseElements: random() < 0.6 ? null : random() < 0.5 ? 'Success' : { result: pick(HOSTILE) },
    };
  };

  /** Copies of `record` with one `i` or `I` of one of `fields` (dotted paths) turned into `İ`, one copy a field. */
  const dottedCapitalI = (record: Json, fields: readonly string[]): Json[] =>
    fields.flatMap((field) => {
      const parts = field.split('.');
      const copy = structuredClone(record);
      let node: unknown = copy;
      for (const part of parts.slice(0, -1))
        node =
          node !== null && typeof node === 'object' && !Array.isArray(node)
            ? (node as Json)[part]
            : undefined;
      const last = parts[parts.length - 1]!;
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return [];
      const value = (node as Json)[last];
      if (typeof value !== 'string') return [];
      const at = [...value.matchAll(/[iI]/g)].map((m) => m.index);
      if (at.length === 0) return [];
      const i = pick(at);
      (node as Json)[last] = `${value.slice(0, i)}\u0130${value.slice(i + 1)}`;
      n++;
      copy.eventID = `gen-${n}`;
      return [copy];
    });

  const caseNoise = (text: string) =>
    [...text]
      .map((c) => (random() < 0.3 ? (random() < 0.5 ? c.toUpperCase() : c.toLowerCase()) : c))
      .join('');

  /** Text for a Sigma string value: wildcards filled, escapes resolved. */
  const fill = (value: string): string => {
    let text = '';
    for (let i = 0; i < value.length; i++) {
      const c = value[i]!;
      if (c === '\\' && '*?\\'.includes(value[i + 1] ?? '')) text += value[++i];
      else if (c === '*') text += token();
      else if (c === '?') text += pick(['a', 'Z', '7', 'é']);
      else text += c;
    }
    return text;
  };

  const setPath = (record: Json, field: string, value: unknown) => {
    const parts = field.split('.');
    let node: Json = record;
    for (let i = 0; i < parts.length - 1; i++) {
      const key = parts[i]!;
      let child = node[key];
      if (Array.isArray(child)) child = child[0];
      if (child === null || typeof child !== 'object') {
        child = {};
        // CloudTrail's `items` lists: make the path cross an array half of the time.
        node[key] = key === 'items' && random() < 0.5 ? [child, { other: 1 }] : child;
      }
      node = child as Json;
    }
    const last = parts[parts.length - 1]!;
    if (value === undefined) delete node[last];
    else node[last] = value;
  };

  const valueFor = (modifiers: Set<string>, raw: unknown, record: Json): unknown => {
    if (raw === null) return random() < 0.5 ? undefined : null;
    const text = String(raw);
    if (modifiers.has('exists')) return raw === true || text === 'true' ? token() : undefined;
    if (modifiers.has('cidr')) {
      const [address] = text.split('/');
      return address;
    }
    for (const op of ['lt', 'lte', 'gt', 'gte']) {
      if (modifiers.has(op)) {
        const limit = Number(text) + pick([-1, 0, 1]);
        return random() < 0.5 ? limit : String(limit);
      }
    }
    if (modifiers.has('re'))
      return fill(
        text
          .replace(/\.[+*]/g, 'x')
          .replace(/[\\^$()[\]{}|+.]/g, '')
          .replace(/\?/g, ''),
      );
    if (modifiers.has('fieldref')) {
      const other = text
        .split('.')
        .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), record);
      return typeof other === 'string' ? `${token()}${other}` : token();
    }
    let out = fill(text);
    if (modifiers.has('contains')) out = `${token()}${out}${token()}`;
    else if (modifiers.has('startswith')) out = `${out}${token()}`;
    else if (modifiers.has('endswith')) out = `${token()}${out}`;
    if (!modifiers.has('cased')) out = caseNoise(out);
    if (out === 'true' || out === 'false') return random() < 0.5 ? out === 'true' : out;
    if (/^\d{1,6}$/.test(out) && random() < 0.5) return Number(out);
    return out;
  };

  const applyMap = (record: Json, map: Json) => {
    for (const [key, raw] of Object.entries(map)) {
      const { field, modifiers } = parseItemKey(key);
      const mods = new Set(modifiers.map((m) => m.toLowerCase()));
      const values = Array.isArray(raw) ? raw : [raw];
      if (field === '') {
        record.userAgent = `${token()}${fill(String(pick(values)))}`;
        continue;
      }
      if (mods.has('all')) {
        setPath(
          record,
          field,
          values
            .map((v) => valueFor(mods, v, record))
            .map((v) => String(v))
            .join(' '),
        );
        continue;
      }
      setPath(record, field, valueFor(mods, pick(values), record));
    }
  };

  const lookAlike = (record: Json): Json => {
    const copy = structuredClone(record);
    const mutate = (node: Json, depth: number): boolean => {
      const keys = Object.keys(node).filter((k) => k !== 'eventTime' && k !== 'eventID');
      if (keys.length === 0) return false;
      const key = pick(keys);
      const value = node[key];
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 4)
        return mutate(value as Json, depth + 1);
      if (typeof value === 'string' && value.length > 0) {
        // By code point: CloudTrail text is valid UTF-8, never a lone surrogate.
        const chars = [...value];
        const i = Math.floor(random() * chars.length);
        node[key] = pick([
          [...chars.slice(0, i), ...chars.slice(i + 1)].join(''),
          value.toUpperCase(),
          `${value}x`,
          [...chars.slice(0, i), '_', ...chars.slice(i + 1)].join(''),
        ]);
      } else {
        delete node[key];
      }
      return true;
    };
    mutate(copy, 0);
    n++;
    copy.eventID = `gen-${n}`;
    return copy;
  };

  for (const rule of rules) {
    const fields = [
      ...new Set(
        Object.entries(rule.detection)
          .filter(([name]) => name !== 'condition' && name !== 'timeframe')
          .flatMap(([, selection]) => (Array.isArray(selection) ? selection : [selection]))
          .filter((s): s is Json => s !== null && typeof s === 'object' && !Array.isArray(s))
          .flatMap((map) => Object.keys(map).map((key) => parseItemKey(key).field))
          .filter((field) => field !== ''),
      ),
    ];
    for (const [name, selection] of Object.entries(rule.detection)) {
      if (name === 'condition' || name === 'timeframe') continue;
      const maps = (Array.isArray(selection) ? selection : [selection]).filter(
        (s): s is Json => s !== null && typeof s === 'object' && !Array.isArray(s),
      );
      for (let k = 0; k < perSelection; k++) {
        const record = base();
        // Selections often need the others (eventName in one, a detail in another): apply all, this one last.
        for (const [other, value] of Object.entries(rule.detection)) {
          if (other === 'condition' || other === name || k === 0 || random() < 0.3) continue;
          const otherMaps = Array.isArray(value) ? value : [value];
          const first = otherMaps[0];
          if (first !== null && typeof first === 'object' && !Array.isArray(first))
            applyMap(record, first as Json);
        }
        if (maps.length > 0) applyMap(record, pick(maps));
        else if (selection !== null && selection !== undefined)
          record.userAgent = fill(String(Array.isArray(selection) ? pick(selection) : selection));
        out.push(record, lookAlike(record), ...dottedCapitalI(record, fields));
      }
    }
  }
  return out;
}
