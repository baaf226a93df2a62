// The contract between the web app shell and a domain module's pages (web/src/modules/<domain> mirrors src/modules).
import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';

export type Role = 'admin' | 'doctor' | 'nurse' | 'pharmacist' | 'technician' | 'manager' | 'patient' | 'dispatcher' | 'device';

export interface NavItem {
  /** path the menu item opens */
  path: string;
  /** i18n key of the label */
  label: string;
  icon?: ReactNode;
  /** roles that see the item (all signed-in users when absent) */
  roles?: Role[];
}

export interface WebModule {
  name: string;
  /**
   * routes rendered inside the signed-in layout, with absolute paths. Never under a server path (/fhir, /api, /auth,
   * /oauth, /admin, /login, /.well-known, /healthz, /readyz): a reload there reaches the server, not the app.
   */
  routes: RouteObject[];
  /** signed-in pages without the staff frame, with their own layout (the patient portal, a waiting-room TV board) */
  fullscreenRoutes?: RouteObject[];
  /** pages anyone may open without signing in (portal self-registration) */
  publicRoutes?: RouteObject[];
  nav?: NavItem[];
  /** the home page this module gives to a role (the shell shows the first one found for the user's role) */
  homes?: Partial<Record<Role, ReactNode>>;
  /**
   * i18n resources of this module, registered as the i18next namespace `name` (useTranslation(name) → t('key'))
   * and under the key `name` of the default namespace (useTranslation() → t('name.key')). NavItem labels are keys
   * of this namespace. The shell's own strings (common.*, roles.*, errors.*) are in the default namespace.
   */
  messages: { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> };
}
