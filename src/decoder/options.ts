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
  /**
   * Leave out the check that no body uses `memory.init` or `data.drop` without a data count
   * section, which streams the bodies that might. For callers that validate next (the validator
   * refuses those operators itself, with the same error) and, when validation fails, call
   * `checkDataCountUses` before reporting, so that this malformed error still comes first.
   */
  readonly skipDataCountCheck?: boolean;
}
