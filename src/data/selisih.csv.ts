// BKN's official results against the computed methods, per instansi and dimension (small cells
// hidden): loaders/publish/site.ts.
import { kolomTabel } from "../keluaran.ts";
import { emit, selisihRows, toCsv } from "../../loaders/publish/site.ts";

const rows = await selisihRows();
await emit(rows.length ? toCsv(rows) : kolomTabel("selisih_instansi", []).join(",") + "\n");
