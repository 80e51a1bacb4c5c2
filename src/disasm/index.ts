/** The disassembler's public face: a decoded module back to the text format. */
export { wasm2wat } from './wasm2wat.js';
export { f32Comment, f32Text, f64Comment, f64Text, idText, stringText } from './literals.js';
