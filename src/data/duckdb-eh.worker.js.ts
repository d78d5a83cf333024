// DuckDB-Wasm's worker script, served by the site itself (only the Eksplorasi SQL page loads it).
import { emitModuleFile } from "../../loaders/publish/site.ts";

await emitModuleFile("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js");
