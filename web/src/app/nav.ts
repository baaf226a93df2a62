// The menu: every module's nav items the user's roles may see, labels looked up in the module's namespace.
import type { Role, NavItem, WebModule } from './module';
import { WEB_MODULES } from './modules';

export interface ModuleNav extends NavItem {
  module: string;
}

export function navFor(roles: readonly Role[], modules: readonly WebModule[] = WEB_MODULES): ModuleNav[] {
  const out: ModuleNav[] = [];
  for (const m of modules) {
    for (const item of m.nav ?? []) {
      if (!item.roles || item.roles.some((r) => roles.includes(r))) out.push({ ...item, module: m.name });
    }
  }
  return out;
}

/** The menu key to highlight: the longest nav path that prefixes the current path. */
export function selectedNav(pathname: string, items: readonly NavItem[]): string | undefined {
  let best: string | undefined;
  for (const i of items) {
    const p = i.path.replace(/\/+$/, '') || '/';
    const hit = p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`);
    if (hit && (!best || p.length > best.length)) best = i.path;
  }
  return best;
}
