// Narrative.div checks without an XHTML parser: txt-1 (safe, basic HTML only) is approximated by
// rejecting active content; txt-2 (some non-whitespace content) is exact enough on text.

const ROOT_RE = /^\s*<div(\s[^>]*)?>/;
const XMLNS_RE = /^\s*<div[^>]*\sxmlns\s*=\s*["']http:\/\/www\.w3\.org\/1999\/xhtml["']/;
const ACTIVE_ELEMENT_RE = /<\s*(script|iframe|object|embed|applet|form|input|button|textarea|select|frame|frameset|link|meta|base|style|svg|math)\b/i;
const ACTIVE_ATTR_RE = /<[^>]*\s(on[a-z]+\s*=|(href|src)\s*=\s*["']?\s*(javascript|vbscript|data:text\/html))/i;
const TAG_RE = /<[^>]*>/g;

/** [invariant key, reason] of the first failed narrative rule, or undefined. */
export function checkNarrativeDiv(div: string): [string, string] | undefined {
  if (!ROOT_RE.test(div)) return ['txt-1', 'The narrative must be a single <div> element'];
  if (!XMLNS_RE.test(div)) return ['txt-1', 'The narrative <div> must declare xmlns="http://www.w3.org/1999/xhtml"'];
  const el = ACTIVE_ELEMENT_RE.exec(div);
  if (el) return ['txt-1', `The narrative contains the element <${el[1].toLowerCase()}>, which is not basic HTML`];
  if (ACTIVE_ATTR_RE.test(div)) return ['txt-1', 'The narrative contains an event handler or script URL attribute'];
  if (div.includes('<img')) return undefined;
  if (!/\S/.test(div.replace(TAG_RE, '').replace(/&nbsp;|&#160;/g, ''))) return ['txt-2', 'The narrative SHALL have some non-whitespace content'];
  return undefined;
}
