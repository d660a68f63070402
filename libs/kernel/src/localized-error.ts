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

/**
 * The one line a person reads about a failure that carries es/en texts (a LocalizedError, a configuration
 * error): `<es> / <en>`; undefined for any other error, whose message or stack the caller prints instead.
 */
export function bilingualLine(error: unknown): string | undefined {
  const text = (error as { text?: LocalizedText } | null | undefined)?.text;
  return text ? `${text.es} / ${text.en}` : undefined;
}
