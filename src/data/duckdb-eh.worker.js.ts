// DuckDB-Wasm's worker script, served by the site itself (only the Eksplorasi SQL page loads it).
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/duckdb-eh.worker.js");
