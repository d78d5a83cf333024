/**
 * A small BKD's first real site (the BKPSDM of Kabupaten Sidoarjo: 14 ASN in four unit kerja, one
 * period, no settings), and the next steps up: the same BKD with two periods, and one province of
 * several instansi with one period. Each is built with scripts/build.ts in a throw-away copy of the
 * project (tests/helpers/project.ts) and every page, every report card and unit card included, is
 * read in Chromium: no console error, no request to another host, no "undefined", "NaN", "null",
 * "Infinity", "TypeError" or code-named instansi in the text, no sideways scroll on a phone; and
 * what a first export lacks (a previous period, a unit large enough to show) is said in words.
 *
 * The exports bring a wilayah.csv of the national reference's rows for their instansi: until the
 * national reference is the engine's default, a regency outside Kalimantan is otherwise named by
 * its code ("Instansi 3515").
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { tempDir } from "./helpers/fixture.ts";
import { withSite } from "./helpers/browser.ts";
import { unitsOf, type UnitSpec, writeExport, writeWilayah } from "./helpers/ekspor.ts";
import { around, brokenLinks, builtPages, type Visit, visitAll } from "./helpers/kunjungan.ts";
import { build, projectCopy } from "./helpers/project.ts";

const ROOT = new URL("../", import.meta.url).pathname;
/** The small-cell threshold the build applies (the settings, never typed here). */
const AMBANG: number = JSON.parse(
  Deno.readTextFileSync(join(ROOT, "data/publikasi.json")),
).ambang_sel_kecil;

/** Text no reader should ever meet: a value that went missing, or an error's name. */
const BUKAN_TEKS = [
  /\bundefined\b/,
  /\bNaN\b/,
  /\bnull\b/,
  /\bInfinity\b/,
  /TypeError|RuntimeError|ReferenceError/,
  /\bInstansi \d+\b/,
  /\bProvinsi \d+\b/,
];

/** Sidoarjo's four unit kerja, 14 ASN: every one below the threshold of 10. */
const SIDOARJO: UnitSpec[] = unitsOf("3515", [
  ["3515-01", "Sekretariat Daerah", 5, 0.6],
  ["3515-02", "Dinas Pendidikan", 4, 0.8],
  ["3515-03", "Dinas Kesehatan", 3, 0.5],
  ["3515-04", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 2, 0.9],
]);

/** One province: Jawa Timur's government and three of its regencies and cities. */
const JATIM: [string, number][] = [["35", 0.7], ["3515", 0.5], ["3573", 0.6], ["3578", 0.4]];

interface Situs {
  out: string;
  log: string;
  pages: string[];
}

/** A raw export written by `tulis`, built into a site in a copy of the project. */
async function bangun(prefix: string, tulis: (raw: string) => void): Promise<Situs> {
  const dir = await tempDir(prefix);
  const raw = join(dir, "raw");
  tulis(raw);
  const b = await build(projectCopy(dir), raw, dir);
  assert.ok(b.ok, b.log.slice(-4000));
  // Every page of the site and the page a reader meets at a wrong address.
  return { out: b.out, log: b.log, pages: [...builtPages(b.out), "/404"] };
}

/** What a reader must never meet on any page, at 1366×900 and on a 390×844 phone. */
async function periksaSemua(
  t: Deno.TestContext,
  browser: Browser,
  url: string,
  pages: string[],
): Promise<Visit[]> {
  const visits = await visitAll(browser, url, pages);
  await t.step("every page loads with no error and no request to another host", () => {
    assert.deepEqual(visits.flatMap((v) => v.problems), []);
  });
  await t.step("no page shows a missing value, an error or an instansi by its code", () => {
    assert.deepEqual(
      visits.flatMap((v) =>
        BUKAN_TEKS.filter((re) => re.test(v.text)).map((re) =>
          `${v.path}: ${re.source}: ${around(v.text, re)}`
        )
      ),
      [],
    );
  });
  await t.step("every link inside the site leads to a built page", () => {
    assert.deepEqual(brokenLinks(visits, pages.filter((p) => p !== "/404")), []);
  });
  await t.step("no sideways scroll on a 390×844 phone, and no error there", async () => {
    const phone = await visitAll(browser, url, pages, { width: 390, height: 844 });
    assert.deepEqual(
      phone.flatMap((v) => [
        ...v.problems,
        ...(v.overflow > 0 ? [`${v.path}: scrolls ${v.overflow} px sideways`] : []),
      ]),
      [],
    );
  });
  return visits;
}

const halaman = (visits: Visit[], path: string) => {
  const v = visits.find((x) => x.path === path);
  assert.ok(v, `${path} was visited`);
  return v.main;
};

/** The hidden-units sentence, with the threshold of the settings. */
const SEMUA_DISEMBUNYIKAN = new RegExp(
  `semua unit kerja di bawah ambang ${AMBANG} ASN disembunyikan`,
);

Deno.test({
  name: "a BKD's first site: one period, every unit kerja under the threshold",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    assert.ok(
      SIDOARJO.every((u) => u.n < AMBANG),
      "the fixture's units are all below the threshold",
    );
    const s = await bangun("ipasn-kecil-bkd1-", (raw) => {
      writeExport(raw, SIDOARJO, 3515, 0, ["2025-Q2"]);
      writeWilayah(raw, ["3515"]);
    });
    assert.match(s.log, /scope: bkd \(Pemerintah Kabupaten Sidoarjo\), 1 instansi/);
    await t.step("a report card for the BKD and one for every unit kerja", () => {
      assert.deepEqual(s.pages.filter((p) => /^\/(instansi|unit)\/./.test(p)), [
        "/instansi/3515",
        "/unit/3515-01",
        "/unit/3515-02",
        "/unit/3515-03",
        "/unit/3515-04",
      ]);
    });
    await t.step("the site ships its own region only, and no demo wording", () => {
      const file = (name: string) => {
        const f = [...Deno.readDirSync(join(s.out, "_file/data"))].find((e) =>
          e.name.startsWith(`${name}.`) && e.name.endsWith(".json")
        );
        assert.ok(f, `${name}.json is built`);
        return JSON.parse(Deno.readTextFileSync(join(s.out, "_file/data", f.name)));
      };
      assert.deepEqual(file("wilayah").map((w: { kode_instansi: string }) => w.kode_instansi), [
        "3515",
      ]);
      assert.deepEqual(file("referensi"), { resmi: [], target: [], distribusi: [] });
    });

    await withSite(s.out, async (url, browser) => {
      const visits = await periksaSemua(t, browser, url, s.pages);
      await t.step("no page speaks of the demo's region or synthetic data", () => {
        const demo = [/Kalimantan/, /Kanreg VIII/, /Kaltara/, /sintetis/];
        assert.deepEqual(
          visits.flatMap((v) =>
            demo.filter((re) => re.test(v.text)).map((re) => `${v.path}: ${around(v.text, re)}`)
          ),
          [],
        );
      });
      await t.step("Beranda: no change against itself, the units' absence said", () => {
        const b = halaman(visits, "/");
        assert.match(b, /IP ASN Pemerintah Kabupaten Sidoarjo/);
        assert.doesNotMatch(b, /Perubahan dari/);
        assert.doesNotMatch(b, /Naik dan turun/);
        assert.match(b, SEMUA_DISEMBUNYIKAN);
        assert.match(b, /garis tren tampil setelah periode berikutnya/);
      });
      await t.step("the single trend point is a dot that shows the site's average", async () => {
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
        await page.goto(`${url}/`, { waitUntil: "networkidle" });
        const rata = (await page.locator(".kartu-angka").first().textContent())!.trim();
        assert.match(rata, /^\d+,\d\d$/);
        const svg = page.locator('#observablehq-main svg[aria-label="Tren IP ASN"]');
        assert.equal(await svg.locator('circle[r="5"]').count(), 1);
        assert.deepEqual(
          (await svg.locator("text").allTextContents()).filter((x) => /^\d+,\d\d$/.test(x)),
          [rata],
        );
        await page.close();
      });
      await t.step("Peringkat, Dimensi, Tren and the cards say why no unit is shown", () => {
        for (const path of ["/peringkat", "/dimensi", "/tren", "/instansi/3515"]) {
          assert.match(halaman(visits, path), SEMUA_DISEMBUNYIKAN, path);
        }
        for (const path of ["/tren", "/instansi/3515"]) {
          assert.match(halaman(visits, path), /garis tren tampil setelah periode berikutnya/);
        }
        assert.doesNotMatch(halaman(visits, "/instansi/3515"), /Perubahan/);
        for (const u of ["/unit/3515-01", "/unit/3515-04"]) {
          assert.match(halaman(visits, u), /Nilai unit ini tidak ditampilkan/);
        }
        assert.match(halaman(visits, "/rekonsiliasi"), /Belum ada angka IP ASN yang dilaporkan/);
      });
      await t.step("a part that fails shows an Indonesian sentence, not the error", async () => {
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
        await page.goto(`${url}/peringkat`, { waitUntil: "networkidle" });
        // What Framework adds when a cell throws (its inspector's error box).
        await page.evaluate(() => {
          const d = document.createElement("div");
          d.className = "observablehq--inspect observablehq--error";
          d.textContent = "TypeError: Cannot read properties of undefined (reading 'dimensi')";
          document.getElementById("observablehq-main")!.append(d);
        });
        const box = page.locator("#observablehq-main .observablehq--error");
        await page.waitForFunction(() =>
          document.querySelector("#observablehq-main .observablehq--error")?.textContent
            ?.startsWith("Bagian ini tidak dapat ditampilkan")
        );
        assert.equal(await box.getAttribute("role"), "alert");
        await page.close();
      });
    });
  },
});

Deno.test({
  name: "the same BKD with a second period: changes shown, still no unit to show",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const s = await bangun("ipasn-kecil-bkd2-", (raw) => {
      writeExport(raw, SIDOARJO, 3515, 0, ["2024-Q2", "2025-Q2"]);
      writeWilayah(raw, ["3515"]);
    });
    await withSite(s.out, async (url, browser) => {
      const visits = await periksaSemua(t, browser, url, s.pages);
      await t.step("Beranda compares with the previous period; movers say why none", () => {
        const b = halaman(visits, "/");
        assert.match(b, /Perubahan dari Triwulan II Tahun 2024/);
        assert.match(b, /Naik dan turun terbesar sejak Triwulan II Tahun 2024/);
        assert.match(b, SEMUA_DISEMBUNYIKAN);
        assert.doesNotMatch(b, /garis tren tampil setelah/);
      });
      await t.step("the report card shows the change and a line, not a lone point", () => {
        const r = halaman(visits, "/instansi/3515");
        assert.match(r, /Perubahan dari Triwulan II Tahun 2024/);
        assert.doesNotMatch(r, /garis tren tampil setelah/);
      });
    });
  },
});

Deno.test({
  name: "one province, one period: every instansi's card, no Kanreg line that repeats it",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const s = await bangun("ipasn-kecil-prov-", (raw) => {
      const units = JATIM.flatMap(([k, mutu]) =>
        unitsOf(k, [
          [`${k}-01`, "Sekretariat Daerah", 30, mutu],
          [`${k}-02`, "Dinas Pendidikan", 20, Math.min(1, mutu + 0.2)],
          [`${k}-03`, "Inspektorat", 6, mutu],
        ])
      );
      writeExport(raw, units, 35, 0, ["2025-Q2"]);
      writeWilayah(raw, JATIM.map(([k]) => k));
    });
    assert.match(s.log, /scope: provinsi \(Provinsi Jawa Timur\), 4 instansi/);
    assert.deepEqual(
      s.pages.filter((p) => /^\/(instansi|unit)\/./.test(p)),
      JATIM.map(([k]) => `/instansi/${k}`).sort(),
    );
    await withSite(s.out, async (url, browser) => {
      const visits = await periksaSemua(t, browser, url, s.pages);
      await t.step("pages speak of Jawa Timur and its four instansi", () => {
        const b = halaman(visits, "/");
        assert.match(b, /IP ASN Provinsi Jawa Timur/);
        assert.match(b, /4 pemerintah daerah di Jawa Timur/);
        assert.doesNotMatch(b, /Perubahan dari|Naik dan turun/);
        assert.match(halaman(visits, "/peringkat"), /4 dari 4 instansi/);
        assert.match(halaman(visits, "/dimensi"), /Seperempat teratas \(1 instansi\)/);
      });
      await t.step("a card compares with its province, not with a Kanreg of one province", () => {
        const r = halaman(visits, "/instansi/3573");
        assert.match(r, /Pemerintah Kota Malang/);
        assert.match(r, /Rata-rata Jawa Timur/);
        assert.doesNotMatch(r, /Kanreg/);
        assert.match(r, /garis tren tampil setelah periode berikutnya/);
      });
    });
  },
});
