// Browser entry point: reads the page's built-in policy and narrows its connections (no model hub unless the user
// allows downloads from it), registers the schemas every stored record is checked with, then mounts the React
// app inside an error boundary that keeps Settings → Your data reachable whatever a view throws.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { registerRecordSchemas } from '../platform/browser/record-checks.ts';
import { installConnectPolicy } from '../platform/browser/connect-policy.ts';
import { hubDownloadsOn } from '../platform/browser/model-hub-policy.ts';
import { recordSchemas } from './stores/record-schemas.ts';
import './styles.css';

if (!import.meta.env.DEV) installConnectPolicy(await hubDownloadsOn());
registerRecordSchemas(recordSchemas);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
