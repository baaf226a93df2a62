// The routes: /login and modules' public pages outside; modules' full-screen pages signed in without the frame;
// everything else inside the signed-in layout (modules' routes, /, 404).
import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './auth';
import { ShellLayout } from './layout';
import { LoginPage } from './login-page';
import { RoleHome } from './home';
import { NotFound, RouteError } from './not-found';
import { Loading } from './states';
import { WEB_MODULES } from './modules';

function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const loc = useLocation();
  if (status === 'loading') return <Loading />;
  if (status !== 'ready') {
    const back = loc.pathname + loc.search;
    return <Navigate to={back === '/' ? '/login' : `/login?returnTo=${encodeURIComponent(back)}`} replace />;
  }
  return <>{children}</>;
}

const SERVER_PATH = /^\/(fhir|api|auth|oauth|admin|login|\.well-known|healthz|readyz)(\/|$)/;

export function createRouter() {
  if (import.meta.env.DEV) {
    for (const m of WEB_MODULES) for (const r of [...m.routes, ...(m.fullscreenRoutes ?? []), ...(m.publicRoutes ?? [])]) if (r.path && SERVER_PATH.test(r.path)) console.warn(`module ${m.name}: route ${r.path} is a server path; a reload will not reach the app`);
  }
  return createBrowserRouter([
    { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
    ...WEB_MODULES.flatMap((m) => m.publicRoutes ?? []).map((r) => ({ ...r, errorElement: <RouteError /> })),
    ...WEB_MODULES.flatMap((m) => m.fullscreenRoutes ?? []).map((r) => ({ ...r, element: <RequireAuth>{r.element}</RequireAuth>, errorElement: <RouteError /> })),
    {
      path: '/',
      element: <RequireAuth><ShellLayout /></RequireAuth>,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <RoleHome /> },
        ...WEB_MODULES.flatMap((m) => m.routes),
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
