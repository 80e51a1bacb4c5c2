/** Core state objects: memory growth refreshes views and respects limits; tables grow with a value. */
import { describe, expect, it } from 'vitest';
import { MemoryInst } from '../../src/core/memory.js';
import { TableInst } from '../../src/core/table.js';
import { FUNCREF } from '../../src/syntax/types.js';

describe('MemoryInst', () => {
  it('grows within the declared maximum, keeping contents and replacing the views', () => {
    const m = new MemoryInst({ limits: { min: 1, max: 3 }, shared: false, addrType: 'i32', pageSizeLog2: 16 });
    m.bytes[10] = 42;
    const oldView = m.view;
    expect(m.grow(2)).toBe(1);
    expect(m.pages).toBe(3);
    expect(m.bytes.length).toBe(3 * 65536);
    expect(m.bytes[10]).toBe(42);
    expect(m.view).not.toBe(oldView);
    expect(m.view.byteLength).toBe(3 * 65536);
    expect(m.grow(1)).toBe(-1);
    expect(m.grow(0)).toBe(3);
  });
  it('refuses growth past 4 GiB for a memory without maximum', () => {
    const m = new MemoryInst({ limits: { min: 0, max: null }, shared: false, addrType: 'i32', pageSizeLog2: 16 });
    expect(m.grow(65537)).toBe(-1);
    expect(m.pages).toBe(0);
  });
});

describe('TableInst', () => {
  it('grows with the given value up to the maximum', () => {
    const t = new TableInst({ limits: { min: 1, max: 3 }, elemType: FUNCREF, addrType: 'i32' }, null);
    const v = {};
    expect(t.grow(2, v)).toBe(1);
    expect(t.elements).toEqual([null, v, v]);
    expect(t.grow(1, null)).toBe(-1);
    expect(t.size).toBe(3);
  });
});
