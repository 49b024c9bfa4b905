import 'vitest';
declare module 'vitest' {
  export interface ProvidedContext {
    /** base URL of the reference server the browser tests talk to */
    serverUrl: string;
  }
}
