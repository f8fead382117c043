// Chat conversations and their messages: create, rename, delete, search, kept in IndexedDB.
import { create } from 'zustand';
import type { Explanation, ModelEstimate } from '../../core/routers/router.ts';
import type { ModeName, ModeResult, ModeStep } from '../../core/modes/mode.ts';
import type { ContextPolicy } from '../../core/modes/context.ts';
import { allRecords, deleteRecord, putRecord } from '../../platform/browser/records.ts';

/** What the on-device router decided for one answer, shown in its badge and explanation. */
export interface RoutingInfo {
  router: string;
  model: string;
  /** The pick's estimate, and the best-quality model's as the premium alternative. */
  pick: ModelEstimate;
  premium: ModelEstimate;
  estimates: ModelEstimate[];
  explanation: Explanation;
  /** Milliseconds the routing itself took (embedding + prediction + decision). */
  ms: number;
  lambda: number;
  /** Earlier user turns the router read with the message (context-aware routing of follow-ups). */
  contextTurns: number;
  /** Set when the user chose the model ("send to ..." or "regenerate with ..."). */
  forcedBy?: 'send-to' | 'regenerate';
  /** The profile whose user vector shifted the estimates, and the query's projected features it learns from. */
  profile?: { id: string; name: string; personalised: boolean; features: number[] };
  /** The global router's quality estimates before the profile's shift. */
  globalQuality?: Record<string, number>;
}

/** A multi-call mode's run shown in the thread: its steps as they happen, then its result. */
export interface ModeRun {
  mode: Exclude<ModeName, 'single'>;
  steps: ModeStep[];
  result?: Omit<ModeResult, 'steps' | 'text'>;
}

/** One provider attempt of the fallback chain. */
export interface Attempt {
  model: string;
  error?: string;
}

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  at: number;
  status?: 'routing' | 'streaming' | 'done' | 'stopped' | 'error';
  routing?: RoutingInfo;
  /** Every model tried, in order; the last one answered unless `error` is set. */
  attempts?: Attempt[];
  error?: string;
  modeRun?: ModeRun;
  /** The learning-log record of this answer. */
  outcomeId?: string;
  feedback?: { thumbs?: 'up' | 'down'; rating?: number };
}

export interface Conversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: ChatMessage[];
  /** The profile it belongs to (absent: the default profile). */
  profileId?: string;
  /** How its messages are routed (default single) and which earlier turns a follow-up carries (default full). */
  mode?: ModeName;
  context?: ContextPolicy;
}

export type ConversationSettings = Pick<Conversation, 'mode' | 'context'>;

interface ConversationsStore {
  conversations: Conversation[];
  currentId: string | null;
  search: string;
  loaded: boolean;
  load(): Promise<void>;
  create(profileId?: string, settings?: ConversationSettings): Promise<string>;
  configure(id: string, settings: ConversationSettings): Promise<void>;
  select(id: string | null): void;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<void>;
  setSearch(search: string): void;
  /** Appends a message, titling a new conversation after its first user message. */
  append(conversationId: string, message: ChatMessage): Promise<void>;
  /** Changes a message; `persist: false` keeps a streaming update in memory only. */
  update(conversationId: string, messageId: string, patch: Partial<ChatMessage>, persist?: boolean): Promise<void>;
  /** Drops a message and everything after it (regenerate). */
  truncate(conversationId: string, messageId: string): Promise<void>;
}

export const newId = () => crypto.randomUUID();
const UNTITLED = 'New chat';

export const useConversations = create<ConversationsStore>((set, get) => {
  const change = async (id: string, edit: (c: Conversation) => Conversation, persist = true) => {
    const current = get().conversations.find((c) => c.id === id);
    if (!current) return;
    const next = edit(current);
    set({ conversations: sortByRecent(get().conversations.map((c) => (c.id === id ? next : c))) });
    if (persist) await putRecord('conversations', next);
  };
  return {
    conversations: [],
    currentId: null,
    search: '',
    loaded: false,
    async load() {
      const saved = await allRecords<Conversation>('conversations');
      set({ conversations: sortByRecent(saved), currentId: sortByRecent(saved)[0]?.id ?? null, loaded: true });
    },
    async create(profileId, settings = {}) {
      const now = Date.now();
      const conversation: Conversation = {
        id: newId(),
        title: UNTITLED,
        createdAt: now,
        updatedAt: now,
        messages: [],
        ...(profileId ? { profileId } : {}),
        ...settings,
      };
      set({ conversations: [conversation, ...get().conversations], currentId: conversation.id, search: '' });
      await putRecord('conversations', conversation);
      return conversation.id;
    },
    select(id) {
      set({ currentId: id });
    },
    configure(id, settings) {
      return change(id, (c) => ({ ...c, ...settings }));
    },
    rename(id, title) {
      return change(id, (c) => ({ ...c, title: title.trim() || c.title }));
    },
    async remove(id) {
      const rest = get().conversations.filter((c) => c.id !== id);
      set({ conversations: rest, currentId: get().currentId === id ? (rest[0]?.id ?? null) : get().currentId });
      await deleteRecord('conversations', id);
    },
    setSearch(search) {
      set({ search });
    },
    append(conversationId, message) {
      return change(conversationId, (c) => ({
        ...c,
        title: c.title === UNTITLED && message.role === 'user' ? titleFrom(message.content) : c.title,
        updatedAt: Date.now(),
        messages: [...c.messages, message],
      }));
    },
    update(conversationId, messageId, patch, persist = true) {
      return change(
        conversationId,
        (c) => ({ ...c, messages: c.messages.map((m) => (m.id === messageId ? { ...m, ...patch } : m)) }),
        persist,
      );
    },
    truncate(conversationId, messageId) {
      return change(conversationId, (c) => {
        const at = c.messages.findIndex((m) => m.id === messageId);
        return at < 0 ? c : { ...c, messages: c.messages.slice(0, at) };
      });
    },
  };
});

/** Conversations whose title or any message contains the search text (case-insensitive). */
export function matching(conversations: readonly Conversation[], search: string): Conversation[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return [...conversations];
  return conversations.filter(
    (c) => c.title.toLowerCase().includes(needle) || c.messages.some((m) => m.content.toLowerCase().includes(needle)),
  );
}

function sortByRecent(conversations: Conversation[]): Conversation[] {
  return [...conversations].sort((a, b) => b.updatedAt - a.updatedAt);
}

function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]!;
  return line.length > 48 ? `${line.slice(0, 47)}…` : line;
}
