import type { LightMyRequestResponse } from 'fastify';

export type SetCookie = { name: string; value: string; attributes: Record<string, string | true> };

/** Parses the `set-cookie` headers of a response (attribute names lower-cased). */
export const parseSetCookies = (res: LightMyRequestResponse): SetCookie[] => {
  const raw = res.headers['set-cookie'];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return lines.map((line) => {
    const [pair = '', ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    return {
      name: pair.slice(0, eq).trim(),
      value: pair.slice(eq + 1).trim(),
      attributes: Object.fromEntries(
        attrs.map((a) => {
          const [key = '', ...rest] = a.trim().split('=');
          return [key.toLowerCase(), rest.length > 0 ? rest.join('=') : true];
        }),
      ),
    };
  });
};

/** The one `custos_session` cookie a response sets (fails the test if there is none or several). */
export const sessionCookieOf = (res: LightMyRequestResponse): SetCookie => {
  const found = parseSetCookies(res).filter((c) => c.name === 'custos_session');
  if (found.length !== 1) {
    throw new Error(`expected one custos_session cookie, got ${found.length}: ${res.headers['set-cookie']}`);
  }
  return found[0]!;
};
