/**
 * Column order of the generated files: the contract's canonical columns (not the source-only
 * columns a dialect may bring, which the generator never fills).
 */
import { columns, TABLE_NAMES, type TableName } from "../engine/contract.ts";
export type { TableName };
export const HEADERS_OF = Object.fromEntries(
  TABLE_NAMES.map((t) => [t, columns(t).filter((c) => !c.sumberSaja).map((c) => c.name)]),
) as Record<TableName, string[]>;
