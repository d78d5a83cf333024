/** Column order of the generated files: the contract's canonical columns. */
import { columns, TABLE_NAMES, type TableName } from "../engine/contract.ts";
export type { TableName };
export const HEADERS_OF = Object.fromEntries(
  TABLE_NAMES.map((t) => [t, columns(t).map((c) => c.name)]),
) as Record<TableName, string[]>;
