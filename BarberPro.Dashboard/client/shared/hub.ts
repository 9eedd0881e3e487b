import * as signalR from "@microsoft/signalr";

/// Retries forever, backing off to 10 s: a wall screen must come back by itself after any outage.
const retryForever: signalR.IRetryPolicy = {
  nextRetryDelayInMilliseconds(context) {
    return Math.min(10_000, 500 * 2 ** Math.min(context.previousRetryCount, 5));
  },
};

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "disconnected";

export interface HubHooks {
  /// Called with every change of the connection's state.
  onState(state: ConnectionState): void;
  /// Registers the handlers of server calls, once, before the first start.
  configure(connection: signalR.HubConnection): void;
  /// Runs after every (re)connection, before the state reads "connected": join groups, fetch what was missed.
  onConnected(connection: signalR.HubConnection): Promise<void>;
}

/// A hub connection over WebSockets with negotiation skipped (no sticky sessions needed), that reconnects by itself,
/// also after the server closed it (a restart), and re-runs onConnected each time.
export function connectHub(path: string, hooks: HubHooks): signalR.HubConnection {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(path, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .withAutomaticReconnect(retryForever)
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  hooks.configure(connection);
  connection.onreconnecting(() => hooks.onState("reconnecting"));
  connection.onreconnected(() => void ready());
  connection.onclose(() => {
    hooks.onState("disconnected");
    // The automatic policy ends after a close the server initiated (e.g. a restart): start again ourselves.
    window.setTimeout(() => void start(), 5_000);
  });

  async function ready(): Promise<void> {
    try {
      await hooks.onConnected(connection);
      hooks.onState("connected");
    } catch {
      // Connected but not caught up: say so; the next reconnect or server push tries again.
      hooks.onState("reconnecting");
    }
  }

  async function start(): Promise<void> {
    if (connection.state !== signalR.HubConnectionState.Disconnected) return;
    hooks.onState("connecting");
    try {
      await connection.start();
    } catch {
      hooks.onState("disconnected");
      window.setTimeout(() => void start(), 5_000);
      return;
    }
    await ready();
  }

  void start();
  return connection;
}

/// Shows a connection state in a badge: its text from <paramref name="texts"/>, its colour by state.
export function showConnectionState(badge: HTMLElement | null, state: ConnectionState, texts: Record<ConnectionState, string>): void {
  if (!badge) return;
  const css: Record<ConnectionState, string> = {
    connecting: "bg-secondary-lt",
    connected: "bg-green-lt",
    reconnecting: "bg-yellow-lt",
    disconnected: "bg-red-lt",
  };
  badge.hidden = false;
  badge.textContent = texts[state];
  badge.className = `badge ${css[state]}`;
  badge.dataset.state = state;
}
