export default {
  title: "IP ASN Kanreg VIII",
  root: "src",
  output: "dist",
  globalStylesheets: [],
  interpreters: { ".ts": [Deno.execPath(), "run", "-A"] },
  footer: "",
};
