/** A global instance holding one value in raw form (see values.ts). */
import type { GlobalType } from '../syntax/types.js';
import type { RawVal } from './values.js';

export class GlobalInst {
  constructor(readonly type: GlobalType, public value: RawVal) {}
}
