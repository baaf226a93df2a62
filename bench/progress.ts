/** A throttled progress line on stderr (every `everyMs`), so long loads show they are alive. */
export function throttled(everyMs = 5000): (line: () => string, force?: boolean) => void {
  let last = 0;
  return (line, force = false) => {
    const now = Date.now();
    if (!force && now - last < everyMs) return;
    last = now;
    process.stderr.write(`  ${line()}\n`);
  };
}

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}
