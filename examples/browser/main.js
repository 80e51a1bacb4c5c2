// Installs purewasm's WebAssembly where the browser has none, then loads fib.wasm the standard
// way (instantiateStreaming with a Response from fetch) and shows what it computed. Plain ESM
// straight from the build: no bundler, no eval.
const output = document.getElementById('output');
const hadNative = typeof WebAssembly !== 'undefined';

try {
  const { installed } = await import('../../dist/jsapi/polyfill.js');
  const lines = [];
  let memory = null;
  const log = (ptr, len) => lines.push(new TextDecoder().decode(new Uint8Array(memory.buffer, ptr, len)));
  const { instance } = await WebAssembly.instantiateStreaming(fetch('fib.wasm'), { env: { log } });
  memory = instance.exports.memory;
  const fib = instance.exports.fib(90);
  lines.push(`native WebAssembly: ${hadNative}`);
  lines.push(`purewasm installed: ${installed}`);
  lines.push(`fib(90) = ${fib} (${typeof fib})`);
  output.textContent = lines.join('\n');
} catch (e) {
  output.textContent = `error: ${e && e.stack ? e.stack : e}`;
} finally {
  document.body.dataset.done = 'true';
}
