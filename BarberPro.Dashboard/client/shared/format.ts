// Formatting shared by the client modules. Times are shown in Argentina time, as on the server-rendered page.
const artTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "America/Argentina/Buenos_Aires",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

export function formatArtTime(iso: string | Date): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return Number.isNaN(date.getTime()) ? "" : artTime.format(date);
}

const artAxis = new Intl.DateTimeFormat("en-GB", {
  timeZone: "America/Argentina/Buenos_Aires",
  day: "2-digit",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/// Chart axis labels, in Argentina time like every other time on the page.
export function formatArtAxis(epochMs: number): string {
  return Number.isFinite(epochMs) ? artAxis.format(new Date(epochMs)) : "";
}
