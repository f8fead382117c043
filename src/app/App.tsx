// The app shell: header with the cost/quality knob, and the page the user is on.
import { useEffect } from 'react';
import { usePreferences } from './stores/preferences.ts';
import { CostQualitySlider } from './components/CostQualitySlider.tsx';
import { EncoderDiagnostics } from './components/EncoderDiagnostics.tsx';
import { BertDiagnostics } from './components/BertDiagnostics.tsx';
import { ProvidersPanel } from './components/providers/ProvidersPanel.tsx';

export function App() {
  const loaded = usePreferences((s) => s.loaded);
  const load = usePreferences((s) => s.load);
  useEffect(() => void load(), [load]);
  if (!loaded) return <p className="loading">Loading…</p>;
  return (
    <div className="app">
      <header>
        <h1>llmrouter-web</h1>
        <CostQualitySlider />
      </header>
      <main>
        <p>Routes each message on your device to the cheapest model that will answer well.</p>
        {location.hash.startsWith('#encoder') && <EncoderDiagnostics />}
        {location.hash.startsWith('#bert') && <BertDiagnostics />}
        <ProvidersPanel />
      </main>
    </div>
  );
}
