/** A message in both working languages of the network. */
export interface LocalizedText {
  es: string;
  en: string;
}

/**
 * Base class of every error a user or a national system can see.
 * `code` is machine-readable and stable; `message` is the English text (for logs and stack traces).
 */
export class LocalizedError extends Error {
  constructor(
    readonly code: string,
    readonly text: LocalizedText,
    readonly details: Record<string, unknown> = {},
  ) {
    super(text.en);
    this.name = new.target.name;
  }

  toJSON(): { code: string; message: LocalizedText; details: Record<string, unknown> } {
    return { code: this.code, message: this.text, details: this.details };
  }
}
