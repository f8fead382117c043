// The routing mode and context chosen before a conversation exists: the next new conversation takes them.
import { create } from 'zustand';
import type { ConversationSettings } from '../stores/conversations.ts';

export const useDraftSettings = create<{ settings: ConversationSettings; set(settings: ConversationSettings): void }>((set) => ({
  settings: {},
  set: (settings) => set({ settings }),
}));
