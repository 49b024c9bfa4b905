/**
 * The element an attribute names by id (`anchor`, `drop-target`): looked for in the host's own
 * tree first (a shadow root the host sits in), then in the document.
 */
export function byId(host: Node, id: string): HTMLElement | undefined {
  return (host.getRootNode() as Document | ShadowRoot).getElementById?.(id) ?? document.getElementById(id) ?? undefined;
}
