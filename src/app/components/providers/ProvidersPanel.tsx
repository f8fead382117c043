// The "Providers" settings section: the configured providers, adding one, the vault passphrase, call settings
// (mid-stream policy, budgets) and, closed under "Developer", a test call through the fallback chain.
import { useEffect } from 'react';
import { useProviders } from '../../stores/providers.ts';
import { AddProviderForm } from './AddProviderForm.tsx';
import { CallSettingsForm } from './CallSettingsForm.tsx';
import { ProviderRow } from './ProviderRow.tsx';
import { TryCall } from './TryCall.tsx';
import { VaultControls } from './VaultControls.tsx';

export function ProvidersPanel() {
  const { loaded, providers, load } = useProviders();
  useEffect(() => void load(), [load]);
  if (!loaded) return null;
  return (
    <section className="providers" aria-labelledby="providers-heading">
      <h2 id="providers-heading">Providers</h2>
      <VaultControls />
      <ul className="provider-list">
        {providers.map((p) => (
          <ProviderRow key={p.id} setup={p} />
        ))}
      </ul>
      <AddProviderForm />
      <CallSettingsForm />
      <details className="developer">
        <summary>Developer</summary>
        <p className="muted">Try a call: one message through the fallback chain, outside any conversation, to check keys and endpoints.</p>
        <TryCall />
      </details>
    </section>
  );
}
