import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import {
  deepNesting,
  fromSchema,
  hostileString,
  type JsonSchema,
  LEAK_PATTERNS,
  mutated,
  type OpenApiDoc,
  type OpenApiOperation,
  RAW_JSON_BODIES,
  type SchemaOptions,
} from './fuzz-arbitraries.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type FuzzRoute = { method: Method; path: string; operation: OpenApiOperation };
export type FuzzRequest = {
  method: Method;
  url: string;
  payload?: string | Buffer;
  headers: Record<string, string>;
  /** What was generated, for the report (bodies can be megabytes). */
  label: string;
};

const JSON_TYPE = 'application/json';

/**
 * encodeURIComponent that survives lone surrogates (they become U+FFFD, as a browser would send them),
 * cut to 6000 characters: Node's HTTP parser refuses longer request lines (16 KiB of headers) before
 * the app sees them, so longer URLs only exist under app.inject.
 */
const enc = (s: string) =>
  encodeURIComponent(s.replace(/[\ud800-\udfff]/gu, '\ufffd'))
    .slice(0, 6000)
    .replace(/%[0-9A-F]?$/, '');

/** Every operation of the document, as method, path and its OpenAPI operation. */
export const routesOf = (doc: OpenApiDoc): FuzzRoute[] =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([m, operation]) => ({ method: m.toUpperCase() as Method, path, operation })),
  );

/** Path parameter values inserted as they are: traversal, bad percent-encoding, encoded NUL. */
const RAW_SEGMENTS = ['..', '../..', '%2e%2e%2f', '%2F', '%00', 'a%00b', '%', '%zz', '%E0%A4%A', '.', '%20'];

const pathValue = (doc: OpenApiDoc, schema: JsonSchema, options: SchemaOptions): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fromSchema(doc, schema, { ...options, hostileShare: 0 })
        .map(String)
        .map(enc),
    },
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            '0',
            '-1',
            'abc',
            'null',
            '__proto__',
            'constructor',
            '00000000-0000-0000-0000-00000000000g',
          ),
          hostileString(),
          fc.nat({ max: 5000 }).map((n) => 'a'.repeat(n)),
        )
        .map(enc),
    },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
  );

const queryValue = (doc: OpenApiDoc, schema: JsonSchema, options: SchemaOptions) =>
  fc.oneof(
    { weight: 3, arbitrary: fromSchema(doc, schema, { ...options, hostileShare: 0 }).map((v) => String(v)) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        hostileString(),
        fc.constantFrom(
          '-1',
          '0',
          '1.5',
          '1e3',
          '2147483648',
          '9007199254740993',
          '-9223372036854775809',
          'true',
          '[]',
        ),
      ),
    },
  );

/** A query string: documented parameters with valid-looking or hostile values, unknown and repeated ones. */
const queryString = (doc: OpenApiDoc, route: FuzzRoute, options: SchemaOptions): fc.Arbitrary<string> => {
  const params = (route.operation.parameters ?? []).filter((p) => p.in === 'query');
  const pairs = fc.array(
    fc.oneof(
      ...(params.length > 0
        ? [
            {
              weight: 4,
              arbitrary: fc
                .constantFrom(...params)
                .chain((p) => queryValue(doc, p.schema, options).map((v) => [p.name, v] as const)),
            },
          ]
        : []),
      {
        weight: 1,
        arbitrary: fc.tuple(
          fc.constantFrom('x', '__proto__', 'constructor', 'page[]', 'a.b', ''),
          hostileString(),
        ),
      },
    ),
    { maxLength: 5 },
  );
  return fc.oneof(
    { weight: 6, arbitrary: pairs.map((list) => list.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%',
        'a=%E0%A4%A',
        '&&&',
        '=',
        'a=1&a=2&a=3',
        'page=1&page=2',
        `q=${'x'.repeat(9000)}`,
      ),
    },
  );
};

type Body = { payload?: string | Buffer; contentType?: string; label: string };

const json = (value: unknown, label: string): Body => {
  const payload = JSON.stringify(value) ?? 'null';
  return { payload, contentType: JSON_TYPE, label: `${label}: ${payload.slice(0, 400)}` };
};

/** Bodies for a JSON route: schema-shaped, broken, arbitrary JSON, raw text, other media types. */
const jsonBody = (doc: OpenApiDoc, route: FuzzRoute, options: SchemaOptions): fc.Arbitrary<Body> => {
  const schema = route.operation.requestBody?.content[JSON_TYPE]?.schema;
  const shaped = schema ? fromSchema(doc, schema, options) : fc.constant({});
  const clean = schema ? fromSchema(doc, schema, { ...options, hostileShare: 0 }) : fc.constant({});
  return fc.oneof(
    { weight: 2, arbitrary: clean.map((v) => json(v, 'schema-valid')) },
    { weight: 3, arbitrary: shaped.map((v) => json(v, 'schema-shaped')) },
    { weight: 5, arbitrary: mutated(shaped).map((v) => json(v, 'mutated')) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => json(v, 'arbitrary JSON')) },
    { weight: 1, arbitrary: deepNesting().map((v) => json({ nested: v }, 'deep nesting')) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...RAW_JSON_BODIES)
        .map((payload): Body => ({ payload, contentType: JSON_TYPE, label: `raw: ${payload.slice(0, 80)}` })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=xyz',
            'multipart/form-data',
            'application/xml',
            'application/json; charset=utf-16',
            'application/json; charset=latin1',
            '',
          ),
          fc.constantFrom(
            'a=1&b=2',
            '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xy',
            '<a/>',
            '{}',
          ),
        )
        .map(
          ([contentType, payload]): Body => ({ payload, contentType, label: `${contentType}: ${payload}` }),
        ),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ label: 'no body' }) },
    {
      weight: 1,
      arbitrary: fc.constant<Body>({
        payload: `{"x":"${'y'.repeat(1_100_000)}"}`,
        contentType: JSON_TYPE,
        label: 'over the body limit',
      }),
    },
  );
};

/** Bodies for a route that takes a file: junk bytes and broken files under every accepted type. */
const fileBody = (route: FuzzRoute): fc.Arbitrary<Body> => {
  const types = Object.keys(route.operation.requestBody?.content ?? {});
  const files = fc.oneof(
    fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
    fc.constantFrom(
      Buffer.from('a;b;c\n1;2\n"unclosed;\n\u0000;=SUM(1)\n'),
      Buffer.from('BEGIN:VCARD\nVERSION:3.0\nFN:\u0000\nEND:VCAR'),
      Buffer.from('BEGIN:VCARD\r\nVERSION:4.0\r\nN:;;;;\r\nEMAIL:x\r\n'),
      Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100, 7)]),
      Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x41]),
      Buffer.from('\ufeffname,email\n', 'utf16le'),
      Buffer.alloc(0),
      Buffer.from(`${'x,'.repeat(5000)}\n`),
      Buffer.from(
        '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\na,b\r\n--xy',
      ),
    ),
  );
  return fc
    .tuple(files, fc.constantFrom(...types, 'multipart/form-data; boundary=xyz', 'image/png', JSON_TYPE, ''))
    .map(([payload, contentType]) => ({
      payload,
      contentType,
      label: `file ${contentType} (${payload.length} bytes): ${payload.subarray(0, 60).toString('hex')}`,
    }));
};

/** Requests for one route: fuzzed path parameters, query string and body. */
export const requestsFor = (
  doc: OpenApiDoc,
  route: FuzzRoute,
  options: SchemaOptions,
): fc.Arbitrary<FuzzRequest> => {
  const pathParams = (route.operation.parameters ?? []).filter((p) => p.in === 'path');
  const paramValues = fc.tuple(...pathParams.map((p) => pathValue(doc, p.schema, options)));
  const contentTypes = Object.keys(route.operation.requestBody?.content ?? {});
  const isFileRoute = contentTypes.length > 0 && !contentTypes.includes(JSON_TYPE);
  const body: fc.Arbitrary<Body> =
    route.method === 'GET'
      ? fc.oneof(
          { weight: 5, arbitrary: fc.constant<Body>({ label: 'no body' }) },
          { weight: 1, arbitrary: jsonBody(doc, route, options) },
        )
      : isFileRoute
        ? fileBody(route)
        : jsonBody(doc, route, options);
  return fc
    .tuple(paramValues, queryString(doc, route, options), body, fc.constantFrom('de', 'en', 'xx', ''))
    .map(([values, query, b, language]) => {
      let url = route.path;
      pathParams.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, values[i] as string);
      });
      if (query) url = `${url}?${query}`;
      const headers: Record<string, string> = { 'accept-language': language };
      if (b.contentType) headers['content-type'] = b.contentType;
      return {
        method: route.method,
        url,
        headers,
        ...(b.payload === undefined ? {} : { payload: b.payload }),
        label: `${route.method} ${shorten(url)} [${b.label.slice(0, 300)}]`,
        [fc.toStringMethod]() {
          return this.label;
        },
      } as FuzzRequest;
    });
};

/** Long URLs in a report: head, length and tail. */
const shorten = (url: string) =>
  url.length <= 240 ? url : `${url.slice(0, 60)}…(${url.length} chars)…${url.slice(-170)}`;

const TEXT_TYPES = /json|text|html|csv|xml/;

const requestText = (req: FuzzRequest) =>
  `${decodeURIComponentSafe(req.url)}\n${typeof req.payload === 'string' ? req.payload : (req.payload?.toString('latin1') ?? '')}`;

const decodeURIComponentSafe = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * What is wrong with a response: a 5xx; a 4xx that is no JSON `{code, message}` (the hosted form pages
 * answer HTML); any leak pattern in a text body that the request did not itself contain.
 */
export const responseProblems = (
  req: FuzzRequest,
  res: LightMyRequestResponse,
  htmlAllowed = false,
): string[] => {
  const problems: string[] = [];
  const type = String(res.headers['content-type'] ?? '');
  const body = res.body;
  if (res.statusCode >= 500) problems.push(`status ${res.statusCode}: ${body.slice(0, 300)}`);
  if (res.statusCode >= 400 && !(htmlAllowed && type.startsWith('text/html'))) {
    let parsed: { code?: unknown; message?: unknown } | undefined;
    try {
      parsed = JSON.parse(body);
    } catch {
      problems.push(`status ${res.statusCode} without a JSON body (${type}): ${body.slice(0, 200)}`);
    }
    if (parsed) {
      if (typeof parsed.code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(parsed.code))
        problems.push(`status ${res.statusCode} without a stable code: ${body.slice(0, 200)}`);
      if (typeof parsed.message !== 'string' || parsed.message.trim() === '')
        problems.push(`status ${res.statusCode} without a message: ${body.slice(0, 200)}`);
    }
  }
  if (TEXT_TYPES.test(type) || type === '') {
    const sent = requestText(req);
    for (const pattern of LEAK_PATTERNS)
      if (body.includes(pattern) && !sent.includes(pattern)) {
        const at = body.indexOf(pattern);
        problems.push(
          `leaks "${pattern}" (status ${res.statusCode}): …${body.slice(Math.max(0, at - 80), at + 120)}…`,
        );
      }
  }
  return problems;
};

/** A stable 32-bit seed per route, so every route gets its own but repeatable values. */
export const seedOf = (base: number, text: string) => {
  let h = base | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
};
