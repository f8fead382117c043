// The app shell: loads every store from IndexedDB (conversations not in safe mode; a store that fails to load
// is reported, not waited for), then a top bar (tabs Chat / Lab / Insights / Settings, the cost/quality knob, the budget
// indicator), notices about data set aside, and the page inside an error boundary.
import { useEffect, useState } from 'react';
import { usePreferences } from './stores/preferences.ts';
import { useProviders } from './stores/providers.ts';
import { useCatalog } from './stores/catalog.ts';
import { useRouter } from './stores/router.ts';
import { useLearning } from './stores/learning.ts';
import { useConversations } from './stores/conversations.ts';
import { useCalls } from './stores/calls.ts';
import { useProfiles } from './stores/profiles.ts';
import { useEncoder } from './stores/encoder.ts';
import { useLabRuns } from './stores/lab-runs.ts';
import { warmRouting } from './chat/warm-routing.ts';
import { CostQualitySlider } from './components/CostQualitySlider.tsx';
import { BudgetIndicator } from './components/BudgetIndicator.tsx';
import { EncoderDiagnostics } from './components/EncoderDiagnostics.tsx';
import { BertDiagnostics } from './components/BertDiagnostics.tsx';
import { ChatPage } from './chat/ChatPage.tsx';
import { SettingsPage } from './settings/SettingsPage.tsx';
import { LabPage } from './lab/LabPage.tsx';
import { InsightsPage } from './insights/InsightsPage.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { DataNotices } from './components/DataNotices.tsx';
import { inSafeMode } from './safe-mode.ts';

const TABS = ['Chat', 'Lab', 'Insights', 'Settings'] as const;
type Tab = (typeof TABS)[number];

export function App() {
  const [loaded, setLoaded] = useState(false);
  const [loadErrors, setLoadErrors] = useState<string[]>([]);
  const safeMode = inSafeMode();
  const [tab, setTabState] = useState<Tab>(tabFromHash);
  const setTab = (next: Tab) => {
    location.hash = next.toLowerCase();
    setTabState(next);
  };
  useEffect(() => {
    const stores = {
      preferences: usePreferences,
      providers: useProviders,
      calls: useCalls,
      catalog: useCatalog,
      router: useRouter,
      learning: useLearning,
      profiles: useProfiles,
      encoder: useEncoder,
      labRuns: useLabRuns,
      ...(safeMode ? {} : { conversations: useConversations }),
    };
    void Promise.allSettled(Object.values(stores).map((s) => s.getState().load())).then((results) => {
      const names = Object.keys(stores);
      setLoadErrors(
        results.flatMap((r, i) => (r.status === 'rejected' ? [`${names[i]} (${(r.reason as Error)?.message ?? String(r.reason)})`] : [])),
      );
      setLoaded(true);
      // Warm the sentence encoder and the router, so that routing rarely waits for them (the diagnostics pages time
      // their own cold starts).
      if (!/^#(encoder|bert)/.test(location.hash)) warmRouting();
    });
  }, []);
  if (!loaded) return <p className="loading">Loading…</p>;
  return (
    <div className="app">
      <header className="topbar">
        <h1>llmrouter-web</h1>
        <div role="tablist" aria-label="Pages">
          {TABS.map((t) => (
            <button key={t} role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
              {t}
            </button>
          ))}
        </div>
        <CostQualitySlider />
        <BudgetIndicator />
      </header>
      <DataNotices loadErrors={loadErrors} safeMode={safeMode} />
      <main>
        <ErrorBoundary key={tab}>
          {location.hash.startsWith('#encoder') ? (
            <EncoderDiagnostics />
          ) : location.hash.startsWith('#bert') ? (
            <BertDiagnostics />
          ) : (
            <>
              {tab === 'Chat' && <ChatPage openSettings={() => setTab('Settings')} />}
              {tab === 'Lab' && <LabPage />}
              {tab === 'Insights' && <InsightsPage />}
              {tab === 'Settings' && <SettingsPage />}
            </>
          )}
        </ErrorBoundary>
      </main>
    </div>
  );
}

/** The page named by the URL's hash (#chat, #lab, #insights, #settings), so a reload or a link opens the same page. */
function tabFromHash(): Tab {
  return TABS.find((t) => `#${t.toLowerCase()}` === location.hash) ?? 'Chat';
}
