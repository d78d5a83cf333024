// Beranda's summary of the latest period: small, so the home page loads at once.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/ringkasan.json");
