// The settings page: providers and keys, the router in use, the encoder and its backend, and the user's data.
import { DataSection } from './DataSection.tsx';

export function SettingsPage() {
  return (
    <div className="page settings">
      <DataSection />
    </div>
  );
}
