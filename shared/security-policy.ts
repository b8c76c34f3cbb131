/**
 * The Content-Security-Policy of the app in both shells: everything from the app's own origin,
 * nothing remote. `wasm-unsafe-eval` is for the OCR engine's WebAssembly; `blob:` workers are how
 * tesseract.js starts its worker.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
