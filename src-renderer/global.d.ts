import type { ClienteleApi } from '../src-preload/contract';

declare global {
  interface Window {
    /** Set by the desktop preload or the browser host's bridge; absent until one has run. */
    clientele?: ClienteleApi;
  }
}

export {};
