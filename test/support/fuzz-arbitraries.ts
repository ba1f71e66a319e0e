import fc from 'fast-check';

/**
 * fast-check arbitraries for request fuzzing, generated from the OpenAPI document: values that follow
 * a route's JSON schema (valid-looking shapes), the same shapes broken on purpose (wrong types,
 * extra and prototype-pollution keys, boundary numbers, huge strings, deep nesting, dropped fields),
 * hostile strings, and path parameters that are no record at all.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
};
export type OpenApiDoc = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
};
export type OpenApiOperation = {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
};

/** What no response may contain: stack frames, SQL, file paths, internal error text. */
export const LEAK_PATTERNS = [
  'at /',
  'node_modules',
  'SELECT ',
  'syntax error at',
  'relation "',
  'violates',
  'TypeError',
  'Cannot read prop',
  'ReferenceError',
  'RangeError',
  '/src/',
  '.ts:',
];

/** Generated strings never contain a leak pattern themselves, so a 2xx echo of the input is no false alarm. */
const clean = (s: string) => !LEAK_PATTERNS.some((p) => s.includes(p));

/** Strings that break naive code: NUL and control characters, unicode edge cases, paths, SQL, markup. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(10),
  '\u0001\u0002\u001f\u007f',
  '\r\n\r\n',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  "' OR '1'='1",
  "'; drop table persons; --",
  '"; select pg_sleep(0); --',
  '$1',
  '%s%s%s%n',
  '{{constructor.constructor("return 1")()}}',
  '<script>alert(1)</script>',
  '=cmd|" /C calc"!A0',
  '\ud800',
  '\udfff',
  '\ud83d\ude00\u200d\ud83d\udc69\u200d\ud83d\udc67',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  'Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334',
  '\ufeff',
  '\uffff\ufffe',
  'ß'.repeat(300),
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9'.repeat(400),
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  '2026-02-30',
  '0000-00-00T00:00:00Z',
  '99999-12-31T23:59:59Z',
  '+49',
  'DE00 0000 0000 0000 0000 00',
  'a@b',
  'x'.repeat(70_000),
];

export const hostileString = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.nat({ max: 300_000 }).map((n) => 'é'.repeat(n)) },
    )
    .filter(clean);

/** Values of the wrong type or at the edge: what a mutation puts where a field was. */
export const weirdValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      -0,
      0.5,
      2 ** 31,
      -(2 ** 31) - 1,
      2 ** 53 + 1,
      -(2 ** 63),
      1e308,
      -1e308,
      5e-324,
      [],
      {},
      [null],
      { '': '' },
    ),
    hostileString(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.jsonValue({ maxDepth: 3 }),
    deepNesting(),
  );

/** Arrays and objects nested far deeper than any schema allows. */
export const deepNesting = (): fc.Arbitrary<unknown> =>
  fc.tuple(fc.integer({ min: 50, max: 800 }), fc.boolean()).map(([depth, arrays]) => {
    let v: unknown = 'deep';
    for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
    return v;
  });

/** An own, enumerable key even for `__proto__` (a plain assignment would set the prototype instead). */
export const setOwn = (target: Record<string, unknown>, key: string, value: unknown) => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const resolve = (doc: OpenApiDoc, schema: JsonSchema): JsonSchema => {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components.schemas[name];
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  return resolve(doc, target);
};

/** A regular expression fast-check can generate from, or undefined when it cannot. */
const patternArbitrary = (pattern: string, maxLength?: number): fc.Arbitrary<string> | undefined => {
  try {
    const arb = fc.stringMatching(new RegExp(pattern));
    return maxLength === undefined ? arb : arb.filter((s) => s.length <= maxLength);
  } catch {
    return undefined;
  }
};

/** Magic bytes of the image types the photo route accepts, followed by junk: what sharp must refuse cleanly. */
const corruptImage = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
        Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'),
        Buffer.from('GIF89a'),
      ),
      fc.uint8Array({ maxLength: 200 }),
    )
    .map(([magic, junk]) => Buffer.concat([magic, Buffer.from(junk)]).toString('base64'));

export type SchemaOptions = {
  /** Ids of records that exist, mixed into uuid fields so some bodies get past the lookups. */
  knownIds: readonly string[];
  /** How often a string field gets a hostile string instead of a valid-looking one (0..1). */
  hostileShare: number;
};

const formatted = (schema: JsonSchema, options: SchemaOptions): fc.Arbitrary<string> | undefined => {
  switch (schema.format) {
    case 'uuid':
      return options.knownIds.length > 0
        ? fc.oneof(fc.uuid(), fc.constantFrom(...options.knownIds))
        : fc.uuid();
    case 'date':
      return fc
        .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('1970-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    default:
      return undefined;
  }
};

/**
 * A value that follows the schema (valid-looking: required keys present, enums, formats, lengths and
 * ranges respected as far as fast-check can), with a share of hostile strings in string fields.
 */
export const fromSchema = (
  doc: OpenApiDoc,
  input: JsonSchema,
  options: SchemaOptions,
  depth = 0,
  name = '',
): fc.Arbitrary<unknown> => {
  const schema = resolve(doc, input);
  if (depth > 8) return fc.constant(null);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => fromSchema(doc, v, options, depth + 1, name)));
  if (schema.allOf?.length) return fromSchema(doc, schema.allOf[0] as JsonSchema, options, depth + 1, name);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => fromSchema(doc, { ...schema, type }, options, depth, name)));
  switch (types[0]) {
    case 'object': {
      const props = schema.properties ?? {};
      const model = Object.fromEntries(
        Object.entries(props).map(([key, sub]) => [key, fromSchema(doc, sub, options, depth + 1, key)]),
      );
      const record = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
      if (Object.keys(props).length > 0 || schema.additionalProperties === false) return record;
      // a map (record of string keys): a few entries with schema-shaped values
      const values =
        typeof schema.additionalProperties === 'object'
          ? fromSchema(doc, schema.additionalProperties, options, depth + 1)
          : fc.jsonValue({ maxDepth: 2 });
      return fc.dictionary(fc.string({ maxLength: 12 }).filter(clean), values, { maxKeys: 3 });
    }
    case 'array': {
      const items = schema.items ? fromSchema(doc, schema.items, options, depth + 1, name) : fc.jsonValue();
      const minLength = schema.minItems ?? 0;
      return fc.array(items, {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, 3)),
      });
    }
    case 'string': {
      const valid =
        (name === 'image' ? corruptImage() : undefined) ??
        formatted(schema, options) ??
        (schema.pattern ? patternArbitrary(schema.pattern, schema.maxLength) : undefined) ??
        fc.string({
          minLength: schema.minLength ?? 0,
          maxLength: Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 40, 40)),
        });
      if (options.hostileShare <= 0) return valid.filter(clean);
      const hostile = Math.round(options.hostileShare * 10);
      // half of the hostile strings fit the declared length, so they pass validation and reach the database
      const fitting = hostileString().filter(
        (s) =>
          s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY),
      );
      return fc.oneof(
        { weight: 2 * (10 - hostile), arbitrary: valid.filter(clean) },
        { weight: hostile, arbitrary: hostileString() },
        { weight: hostile, arbitrary: fitting },
      );
    }
    case 'integer':
      return fc.oneof(
        fc.integer({
          min: Math.max(schema.minimum ?? -(2 ** 31), Number.MIN_SAFE_INTEGER),
          max: Math.min(schema.maximum ?? 2 ** 31, Number.MAX_SAFE_INTEGER),
        }),
        fc.constantFrom(
          ...[schema.minimum, schema.maximum].filter((n): n is number => n !== undefined),
          0,
          2 ** 31,
        ),
      );
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e12,
        max: schema.maximum ?? 1e12,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
};

type Mutation = { kind: 'replace' | 'extra' | 'drop' | 'proto'; at: number; key: string; value: unknown };

const mutation = (): fc.Arbitrary<Mutation> =>
  fc.record({
    kind: fc.constantFrom<Mutation['kind']>('replace', 'replace', 'extra', 'drop', 'proto'),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom(...PROTO_KEYS, 'x', ''), fc.string({ maxLength: 8 }).filter(clean)),
    value: weirdValue(),
  });

/** Every object and array inside a value (the places a mutation can hit), the root first. */
const containers = (value: unknown, out: (Record<string, unknown> | unknown[])[] = [], depth = 0) => {
  if (depth > 20 || value === null || typeof value !== 'object') return out;
  out.push(value as Record<string, unknown>);
  for (const v of Object.values(value)) containers(v, out, depth + 1);
  return out;
};

const applyMutation = (root: unknown, m: Mutation): unknown => {
  const places = containers(root);
  if (places.length === 0) return m.kind === 'replace' ? m.value : root;
  const target = places[m.at % places.length] as Record<string, unknown>;
  const keys = Object.keys(target);
  const key = keys.length > 0 ? (keys[m.at % keys.length] as string) : m.key;
  if (m.kind === 'replace') setOwn(target, key, m.value);
  else if (m.kind === 'drop') delete target[key];
  else if (m.kind === 'extra' && !Array.isArray(target)) setOwn(target, m.key, m.value);
  else if (m.kind === 'proto' && !Array.isArray(target))
    setOwn(target, PROTO_KEYS[m.at % 3] as string, { polluted: 'yes', prototype: { polluted: 'yes' } });
  return root;
};

/** A schema-shaped value broken by one to three mutations. */
export const mutated = (base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc
    .tuple(base, fc.array(mutation(), { minLength: 1, maxLength: 3 }))
    .map(([value, mutations]) => mutations.reduce(applyMutation, structuredClone(value)));

/** Raw request bodies that are no valid JSON document, or a hostile one (given as text). */
export const RAW_JSON_BODIES = [
  '',
  '{',
  '{"a":',
  '[1,2',
  'null',
  '[]',
  '"text"',
  '0',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"a":1,"a":2}',
  '\ufeff{}',
  '{"x":"\\ud800"}',
  '{"x":"\\u0000"}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `{"x":${'1'.repeat(5000)}}`,
  '{"x":1e999}',
];
