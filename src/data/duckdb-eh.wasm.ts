// DuckDB-Wasm's engine, served by the site itself (only the Eksplorasi SQL page loads it).
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/duckdb-eh.wasm");
