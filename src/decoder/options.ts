/**
 * Decoder options: proposals beyond WebAssembly 3.0 whose binary encodings conflict with what
 * 3.0 calls malformed, so they must be asked for.
 */

/** What the decoder accepts beyond WebAssembly 3.0. */
export interface DecodeOptions {
  /**
   * Accept memory limits flag bit 3 followed by the page size's log2 (custom-page-sizes
   * proposal). Off by default: in 3.0 that flag is "malformed limits flags".
   */
  readonly customPageSizes?: boolean;
}
