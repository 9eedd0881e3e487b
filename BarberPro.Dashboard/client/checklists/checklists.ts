export function startChecklists(doc: Document): void {
  const root = doc.querySelector<HTMLElement>("[data-checklist-root]");
  if (!root) return;
}
