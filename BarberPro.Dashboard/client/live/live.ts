export function startLive(doc: Document): void {
  const root = doc.querySelector<HTMLElement>("[data-live-root]");
  if (!root) return;
}
