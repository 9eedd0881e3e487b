import * as signalR from "@microsoft/signalr";

/// Retries forever, backing off to 10 s: a wall screen must come back by itself after any outage.
const retryForever: signalR.IRetryPolicy = {
  nextRetryDelayInMilliseconds(context) {
    return Math.min(10_000, 500 * 2 ** Math.min(context.previousRetryCount, 5));
  },
};

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "disconnected";

/// A hub connection over WebSockets with negotiation skipped (no sticky sessions needed), reconnecting by itself.
export function connectHub(
  path: string,
  onState: (state: ConnectionState) => void,
  configure: (connection: signalR.HubConnection) => void,
  onConnected: (connection: signalR.HubConnection) => Promise<void> | void,
): signalR.HubConnection {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(path, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .withAutomaticReconnect(retryForever)
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  configure(connection);
  connection.onreconnecting(() => onState("reconnecting"));
  connection.onreconnected(async () => {
    onState("connected");
    await onConnected(connection);
  });
  connection.onclose(() => {
    onState("disconnected");
    // The automatic policy ends after a close the server initiated (e.g. a restart): start again ourselves.
    window.setTimeout(() => void start(), 5_000);
  });

  async function start(): Promise<void> {
    onState("connecting");
    try {
      await connection.start();
      onState("connected");
      await onConnected(connection);
    } catch {
      onState("disconnected");
      window.setTimeout(() => void start(), 5_000);
    }
  }

  void start();
  return connection;
}

export function showConnectionState(badge: HTMLElement | null, state: ConnectionState): void {
  if (!badge) return;
  const text: Record<ConnectionState, string> = {
    connecting: "connecting…",
    connected: "live",
    reconnecting: "reconnecting…",
    disconnected: "disconnected — retrying",
  };
  const css: Record<ConnectionState, string> = {
    connecting: "bg-secondary-lt",
    connected: "bg-green-lt",
    reconnecting: "bg-yellow-lt",
    disconnected: "bg-red-lt",
  };
  badge.textContent = text[state];
  badge.className = `badge ${css[state]}`;
  badge.dataset.state = state;
}
