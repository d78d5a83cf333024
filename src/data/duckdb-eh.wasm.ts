// DuckDB-Wasm's engine, served by the site itself (only the Eksplorasi SQL page loads it).
import { emitModuleFile } from "../../loaders/publish/site.ts";

await emitModuleFile("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm");
