// Named profiles in one browser: each has its own conversations (Conversation.profileId), a personal user
// vector learned from its feedback (core/modes/personal.ts) that shifts the router's estimates, and the
// labelled verification scores its cascade threshold is calibrated on. Reset and export per profile.
import { z } from 'zod';
import { create } from 'zustand';
import { calibrationPointSchema, type CalibrationPoint } from '../../core/modes/cascade-threshold.ts';
import { emptyUserVector, learn, userVectorSchema, type Preference } from '../../core/modes/personal.ts';
import { loadSetting, saveSetting } from '../../platform/browser/settings-store.ts';

const KEY = 'profiles';
/** The profile every browser starts with; conversations from before profiles existed belong to it. */
export const DEFAULT_PROFILE = 'default';

const profileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  createdAt: z.number(),
  vector: userVectorSchema,
  calibration: z.array(calibrationPointSchema),
});
export type Profile = z.infer<typeof profileSchema>;
export const savedProfilesSchema = z
  .object({ profiles: z.array(profileSchema).min(1), currentId: z.string() })
  .refine((s) => s.profiles.some((p) => p.id === s.currentId), 'the current profile is not among the profiles');

interface ProfilesStore {
  profiles: Profile[];
  currentId: string;
  loaded: boolean;
  load(): Promise<void>;
  create(name: string): Promise<string>;
  select(id: string): Promise<void>;
  /** Forgets what the profile learned (its vector and calibration); its conversations stay. */
  reset(id: string): Promise<void>;
  learn(preference: Preference): Promise<void>;
  addCalibration(point: CalibrationPoint): Promise<void>;
}

const fresh = (id: string, name: string): Profile => ({ id, name, createdAt: Date.now(), vector: emptyUserVector(), calibration: [] });

export const useProfiles = create<ProfilesStore>((set, get) => {
  const persist = async (profiles: Profile[], currentId = get().currentId) => {
    set({ profiles, currentId });
    await saveSetting(KEY, { profiles, currentId });
  };
  const change = (edit: (p: Profile) => Profile, id = get().currentId) => persist(get().profiles.map((p) => (p.id === id ? edit(p) : p)));
  return {
    profiles: [fresh(DEFAULT_PROFILE, 'Default')],
    currentId: DEFAULT_PROFILE,
    loaded: false,
    async load() {
      const raw = await loadSetting(KEY);
      const saved = savedProfilesSchema.safeParse(raw);
      if (saved.success) set(saved.data);
      else if (raw !== undefined)
        console.warn(`profiles: the saved profiles are not valid and were not loaded (${saved.error.issues[0]?.message})`);
      set({ loaded: true });
    },
    async create(name) {
      const profile = fresh(crypto.randomUUID(), name.trim() || `Profile ${get().profiles.length + 1}`);
      await persist([...get().profiles, profile], profile.id);
      return profile.id;
    },
    select: (id) => persist(get().profiles, id),
    reset: (id) => change((p) => ({ ...p, vector: emptyUserVector(), calibration: [] }), id),
    learn: (preference) => change((p) => ({ ...p, vector: learn(p.vector, preference) })),
    addCalibration: (point) => change((p) => ({ ...p, calibration: [...p.calibration, point] })),
  };
});

export function currentProfile(): Profile {
  const { profiles, currentId } = useProfiles.getState();
  return profiles.find((p) => p.id === currentId) ?? profiles[0]!;
}

/** Which profile a conversation belongs to (older conversations: the default one). */
export function profileOf(conversation: { profileId?: string }): string {
  return conversation.profileId ?? DEFAULT_PROFILE;
}
