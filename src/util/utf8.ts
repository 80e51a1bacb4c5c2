/**
 * Strict UTF-8 for names: the spec requires names to be valid UTF-8 (no overlongs, no surrogates),
 * which `TextDecoder` with `fatal: true` enforces.
 */
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** Decodes `bytes` as UTF-8, or returns null when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Encodes a string as UTF-8. */
export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}
