// The session cookie. HttpOnly keeps it from scripts, SameSite=Strict from cross-site requests; Secure is
// configurable only because http://localhost has no TLS.

export const SESSION_COOKIE = 'huiyi_session';

export interface CookieOptions {
  /** default true; false for local http */
  secure?: boolean;
  path?: string;
  /** default Strict; Lax lets the session reach the OAuth authorize page when a SMART app on another site sends the user there */
  sameSite?: 'Strict' | 'Lax';
}

function attrs(opts: CookieOptions, maxAgeS: number): string {
  return [`Path=${opts.path ?? '/'}`, 'HttpOnly', ...(opts.secure === false ? [] : ['Secure']), `SameSite=${opts.sameSite ?? 'Strict'}`, `Max-Age=${maxAgeS}`].join('; ');
}

/** Set-Cookie value for a new session; Max-Age is the absolute session lifetime. */
export function sessionCookie(id: string, maxAgeMs: number, opts: CookieOptions = {}): string {
  return `${SESSION_COOKIE}=${id}; ${attrs(opts, Math.max(0, Math.floor(maxAgeMs / 1000)))}`;
}

/** Set-Cookie value that makes the browser drop the session cookie. */
export function clearSessionCookie(opts: CookieOptions = {}): string {
  return `${SESSION_COOKIE}=; ${attrs(opts, 0)}`;
}

/** Cookie header → name → value (first one wins, as browsers send the most specific path first). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name && !out.has(name)) out.set(name, value);
  }
  return out;
}
