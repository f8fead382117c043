// Catches what a view throws while rendering and shows, in its place, what failed and the user's data section
// (export everything, delete everything, import a backup), plus a way into safe mode: broken data can never
// leave the user without a way to save or clear it.
import { Component, type ReactNode } from 'react';
import { DataSection } from '../settings/DataSection.tsx';
import { safeModeUrl } from '../safe-mode.ts';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="page recovery" role="region" aria-label="Recovery">
        <section className="card">
          <h2>Something in your saved data broke this page</h2>
          <p className="error" role="alert">
            {error.message}
          </p>
          <p>
            Your data is still here. Export it, delete it, or <a href={safeModeUrl()}>open the app in safe mode</a> (conversations not
            loaded).
          </p>
          <button onClick={() => this.setState({ error: null })}>Try again</button>
        </section>
        <DataSection />
      </div>
    );
  }
}
