/** Measurement periods: `YYYY` (annual) or `YYYY-Qn` (quarterly), and their windows. */
import { POLA_PERIODE } from "../../src/kosakata.ts";

export interface Period {
  id: string;
  year: number;
  quarter: number | null;
  /** First day of the measurement window (ISO date). */
  start: string;
  /** Last day of the measurement window (ISO date). */
  end: string;
}

const QUARTER_END = ["03-31", "06-30", "09-30", "12-31"];

export function isPeriodId(id: string): boolean {
  return POLA_PERIODE.test(id);
}

export function parsePeriod(id: string): Period {
  const m = POLA_PERIODE.exec(id);
  if (!m) {
    throw new Error(
      `"${id}" is not a period: use YYYY (annual) or YYYY-Qn (quarterly), e.g. 2024-Q3`,
    );
  }
  const year = Number(m[1]);
  const quarter = m[2] ? Number(m[2]) : null;
  return {
    id,
    year,
    quarter,
    start: `${year}-01-01`,
    end: `${year}-${quarter ? QUARTER_END[quarter - 1] : "12-31"}`,
  };
}

/** Sort key: a period is ordered by the end of its window, annual before Q4 of the same year. */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a), pb = parsePeriod(b);
  return pa.end.localeCompare(pb.end) || (pa.quarter ?? 0) - (pb.quarter ?? 0);
}
