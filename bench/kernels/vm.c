/*
 * br_table dispatch: a tiny bytecode VM (a dense switch, which clang lowers to br_table) running a
 * program that loops `n` times over arithmetic on an accumulator and registers.
 */
#include "kernel.h"

enum { PUSH, ADD, SUB, MUL, XOR, SHR, DUP, SWAP, LOAD, STORE, DEC, JNZ, POP, AND, OR, HALT };

static const i32 program[] = {
  /* loop (pc 0): r1 = ((r1 * 31 + r0) ^ 7) folded, r2 = r1 - (r2 + 3); r0 -= 1 until zero */
  LOAD, 1, PUSH, 31, MUL, LOAD, 0, ADD, PUSH, 7, XOR, DUP, PUSH, 3, SHR, XOR,
  PUSH, 0x7fffffff, AND, STORE, 1,
  LOAD, 2, PUSH, 3, ADD, LOAD, 1, SWAP, SUB, PUSH, 5, OR, STORE, 2,
  LOAD, 0, DEC, DUP, STORE, 0, JNZ, 0,
  HALT,
};

EXPORT("run") u32 run(u32 n) {
  i32 stack[64];
  i32 regs[4] = {(i32)n, 1, 0, 0};
  u32 sp = 0, pc = 0;
  for (;;) {
    i32 op = program[pc++];
    switch (op) {
      case PUSH: stack[sp++] = program[pc++]; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
      case SHR: sp--; stack[sp - 1] = (i32)((u32)stack[sp - 1] >> stack[sp]); break;
      case AND: sp--; stack[sp - 1] &= stack[sp]; break;
      case OR: sp--; stack[sp - 1] |= stack[sp]; break;
      case DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case SWAP: { i32 t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
      case LOAD: stack[sp++] = regs[program[pc++] & 3]; break;
      case STORE: regs[program[pc++] & 3] = stack[--sp]; break;
      case DEC: stack[sp - 1]--; break;
      case JNZ: { i32 t = program[pc++]; if (stack[--sp]) pc = (u32)t; break; }
      case POP: sp--; break;
      case HALT: return (u32)regs[1] ^ (u32)regs[2] ^ sp;
      default: return 0xdeadbeef;
    }
  }
}
