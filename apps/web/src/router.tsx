import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppShell } from './features/shell/AppShell';
import { NotFoundPage } from './features/shell/NotFoundPage';
import { RouteErrorPage } from './features/shell/RouteErrorPage';
import { HomePage } from './features/home/HomePage';
import { JoinPage } from './features/join/JoinPage';
import { SessionLayout } from './features/session/SessionLayout';
import { SessionOverview } from './features/session/SessionOverview';

/**
 * The editor (Tiptap, Yjs) is the heaviest part: only drafts download it. React.lazy rather
 * than route.lazy, so the session header, presence and socket come up while it loads.
 */
const DraftPage = lazy(() => import('./features/drafts/DraftPage'));

/** The projector view also shows a draft (so it needs the editor) and is opened by facilitators only. */
const ProjectorPage = lazy(() => import('./features/projector/ProjectorPage'));

/** The app's pages. The server returns index.html for any non-API path, so deep links work. */
export const router = createBrowserRouter([
  {
    // Full screen for a projector: no site header, the whole viewport is the view.
    path: 's/:id/screen',
    errorElement: <RouteErrorPage />,
    element: (
      <Suspense fallback={null}>
        <ProjectorPage />
      </Suspense>
    ),
  },
  {
    Component: AppShell,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, Component: HomePage },
          { path: 'j/:code', Component: JoinPage },
          {
            path: 's/:id',
            Component: SessionLayout,
            children: [
              { index: true, Component: SessionOverview },
              { path: 'r/:recId', Component: DraftPage },
            ],
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
]);
