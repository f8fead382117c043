// The settings page: providers and keys, models and prices, the router in use, the encoder and its backend,
// and the user's data (budgets and call settings live in the providers section).
import { ProvidersPanel } from '../components/providers/ProvidersPanel.tsx';
import { ModelsSection } from './ModelsSection.tsx';
import { RouterSection } from './RouterSection.tsx';
import { EncoderSection } from './EncoderSection.tsx';
import { DataSection } from './DataSection.tsx';

export function SettingsPage() {
  return (
    <div className="page settings">
      <div className="card">
        <ProvidersPanel />
      </div>
      <ModelsSection />
      <RouterSection />
      <EncoderSection />
      <DataSection />
    </div>
  );
}
