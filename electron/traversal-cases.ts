/**
 * Requests that must never reach a file, shared by the tests of both shells so the desktop
 * protocol and the browser server are held to the same list.
 */
export const hostileAppUrls = [
  'app://tessera/../../etc/passwd',
  'app://tessera/%2e%2e/%2e%2e/etc/passwd',
  'app://tessera/%2E%2E/secret',
  'app://tessera/.%2e/secret',
  'app://tessera/assets/./x.js',
  'app://tessera/..%2fsecret',
  'app://tessera/..%2Fsecret',
  'app://tessera/assets/..%2f..%2f..%2fetc%2fpasswd',
  'app://tessera/..%5csecret',
  'app://tessera/..\\..\\secret',
  'app://tessera/%2fetc%2fpasswd',
  'app://tessera//etc/passwd',
  'app://tessera/index.html%00.png',
  'app://tessera/index.html\0.png',
  'app://tessera/C:%5cWindows%5cwin.ini',
  'app://tessera/assets/',
  'app://tessera/%E0%A4%A',
  'app://other/index.html',
  'app://tessera.evil/index.html',
  'app://tessera:99/index.html',
  'app://x@tessera/index.html',
  'file:///etc/passwd',
  'https://tessera/index.html',
  'not a url',
];

/** Requests both shells must serve, as app URLs. */
export const servedAppUrls = [
  'app://tessera/',
  'app://tessera/index.html',
  'app://tessera/assets/x.js',
  'app://tessera/assets/x.js?v=2#top',
  'app://tessera/assets/caf%C3%A9%20menu.svg',
  'app://tessera/..notes.txt',
];
