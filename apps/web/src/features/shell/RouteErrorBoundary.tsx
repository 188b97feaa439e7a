import { Component, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { RouteErrorPage } from './RouteErrorPage';

interface State {
  error: unknown;
  /** The path the error happened on: going elsewhere clears it. */
  pathname: string;
}

class Boundary extends Component<{ pathname: string; children: ReactNode }, State> {
  state: State = { error: null, pathname: this.props.pathname };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: { pathname: string }, state: State): Partial<State> | null {
    return props.pathname === state.pathname ? null : { error: null, pathname: props.pathname };
  }

  render() {
    return this.state.error ? <RouteErrorPage /> : this.props.children;
  }
}

/**
 * What a route's `errorElement` did under the data router: a page that throws while rendering,
 * or whose lazy chunk cannot be downloaded, shows RouteErrorPage in its place; navigating to
 * another path tries again. Without remounting the page on each navigation (a key would), so
 * a session page keeps its socket between the overview and a draft.
 */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <Boundary pathname={pathname}>{children}</Boundary>;
}
