// The left column: the profile, new chat, search, and the profile's conversations with rename and delete.
import { PencilIcon, TrashIcon } from '../components/icons.tsx';
import { useState } from 'react';
import { matching, useConversations, type Conversation } from '../stores/conversations.ts';
import { profileOf, useProfiles } from '../stores/profiles.ts';
import { useDraftSettings } from './draft-settings.ts';
import { ProfileBar } from './ProfileBar.tsx';

export function Sidebar() {
  const { conversations, currentId, search, create, select, setSearch } = useConversations();
  const profileId = useProfiles((s) => s.currentId);
  const shown = matching(
    conversations.filter((c) => profileOf(c) === profileId),
    search,
  );
  return (
    <nav className="sidebar" aria-label="Conversations">
      <ProfileBar />
      <button className="primary" onClick={() => void create(profileId, useDraftSettings.getState().settings)}>
        + New chat
      </button>
      <input
        type="search"
        aria-label="Search conversations"
        placeholder="Search…"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ul>
        {shown.map((c) => (
          <ConversationItem key={c.id} conversation={c} current={c.id === currentId} onSelect={() => select(c.id)} />
        ))}
        {shown.length === 0 && <li className="muted">{search ? 'No conversation matches.' : 'No conversations yet.'}</li>}
      </ul>
    </nav>
  );
}

function ConversationItem({ conversation, current, onSelect }: { conversation: Conversation; current: boolean; onSelect(): void }) {
  const { rename, remove } = useConversations();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(conversation.title);
  if (editing) {
    const finish = (save: boolean) => {
      if (save) void rename(conversation.id, title);
      setEditing(false);
    };
    return (
      <li className="current">
        <input
          aria-label="Conversation title"
          autoFocus
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={(e) => (e.key === 'Enter' ? finish(true) : e.key === 'Escape' ? finish(false) : undefined)}
          onBlur={() => finish(true)}
        />
      </li>
    );
  }
  return (
    <li className={current ? 'current' : undefined}>
      <button className="title" aria-current={current ? 'true' : undefined} onClick={onSelect}>
        {conversation.title}
      </button>
      <button
        className="icon"
        aria-label={`Rename ${conversation.title}`}
        title="Rename"
        onClick={() => {
          setTitle(conversation.title);
          setEditing(true);
        }}
      >
        <PencilIcon />
      </button>
      <button
        className="icon"
        aria-label={`Delete ${conversation.title}`}
        title="Delete"
        onClick={() => window.confirm(`Delete “${conversation.title}”?`) && void remove(conversation.id)}
      >
        <TrashIcon />
      </button>
    </li>
  );
}
