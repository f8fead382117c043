// The app shell: a top bar (tabs Chat / Lab / Settings, the cost/quality knob, the budget indicator) and the page.
import { useEffect, useState } from 'react';
import { usePreferences } from './stores/preferences.ts';
import { CostQualitySlider } from './components/CostQualitySlider.tsx';
import { ChatPage } from './chat/ChatPage.tsx';
import { SettingsPage } from './settings/SettingsPage.tsx';
import { LabPage } from './lab/LabPage.tsx';

const TABS = ['Chat', 'Lab', 'Settings'] as const;
export type Tab = (typeof TABS)[number];

export function App() {
  const loaded = usePreferences((s) => s.loaded);
  const load = usePreferences((s) => s.load);
  const [tab, setTab] = useState<Tab>('Chat');
  useEffect(() => void load(), [load]);
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
      </header>
      <main>
        {tab === 'Chat' && <ChatPage openSettings={() => setTab('Settings')} />}
        {tab === 'Lab' && <LabPage />}
        {tab === 'Settings' && <SettingsPage />}
      </main>
    </div>
  );
}
