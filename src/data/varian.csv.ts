// Instansi means by counted population and data completeness, for reconciliation.
import { muat } from "../../loaders/publish/muatan.ts";

await muat("data/varian.csv");
