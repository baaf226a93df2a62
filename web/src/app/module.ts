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
  /** routes rendered inside the signed-in layout */
  routes: RouteObject[];
  nav?: NavItem[];
  /** the home page this module gives to a role (the shell shows the first one found for the user's role) */
  homes?: Partial<Record<Role, ReactNode>>;
  /** i18n resources of this module: keys are namespaced by the module name */
  messages: { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> };
}
