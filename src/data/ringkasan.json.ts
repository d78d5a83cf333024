// Beranda's summary of the latest period: small, so the home page loads at once.
import { emit, ringkasan } from "../../loaders/publish/site.ts";

await emit(JSON.stringify(await ringkasan()));
