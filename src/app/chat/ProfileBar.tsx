// The profile in use, at the top of the conversations: switch, create, reset what it learned, export it
// (its user vector, calibration and conversations as one JSON file). A control shows only when it can act: the
// switch once there are two profiles, reset once the profile has learned, export once it holds something.
import { useState } from 'react';
import { download } from '../download.ts';
import { profileOf, useProfiles } from '../stores/profiles.ts';
import { useConversations } from '../stores/conversations.ts';

export function ProfileBar() {
  const { profiles, currentId, create, select, reset } = useProfiles();
  const [naming, setNaming] = useState<string | null>(null);
  const profile = profiles.find((p) => p.id === currentId)!;
  const open = async (id: string) => {
    await select(id);
    const { conversations, select: show } = useConversations.getState();
    show(conversations.find((c) => profileOf(c) === id)?.id ?? null);
  };
  const exportProfile = () => {
    const conversations = useConversations.getState().conversations.filter((c) => profileOf(c) === profile.id);
    download(
      `llmrouter-profile-${profile.name.replace(/\W+/g, '-')}.json`,
      JSON.stringify({ format: 'llmrouter-web/profile', version: 1, profile, conversations }, null, 1),
    );
  };
  const learned = profile.vector.updates > 0 || profile.calibration.length > 0;
  const holdsConversations = useConversations((s) => s.conversations.some((c) => profileOf(c) === profile.id));
  return (
    <div className="profile-bar" role="group" aria-label="Profiles">
      {profiles.length > 1 && (
        <select aria-label="Profile" value={currentId} onChange={(e) => void open(e.target.value)}>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      )}
      {naming === null ? (
        <button onClick={() => setNaming('')}>New profile</button>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create(naming).then((id) => open(id));
            setNaming(null);
          }}
        >
          <input
            aria-label="Profile name"
            placeholder="Name, e.g. Work"
            autoFocus
            required
            value={naming}
            onChange={(e) => setNaming(e.target.value)}
          />
          <button type="submit">Create</button>
        </form>
      )}
      <p className="muted" aria-label="Profile learning">
        {profile.vector.updates === 0 ? 'Routes as the global router (no feedback yet)' : `Learned from ${profile.vector.updates} feedback`}
        {profile.calibration.length > 0 && ` · ${profile.calibration.length} cascade labels`}
      </p>
      {(learned || holdsConversations) && (
        <span className="profile-actions">
          {learned && <button onClick={() => void reset(profile.id)}>Reset profile</button>}
          <button onClick={exportProfile}>Export profile</button>
        </span>
      )}
    </div>
  );
}
