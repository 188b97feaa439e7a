import { lazy, Suspense } from 'react';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router';
import { AppShell } from './features/shell/AppShell';
import { NotFoundPage } from './features/shell/NotFoundPage';
import { RouteErrorBoundary } from './features/shell/RouteErrorBoundary';
import { HomePage } from './features/home/HomePage';
import { JoinPage } from './features/join/JoinPage';
import { SessionLayout } from './features/session/SessionLayout';
import { SessionOverview } from './features/session/SessionOverview';
import { retryingImport } from './lib/retryingImport';

/**
 * The editor (Tiptap, Yjs) is the heaviest part: only drafts download it. React.lazy, so the
 * session header, presence and socket come up while it loads. A download cut by the link is
 * tried again (retryingImport) before the route's error page shows.
 */
const DraftPage = lazy(retryingImport(() => import('./features/drafts/DraftPage')));

/** The projector view also shows a draft (so it needs the editor) and is opened by facilitators only. */
const ProjectorPage = lazy(retryingImport(() => import('./features/projector/ProjectorPage')));

/**
 * The app's pages. The server returns index.html for any non-API path, so deep links work.
 * Declarative routes (`<BrowserRouter>`), not the data router (`createBrowserRouter`): the
 * app uses no loader, action or fetcher, and the data router was ~13 KiB brotli more of the
 * first load (issue #12).
 */
export function AppRoutes() {
  return (
    <BrowserRouter>
      <Routes>
        {/* Full screen for a projector: no site header, the whole viewport is the view. */}
        <Route
          path="s/:id/screen"
          element={
            <RouteErrorBoundary>
              <Suspense fallback={null}>
                <ProjectorPage />
              </Suspense>
            </RouteErrorBoundary>
          }
        />
        <Route element={<AppShell />}>
          <Route
            element={
              <RouteErrorBoundary>
                <Outlet />
              </RouteErrorBoundary>
            }
          >
            <Route index element={<HomePage />} />
            <Route path="j/:code" element={<JoinPage />} />
            <Route path="s/:id" element={<SessionLayout />}>
              <Route index element={<SessionOverview />} />
              <Route path="r/:recId" element={<DraftPage />} />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
