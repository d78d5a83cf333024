/** What a reader of a structured format (XLSX, JSON) hands to ingest. */
export interface TableRead {
  /** Number of fields of every row written. */
  width: number;
  /** The header as found (cleaned), one name per field. */
  header: string[];
  /** Field index → contract column. */
  mapping: Map<number, string>;
  ignored: string[];
  /** Records of the file (blank ones excluded). */
  records: number;
  blank: number;
  /** Records rejected before validation, with the contract column and the reason. */
  rejects: { line: number; column?: string | null; reason: string; code?: string }[];
  notes: string[];
}

/** Called for every kept record: its line (or row) number and exactly `width` text fields. */
export type RowSink = (line: number, cells: string[]) => void;
