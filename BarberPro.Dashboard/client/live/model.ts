// The snapshot pushed by the server (BarberPro.Core.Live.LiveSnapshot, camelCase JSON).
export type PanelStatus = "data" | "stale" | "error";
export type Level = "unknown" | "ok" | "warning" | "critical";

export interface Figure {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  display: string;
  level: Level;
  target: string | null;
}

export interface AlertItem {
  name: string;
  state: string;
  severity: string;
  summary: string;
  activeAt: string | null;
}

export interface ScaleEvent {
  at: string;
  from: number;
  to: number;
}

// Whether alerting runs (BarberPro.Core.Live.AlertingStatus); the sentences are the server's, shown as they are.
export interface AlertingStatus {
  state: "running" | "degraded" | "stale" | "unknown";
  notes: string[];
  emptyText: string | null;
}

export interface PanelSnapshot {
  key: string;
  title: string;
  status: PanelStatus;
  asOf: string | null;
  staleSince: string | null;
  error: string | null;
  figures: Figure[];
  alerts: AlertItem[];
  scaleEvents: ScaleEvent[];
  alerting: AlertingStatus | null;
  level: Level;
}

export interface LiveSnapshot {
  version: number;
  generatedAt: string;
  pollIntervalMs: number;
  panels: PanelSnapshot[];
}

export interface SeriesLine {
  name: string;
  /// One point per step of the window; null where Prometheus had no value (a gap, drawn as one).
  points: [number, number | null][];
}

export interface SeriesResponse {
  panel: string;
  range: string;
  title: string;
  unit: string;
  stepSeconds: number;
  lines: SeriesLine[];
}
