// Checklist pages, live: ticks, unticks and notes go through the checklist hub, and every committed change from anyone
// arrives as "ItemChanged" and is written into the page. Without a connection the forms post as usual (the no-JS
// path), so a change is never lost to a dead socket. Data from the server is written with textContent only.
import { HubConnection, HubConnectionState } from "@microsoft/signalr";
import { connectHub, showConnectionState, type ConnectionState } from "../shared/hub";

/** Mirrors BarberPro.Dashboard.Checklists.ChecklistItemDto (camelCase JSON). */
interface ChecklistItemDto {
  runId: number;
  key: string;
  ticked: boolean;
  tickedBy: string | null;
  tickedAt: string | null;
  note: string | null;
  noteBy: string | null;
  noteAt: string | null;
  changedBy: string | null;
  changedAt: string | null;
  changeKind: string | null;
  version: number;
}

/** Mirrors ChecklistChangeReply. */
interface ChecklistChangeReply {
  outcome: "applied" | "replayed" | "stale" | "unchanged";
  message: string | null;
  item: ChecklistItemDto;
}

const connectionText: Record<ConnectionState, string> = {
  connecting: "Connecting…",
  connected: "Live",
  reconnecting: "Reconnecting… changes are sent as page posts meanwhile",
  disconnected: "Offline: changes are sent as page posts",
};

export function startChecklists(doc: Document): void {
  const root = doc.querySelector<HTMLElement>("[data-checklist-root]");
  if (!root) return;
  const status = root.querySelector<HTMLElement>("[data-checklist-connection]");
  const runIds = new Set<number>();
  root.querySelectorAll<HTMLElement>("[data-checklist-run]").forEach((run) => {
    const id = Number(run.dataset.runId);
    if (Number.isSafeInteger(id) && id > 0) runIds.add(id);
  });
  if (runIds.size === 0) return;

  // Group membership does not survive a new connection, and changes may have been missed meanwhile: every
  // (re)connection joins the runs again and re-reads their items.
  // The server's listener lost the database: the socket is up, but nobody's changes reach this page until it says
  // Resync, so the badge must not say "Live" meanwhile.
  let paused = false;
  const showState = (state: ConnectionState): void => {
    if (state === "connected" && paused) showPaused(status);
    else showConnectionState(status, state, connectionText);
  };
  const connection = connectHub(root.dataset.hub ?? "/hubs/checklists", {
    onState: showState,
    configure: (hub) => {
      hub.on("ItemChanged", (item: ChecklistItemDto) => applyItem(root, item, false));
      hub.on("LivePaused", () => {
        paused = true;
        showPaused(status);
      });
      // Catch up (fetch the current state of every item shown), then say "Live" again; until that works the page
      // is behind, so it stays "paused" and tries again.
      const resync = (): void => void joinAll(hub).then(
        () => {
          paused = false;
          showState("connected");
        },
        () => {
          paused = true;
          showPaused(status);
          if (hub.state === HubConnectionState.Connected) window.setTimeout(resync, 2_000);
        });
      hub.on("Resync", resync);
    },
    onConnected: (hub) => joinAll(hub),
  });

  async function joinAll(hub: HubConnection): Promise<void> {
    for (const runId of runIds) {
      const items = await hub.invoke<ChecklistItemDto[]>("JoinRun", runId);
      for (const item of items) applyItem(root!, item, true);
    }
    refreshProgress(root!);
  }

  root.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const li = form.closest<HTMLElement>("[data-checklist-item]");
    if (!li || connection.state !== HubConnectionState.Connected) return; // let the form post
    const isNote = form.hasAttribute("data-note-form");
    if (!isNote && !form.hasAttribute("data-tick-form")) return;
    event.preventDefault();
    void submitThroughHub(connection, root, li, form, isNote);
  });

  // Sections turn overdue while the page stays open.
  window.setInterval(() => refreshProgress(root), 30_000);
}

async function submitThroughHub(connection: HubConnection, root: HTMLElement, li: HTMLElement, form: HTMLFormElement,
  isNote: boolean): Promise<void> {
  const runId = Number(li.dataset.runId);
  const key = li.dataset.itemKey ?? "";
  const version = Number(li.dataset.version);
  const ticked = li.dataset.ticked === "true";
  // One key per user action, reused by the retry below: the server applies it at most once.
  const idempotencyKey = newUuid();
  const method = isNote ? "SetNote" : ticked ? "Untick" : "Tick";
  const args: unknown[] = [runId, key, version, idempotencyKey];
  if (isNote) args.push(form.querySelector<HTMLTextAreaElement>("[data-note-input]")?.value ?? "");

  const buttons = form.querySelectorAll<HTMLButtonElement>("button");
  buttons.forEach((b) => (b.disabled = true));
  setMessage(li, "Saving…", false);
  try {
    let reply: ChecklistChangeReply;
    try {
      reply = await connection.invoke<ChecklistChangeReply>(method, ...args);
    } catch (error) {
      if (connection.state === HubConnectionState.Connected) throw error;
      // The connection dropped before the answer: the change may or may not have committed. Retry once with the same
      // key when the connection is back; the server answers with the original outcome if it did commit.
      await waitForConnection(connection, 30_000);
      reply = await connection.invoke<ChecklistChangeReply>(method, ...args);
    }
    applyItem(root, reply.item, true);
    setMessage(li, reply.outcome === "stale" || reply.outcome === "unchanged" ? reply.message ?? "" : "", false);
  } catch (error) {
    setMessage(li, `Not saved: ${hubErrorText(error)}`, true);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

function applyItem(root: HTMLElement, item: ChecklistItemDto, force: boolean): void {
  const li = root.querySelector<HTMLElement>(
    `[data-checklist-item][data-run-id="${item.runId}"][data-item-key="${CSS.escape(item.key)}"]`);
  if (!li) return;
  // Pushes may arrive out of order; never go back to an older version.
  if (!force && Number(li.dataset.version) >= item.version) return;
  if (force && Number(li.dataset.version) > item.version) return;

  li.dataset.version = String(item.version);
  li.dataset.ticked = item.ticked ? "true" : "false";
  li.classList.toggle("checklist-item-done", item.ticked);
  const title = li.querySelector<HTMLElement>("[data-item-title]");
  title?.classList.toggle("text-decoration-line-through", item.ticked);
  title?.classList.toggle("text-secondary", item.ticked);
  li.querySelectorAll<HTMLInputElement>("[data-version-input]").forEach((input) => (input.value = String(item.version)));

  const tickForm = li.querySelector<HTMLFormElement>("[data-tick-form]");
  if (tickForm) {
    tickForm.action = tickForm.action.replace(/\/(tick|untick)$/, item.ticked ? "/untick" : "/tick");
  }
  const button = li.querySelector<HTMLButtonElement>("[data-tick-button]");
  if (button) {
    button.textContent = item.ticked ? "Untick" : "Tick";
    button.setAttribute("aria-pressed", item.ticked ? "true" : "false");
    button.classList.toggle("btn-success", item.ticked);
    button.classList.toggle("btn-outline-secondary", !item.ticked);
  }
  const state = li.querySelector<HTMLElement>("[data-tick-state]");
  if (state) {
    state.textContent = item.ticked ? "Done" : "Open";
    state.classList.toggle("bg-success-lt", item.ticked);
    state.classList.toggle("bg-secondary-lt", !item.ticked);
  }
  setText(li, "[data-tick-info]", item.ticked ? `Ticked by ${item.tickedBy ?? "?"} at ${item.tickedAt ?? "?"}` : "");

  const noteView = li.querySelector<HTMLElement>("[data-note-view]");
  if (noteView) noteView.hidden = item.note === null;
  setText(li, "[data-note-text]", item.note ?? "");
  setText(li, "[data-note-info]", item.note === null ? "" : `— ${item.noteBy ?? "?"}, ${item.noteAt ?? "?"}`);
  const noteInput = li.querySelector<HTMLTextAreaElement>("[data-note-input]");
  if (noteInput && document.activeElement !== noteInput) noteInput.value = item.note ?? "";

  refreshProgress(root);
}

/** Progress per run and overdue flags per section, from the items on the page. */
function refreshProgress(root: HTMLElement): void {
  const now = Date.now();
  root.querySelectorAll<HTMLElement>("[data-checklist-run]").forEach((run) => {
    const items = run.querySelectorAll<HTMLElement>("[data-checklist-item]");
    const done = run.querySelectorAll<HTMLElement>('[data-checklist-item][data-ticked="true"]').length;
    setText(run, "[data-run-progress]", `${done} of ${items.length} done`);
    run.querySelectorAll<HTMLElement>("[data-checklist-section]").forEach((section) => {
      const dueAt = Date.parse(section.dataset.dueAt ?? "");
      const open = section.querySelectorAll('[data-checklist-item][data-ticked="false"]').length;
      const badge = section.querySelector<HTMLElement>("[data-overdue-badge]");
      if (badge && !Number.isNaN(dueAt)) badge.hidden = !(open > 0 && now >= dueAt);
    });
  });
}

function showPaused(badge: HTMLElement | null): void {
  if (!badge) return;
  badge.hidden = false;
  badge.textContent = "Live updates paused: the database is not answering";
  badge.className = "badge bg-yellow-lt";
  badge.dataset.state = "paused";
}

function setText(scope: HTMLElement, selector: string, text: string): void {
  const element = scope.querySelector<HTMLElement>(selector);
  if (element) element.textContent = text;
}

function setMessage(li: HTMLElement, text: string, isError: boolean): void {
  const element = li.querySelector<HTMLElement>("[data-item-message]");
  if (!element) return;
  element.textContent = text;
  element.classList.toggle("text-danger", isError);
  element.classList.toggle("text-warning", !isError);
}

/** The server's HubException message without the client's "An unexpected error occurred invoking…" prefix. */
function hubErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const marker = "HubException: ";
  const index = text.indexOf(marker);
  return index >= 0 ? text.slice(index + marker.length) : text;
}

function waitForConnection(connection: HubConnection, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      if (connection.state === HubConnectionState.Connected) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error("the connection did not come back; try again"));
      else window.setTimeout(check, 250);
    };
    check();
  });
}

/** crypto.randomUUID exists only in secure contexts; the dashboard may be served over plain HTTP on a LAN. */
function newUuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
