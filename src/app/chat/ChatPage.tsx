// The chat page: conversations on the left, the thread and the composer on the right, and the first-run
// onboarding when no provider is set up yet, and a notice that blocks chat while the key vault is locked.
import { useConversations } from '../stores/conversations.ts';
import { profileOf, useProfiles } from '../stores/profiles.ts';
import { useProviders } from '../stores/providers.ts';
import { useUsableModels } from '../stores/usable-models.ts';
import { Sidebar } from './Sidebar.tsx';
import { Thread } from './Thread.tsx';
import { Composer } from './Composer.tsx';
import { VAULT_LOCKED } from './chat-actions.ts';

export function ChatPage({ openSettings }: { openSettings(): void }) {
  const { conversations, currentId } = useConversations();
  const hasProvider = useProviders((s) => s.providers.length > 0);
  const locked = useProviders((s) => s.locked);
  const models = useUsableModels();
  const profileId = useProfiles((s) => s.currentId);
  const current = conversations.find((c) => c.id === currentId && profileOf(c) === profileId);
  const blocked = !hasProvider
    ? 'Add a provider in Settings to start chatting'
    : locked
      ? VAULT_LOCKED
      : models.length === 0
        ? 'Enable at least one model in Settings'
        : undefined;
  return (
    <div className="chat">
      <Sidebar />
      <div className="chat-main">
        {hasProvider && locked && <VaultLocked openSettings={openSettings} />}
        {!hasProvider ? (
          <Onboarding openSettings={openSettings} />
        ) : current ? (
          <Thread conversation={current} models={models} />
        ) : (
          <p className="muted center">Start a new chat: your first message is routed on this device before anything is sent.</p>
        )}
        <Composer models={models} disabled={blocked} />
      </div>
    </div>
  );
}

function VaultLocked({ openSettings }: { openSettings(): void }) {
  return (
    <p className="notice" role="alert">
      {VAULT_LOCKED}: nothing is sent until you do.{' '}
      <button className="primary" onClick={openSettings}>
        Unlock your keys
      </button>
    </p>
  );
}

function Onboarding({ openSettings }: { openSettings(): void }) {
  return (
    <section className="onboarding" aria-label="Welcome">
      <h2>Welcome</h2>
      <p>
        Bring your own API keys: each message is routed <strong>on this device</strong> to the cheapest of your models that should answer it
        well, then sent straight to that provider. Keys, chats and logs stay in this browser.
      </p>
      <ol>
        <li>Add a provider and its key (OpenAI, Anthropic, Gemini, or any OpenAI-compatible server).</li>
        <li>Enable the models you want the router to choose from.</li>
        <li>Chat. Move the Quality ↔ Cost slider to trade quality for price.</li>
      </ol>
      <button className="primary" onClick={openSettings}>
        Add a provider
      </button>
    </section>
  );
}
