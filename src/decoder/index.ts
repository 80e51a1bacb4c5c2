/**
 * The decoder layer's public face: the binary format → `Module`, and the streaming readers the
 * validator, translator and disassembler share.
 */
export { checkDataCountUses, decodeModule } from './module.js';
export type { DecodeOptions } from './options.js';
export { ByteReader } from './reader.js';
export { InstrReader, CatchKind, type CatchClause } from './instr.js';
export { readConstExpr } from './const-expr.js';
export { readHeapType, readRefType, readStorageType, readValType, valTypeFromByte } from './valtype.js';
