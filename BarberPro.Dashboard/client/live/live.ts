// Live panels: one hub connection receives each snapshot and updates the server-rendered tiles in place.
import { connectHub, showConnectionState, type ConnectionState } from "../shared/hub";
import { formatArtTime } from "../shared/format";
import type { LiveSnapshot, PanelSnapshot } from "./model";
import { LiveCharts } from "./charts";

const liveConnectionText: Record<ConnectionState, string> = {
  connecting: "connecting…",
  connected: "live",
  reconnecting: "reconnecting…",
  disconnected: "disconnected — retrying",
};

export function startLive(doc: Document): void {
  const root = doc.querySelector<HTMLElement>("[data-live-root]");
  if (!root) return;

  const pollMs = Number(root.dataset.pollMs) || 5_000;
  const badge = root.querySelector<HTMLElement>("[data-live-connection]");
  const charts = new LiveCharts(root);
  let shownVersion = Number(root.dataset.version) || 0;
  let lastSnapshotAt = Date.now();
  let lastGeneratedAt: string | null = null;
  let state: ConnectionState = "connecting";

  connectHub("/hubs/live", {
    onState: (next) => {
      state = next;
      showConnectionState(badge, next, liveConnectionText);
    },
    configure: (connection) => connection.on("Snapshot", (snapshot: LiveSnapshot) => apply(snapshot)),
    // The hub pushes the current snapshot to every new connection, reconnections included: nothing to ask for.
    onConnected: () => Promise.resolve(),
  });

  // A snapshot that stops arriving is as bad as a source that stops answering: after two intervals without one,
  // every panel is shown stale, keeping its last values.
  window.setInterval(() => {
    if (Date.now() - lastSnapshotAt > 2 * pollMs + 1_000) {
      const since = lastGeneratedAt ? formatArtTime(lastGeneratedAt) : "";
      for (const card of root.querySelectorAll<HTMLElement>("[data-panel]")) {
        if (card.dataset.status !== "error") markStale(card, since, state === "connected" ? "no update from the server" : "connection lost");
      }
    }
  }, 1_000);

  function apply(snapshot: LiveSnapshot): void {
    lastSnapshotAt = Date.now();
    lastGeneratedAt = snapshot.generatedAt;
    if (snapshot.version < shownVersion && snapshot.version !== 0) return;
    shownVersion = snapshot.version;
    root!.dataset.version = String(snapshot.version);
    setText(root!, "[data-live-version]", String(snapshot.version));
    setText(root!, "[data-live-generated]", formatArtTime(snapshot.generatedAt));
    root!.querySelector("[data-live-waiting]")?.remove();
    for (const panel of snapshot.panels) {
      const card = root!.querySelector<HTMLElement>(`[data-panel="${CSS.escape(panel.key)}"]`);
      if (card) updatePanel(card, panel);
    }
    charts.append(snapshot);
  }
}

function updatePanel(card: HTMLElement, panel: PanelSnapshot): void {
  card.dataset.status = panel.status;
  setPanelClasses(card, panel.status, panel.level);
  const statusText =
    panel.status === "data" ? "live" : panel.status === "stale" ? `stale since ${formatArtTime(panel.staleSince ?? "")}` : "no data";
  setText(card, "[data-panel-status]", statusText);
  setText(card, "[data-asof]", panel.asOf ? `as of ${formatArtTime(panel.asOf)}` : "");
  const error = card.querySelector<HTMLElement>("[data-panel-error]");
  if (error) {
    error.textContent = panel.error ?? "";
    error.hidden = panel.error === null;
  }
  for (const figure of panel.figures) {
    const tile = card.querySelector<HTMLElement>(`[data-figure="${CSS.escape(figure.key)}"]`);
    if (!tile) continue;
    setText(tile, "[data-value]", figure.display);
    setText(tile, "[data-target]", figure.target ?? "");
    tile.className = `figure level-${figure.level}`;
  }
  const notes = card.querySelector<HTMLElement>("[data-alerting-notes]");
  if (notes) {
    notes.dataset.alertingState = panel.alerting?.state ?? "";
    notes.replaceChildren(...(panel.alerting?.notes ?? []).map((n) => item(n, "alerting-note")));
  }
  const alerts = card.querySelector<HTMLElement>("[data-alert-list]");
  if (alerts) {
    const empty = panel.alerting?.emptyText;
    alerts.replaceChildren(
      ...(panel.alerts.length === 0
        ? empty
          ? [item(empty, "text-secondary")]
          : []
        : panel.alerts.map((a) => {
            const li = document.createElement("li");
            li.className = `alert-item alert-${a.state} severity-${a.severity}`;
            const badge = document.createElement("span");
            badge.className = "badge";
            badge.textContent = a.state;
            const name = document.createElement("strong");
            name.textContent = a.name;
            const severity = document.createElement("span");
            severity.className = "text-secondary";
            severity.textContent = a.severity;
            const summary = document.createElement("div");
            summary.className = "small";
            summary.textContent = a.summary;
            li.append(badge, " ", name, " ", severity, summary);
            return li;
          })),
    );
  }
  const events = card.querySelector<HTMLElement>("[data-scale-events]");
  if (events) {
    events.replaceChildren(
      ...(panel.scaleEvents.length === 0
        ? [item("No scaling in the last hour.", "text-secondary")]
        : panel.scaleEvents.map((e) => item(`${formatArtTime(e.at)} · ${e.from} → ${e.to} pods`))),
    );
  }
}

function markStale(card: HTMLElement, since: string, why: string): void {
  if (card.dataset.status === "stale-client") return;
  card.dataset.status = "stale-client";
  setPanelClasses(card, "stale", "unknown");
  setText(card, "[data-panel-status]", since ? `stale since ${since}` : "stale");
  const error = card.querySelector<HTMLElement>("[data-panel-error]");
  if (error) {
    error.textContent = `No fresh data: ${why}.`;
    error.hidden = false;
  }
}

function setPanelClasses(card: HTMLElement, status: string, level: string): void {
  for (const cls of [...card.classList]) {
    if (cls.startsWith("panel-state-") || cls.startsWith("level-")) card.classList.remove(cls);
  }
  card.classList.add(`panel-state-${status}`, `level-${level}`);
}

function item(text: string, className?: string): HTMLLIElement {
  const li = document.createElement("li");
  li.textContent = text;
  if (className) li.className = className;
  return li;
}

function setText(scope: ParentNode, selector: string, text: string): void {
  const element = scope.querySelector(selector);
  if (element && element.textContent !== text) element.textContent = text;
}
