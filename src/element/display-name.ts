/**
 * The name as a person should read it: bidirectional controls (a right-to-left override can make
 * "invoice\u202Efdp.exe" look like a PDF) are taken out, so the real extension shows.
 */
export function displayName(name: string): string {
  return name.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}
