/**
 * Hive type strings as the Glue catalog holds them and Athena's GetTableMetadata returns them
 * (`struct<type:string,sessioncontext:struct<...>>`, `array<struct<arn:string>>`, `map<string,string>`,
 * `string`, `varchar(65535)`), parsed into a tree. Names are kept as written: the caller compares them
 * case-insensitively, as Athena does.
 */

export type HiveType =
  | { kind: 'primitive'; name: string }
  | { kind: 'struct'; fields: { name: string; type: HiveType }[] }
  | { kind: 'array'; of: HiveType }
  | { kind: 'map'; key: HiveType; value: HiveType };

/** Parses a Hive type string; throws an Error naming the position on anything else. */
export function parseHiveType(text: string): HiveType {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`not a Hive type at character ${i + 1} (${what}): ${JSON.stringify(text.slice(0, 200))}`);
  };
  const space = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const expect = (c: string) => {
    space();
    if (text[i] !== c) fail(`'${c}' expected`);
    i++;
  };
  const name = (): string => {
    space();
    if (text[i] === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) fail('unclosed `');
      const quoted = text.slice(i + 1, end);
      i = end + 1;
      return quoted;
    }
    const start = i;
    while (i < text.length && /[A-Za-z0-9_$-]/.test(text[i]!)) i++;
    if (i === start) fail('a name expected');
    return text.slice(start, i);
  };
  const type = (): HiveType => {
    const word = name().toLowerCase();
    space();
    if (word === 'struct') {
      expect('<');
      const fields: { name: string; type: HiveType }[] = [];
      space();
      if (text[i] === '>') {
        i++;
        return { kind: 'struct', fields };
      }
      for (;;) {
        const field = name();
        expect(':');
        fields.push({ name: field, type: type() });
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '>') {
          i++;
          return { kind: 'struct', fields };
        } else fail("',' or '>' expected");
      }
    }
    if (word === 'array') {
      expect('<');
      const of = type();
      expect('>');
      return { kind: 'array', of };
    }
    if (word === 'map') {
      expect('<');
      const key = type();
      expect(',');
      const value = type();
      expect('>');
      return { kind: 'map', key, value };
    }
    // varchar(65535), decimal(10,2)
    if (text[i] === '(') {
      const end = text.indexOf(')', i);
      if (end < 0) fail('unclosed (');
      i = end + 1;
    }
    return { kind: 'primitive', name: word };
  };
  const parsed = type();
  space();
  if (i !== text.length) fail('end of the type expected');
  return parsed;
}

/** Whether a primitive Hive type holds text (what the CloudTrail columns are). */
export function isTextType(type: HiveType): boolean {
  return type.kind === 'primitive' && ['string', 'varchar', 'char'].includes(type.name);
}
