// The providers llmrouter-web knows how to call: wire format, default base URL, how the key is sent, and
// whether their API answers a browser's CORS preflight. The model catalog names a provider by `id`.

export type WireFormat = 'openai' | 'anthropic' | 'gemini';

export interface ProviderDefinition {
  id: string;
  label: string;
  wire: WireFormat;
  baseUrl: string;
  /** Local servers (Ollama, LM Studio, vLLM) need no key. */
  keyRequired: boolean;
  /** Whether the stream can report usage (`stream_options.include_usage`); token counts are estimated otherwise. */
  streamUsage: boolean;
  /** What to do when the browser blocks calls to it (CORS), shown with a cors error. */
  corsNote: string;
}

const remoteCors = 'its API accepts calls from browsers; if blocked, a proxy or extension is filtering the request';

export const PROVIDERS: readonly ProviderDefinition[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    wire: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    keyRequired: true,
    streamUsage: true,
    corsNote: remoteCors,
  },
  {
    id: 'anthropic',
    label: 'Anthropic',
    wire: 'anthropic',
    baseUrl: 'https://api.anthropic.com/v1',
    keyRequired: true,
    streamUsage: true,
    corsNote: 'browser calls need the anthropic-dangerous-direct-browser-access header, which llmrouter-web sends',
  },
  {
    id: 'google',
    label: 'Google Gemini',
    wire: 'gemini',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    keyRequired: true,
    streamUsage: true,
    corsNote: remoteCors,
  },
  {
    id: 'nvidia',
    label: 'NVIDIA NIM',
    wire: 'openai',
    baseUrl: 'https://integrate.api.nvidia.com/v1',
    keyRequired: true,
    streamUsage: true,
    corsNote: 'integrate.api.nvidia.com may refuse browser origins: run a local proxy or use the CLI',
  },
  {
    id: 'groq',
    label: 'Groq',
    wire: 'openai',
    baseUrl: 'https://api.groq.com/openai/v1',
    keyRequired: true,
    streamUsage: true,
    corsNote: remoteCors,
  },
  {
    id: 'together',
    label: 'Together AI',
    wire: 'openai',
    baseUrl: 'https://api.together.xyz/v1',
    keyRequired: true,
    streamUsage: true,
    corsNote: remoteCors,
  },
  {
    id: 'mistral',
    label: 'Mistral',
    wire: 'openai',
    baseUrl: 'https://api.mistral.ai/v1',
    keyRequired: true,
    streamUsage: false,
    corsNote: remoteCors,
  },
  {
    id: 'deepseek',
    label: 'DeepSeek',
    wire: 'openai',
    baseUrl: 'https://api.deepseek.com/v1',
    keyRequired: true,
    streamUsage: true,
    corsNote: remoteCors,
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    wire: 'openai',
    baseUrl: 'https://openrouter.ai/api/v1',
    keyRequired: true,
    streamUsage: true,
    corsNote: remoteCors,
  },
  {
    id: 'fireworks',
    label: 'Fireworks AI',
    wire: 'openai',
    baseUrl: 'https://api.fireworks.ai/inference/v1',
    keyRequired: true,
    streamUsage: true,
    corsNote: remoteCors,
  },
  {
    id: 'local',
    label: 'Local server (llama.cpp or any OpenAI-compatible)',
    wire: 'openai',
    baseUrl: 'http://127.0.0.1:8080/v1',
    keyRequired: false,
    streamUsage: true,
    corsNote: "start the server allowing this page's origin (CORS)",
  },
  {
    id: 'ollama',
    label: 'Ollama (local)',
    wire: 'openai',
    baseUrl: 'http://127.0.0.1:11434/v1',
    keyRequired: false,
    streamUsage: true,
    corsNote: "start Ollama with OLLAMA_ORIGINS set to this page's origin",
  },
  {
    id: 'lmstudio',
    label: 'LM Studio (local)',
    wire: 'openai',
    baseUrl: 'http://127.0.0.1:1234/v1',
    keyRequired: false,
    streamUsage: true,
    corsNote: "enable CORS in LM Studio's server settings",
  },
  {
    id: 'vllm',
    label: 'vLLM (local)',
    wire: 'openai',
    baseUrl: 'http://127.0.0.1:8000/v1',
    keyRequired: false,
    streamUsage: true,
    corsNote: "start vLLM with --allowed-origins including this page's origin",
  },
];

/** A provider reached at a base URL the table does not know: any OpenAI-compatible server, key optional. */
export function customProvider(id: string, baseUrl: string, wire: WireFormat = 'openai'): ProviderDefinition {
  return {
    id,
    label: id,
    wire,
    baseUrl,
    keyRequired: false,
    streamUsage: wire !== 'openai',
    corsNote: "the server must allow this page's origin (CORS) and be listed in the app's Content-Security-Policy",
  };
}

export function providerDefinition(id: string): ProviderDefinition | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

/** Origins of every known remote provider, for the Content-Security-Policy's connect-src. */
export function providerOrigins(): string[] {
  return [...new Set(PROVIDERS.filter((p) => p.keyRequired).map((p) => new URL(p.baseUrl).origin))];
}
