/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The model named in the request body. */
  readonly VITE_MODEL?: string
  /** The wire format (`openai-chat`, `anthropic`, `ollama`…); default `auto`. */
  readonly VITE_FORMAT?: string
}
