// A length of time for a person, to the second, in its two largest units: "0 s", "45 s",
// "1 min 20 s", "2 h 5 min". For the waits of pp accounts wait and resync --wait.

export function elapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}
