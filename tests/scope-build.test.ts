/**
 * Issue #18 item 6: the same project builds a single-BKD site and a national one, and each loads in
 * Chromium with no console error, no request to another host and no wording from another scope
 * (the kanreg8 demo is tests/build.test.ts's). Each scope is built once, from a tiny export written
 * here (two periods, a few hundred ASN), with scripts/build.ts.
 *
 * Every build runs in a throw-away copy of the project (node_modules linked): Framework keeps its
 * loader cache in src/.observablehq/cache and the settings are data/situs.json, both shared by
 * anyone building in the working tree at the same time; the copy costs a second and keeps this test
 * from wiping someone else's cache, or reading their settings.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { tempDir } from "./helpers/fixture.ts";
import { withSite } from "./helpers/browser.ts";
import { twoUnitsEach, unitsOf, type UnitSpec, writeExport } from "./helpers/ekspor.ts";
import { around, brokenLinks, builtPages, type Visit, visitAll } from "./helpers/kunjungan.ts";
import { build, projectCopy } from "./helpers/project.ts";

const ROOT = new URL("../", import.meta.url).pathname;
/** Wording that belongs to the Kanreg VIII demo, never to another scope's pages. */
const KANREG8_WORDS = [
  /Kanreg VIII/,
  /Kantor Regional VIII/,
  /Kalimantan Selatan, Tengah/,
  /46 instansi/,
];

/**
 * Wording from the Kanreg VIII demo on pages this test's author does not own (reported to the lead
 * for their owners; remove an entry once its page follows the scope): Data's glossary example and
 * the reported 2024-Q3 distribution, Eksplorasi's example query title, Rekonsiliasi's list of every
 * reported figure (Kalimantan instansi absent from the data), and Simulasi / Perbandingan ranking
 * the one instansi of a BKD site ("1 dari 1").
 */
const ELSEWHERE: { path: string; word: RegExp }[] = [];

function wordingFromElsewhere(v: Visit, words: RegExp[]): string[] {
  const known = (re: RegExp) =>
    ELSEWHERE.some((e) => e.path === v.path && e.word.source === re.source);
  return words.filter((re) => re.test(v.text) && !known(re)).map((re) =>
    `${v.path}: says ${re.source}: ${around(v.text, re)}`
  );
}

/**
 * Every page visited, as steps of `t`: each loads with no error and no request to another host,
 * each link inside the site leads to a built page, and on a phone no page scrolls sideways.
 */
async function visitClean(
  t: Deno.TestContext,
  browser: Browser,
  url: string,
  pages: string[],
): Promise<Visit[]> {
  const visits = await visitAll(browser, url, pages);
  await t.step("every page loads with no error and no request to another host", () => {
    assert.deepEqual(visits.flatMap((v) => v.problems), []);
  });
  await t.step("every link inside the site leads to a built page", () => {
    assert.deepEqual(brokenLinks(visits, pages), []);
  });
  // Every page again on a phone, every report card and unit card included.
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

// ----- single BKD: Kota Bontang, six unit kerja (one below the small-cell threshold) -----

export const BKD_UNITS: UnitSpec[] = unitsOf("6474", [
  ["U01", "Dinas Pendidikan", 60, 0.8],
  ["U02", "Dinas Kesehatan", 50, 0.6],
  ["U03", "Badan Kepegawaian dan Pengembangan SDM", 30, 0.9],
  ["U04", "Dinas Pekerjaan Umum", 40, 0.3],
  ["U05", "Sekretariat Daerah", 35, 0.5],
  ["U06", "Kecamatan Bontang Barat", 6, 0.5],
]);

Deno.test({
  name: "single-BKD build: unit kerja are the entities, no page names another scope",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const dir = await tempDir("ipasn-scope-bkd-");
    const raw = join(dir, "raw");
    writeExport(raw, BKD_UNITS, 6474, 0);
    const copy = projectCopy(dir);
    const b = await build(copy, raw, dir);
    assert.ok(b.ok, b.log.slice(-4000));
    assert.match(b.log, /scope: bkd \(Pemerintah Kota Bontang\), 1 instansi/);

    const pages = builtPages(b.out);
    await t.step("the unit report cards are routes from the data", () => {
      const units = pages.filter((p) => p.startsWith("/unit/") && p !== "/unit/");
      // U06 (6 ASN) has a card too, which shows no values (checked in the browser below).
      assert.deepEqual(units, [
        "/unit/U01",
        "/unit/U02",
        "/unit/U03",
        "/unit/U04",
        "/unit/U05",
        "/unit/U06",
      ]);
      assert.deepEqual(pages.filter((p) => /^\/instansi\/./.test(p)), ["/instansi/6474"]);
    });

    await withSite(b.out, async (url, browser) => {
      const visits = await visitClean(t, browser, url, pages);
      await t.step("no page names another scope or ranks one instansi", () => {
        const bad = visits.flatMap((v) => [
          ...wordingFromElsewhere(v, [
            ...KANREG8_WORDS,
            /Kalimantan Selatan/,
            /peringkat 1 dari 1\b/i,
            /1 dari 1 instansi/,
          ]),
        ]);
        assert.deepEqual(bad, []);
      });
      await t.step("the card of a unit below the threshold shows no values", () => {
        const v = visits.find((x) => x.path === "/unit/U06")!;
        assert.match(v.text, /tidak ditampilkan/);
        assert.doesNotMatch(v.text, /IP ASN Triwulan/);
      });
      await t.step("Beranda, Peringkat, Tren and Dimensi compare unit kerja", () => {
        for (const path of ["/", "/peringkat", "/tren", "/dimensi"]) {
          const v = visits.find((x) => x.path === path)!;
          assert.match(v.text, /unit kerja/i, `${path} speaks of unit kerja`);
          assert.match(v.text, /Dinas Pendidikan|Dinas Kesehatan/, `${path} shows units`);
        }
        const beranda = visits.find((x) => x.path === "/")!.text;
        assert.match(beranda, /Unit kerja per kategori/);
        assert.doesNotMatch(beranda, /Instansi per kategori/);
      });
      await t.step("a unit shown on Peringkat has its report card", async () => {
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
        await page.goto(`${url}/peringkat`, { waitUntil: "networkidle" });
        const link = page.locator('#observablehq-main a[href*="unit/U0"]').first();
        const href = await link.getAttribute("href");
        assert.ok(href, "Peringkat links a unit to its report card");
        await link.click();
        await page.waitForURL(/\/unit\/U0\d/);
        await page.waitForFunction(() =>
          /Dinas|Badan|Sekretariat/.test(
            document.querySelector("#observablehq-main h1")?.textContent ?? "",
          )
        );
        await page.close();
      });
    });
    await Deno.remove(dir, { recursive: true });
  },
});

// ----- national: six regional instansi in three provinces, and two central agencies -----

export const NASIONAL_INSTANSI: [string, string, number][] = [
  ["11", "Aceh", 0.7],
  ["1171", "Kota Banda Aceh", 0.5],
  ["51", "Bali", 0.8],
  ["5171", "Kota Denpasar", 0.4],
  ["5103", "Kabupaten Badung", 0.6],
  ["6474", "Kota Bontang", 0.5],
  // Central agencies (data/reference/instansi-pusat.csv): no province, a group of their own.
  ["3005", "Kementerian Keuangan", 0.9],
  ["4011", "Badan Kepegawaian Negara", 0.3],
];

Deno.test({
  name:
    "national build: every instansi has a report card, the tile map drills down, no Kalimantan wording",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const dir = await tempDir("ipasn-scope-nasional-");
    const raw = join(dir, "raw");
    const units = twoUnitsEach(
      NASIONAL_INSTANSI.map(([kode, , mutu]) => [kode, mutu]),
      ["Dinas Pendidikan", "Dinas Kesehatan"],
    );
    writeExport(raw, units, 99, 0);
    // The national reference beside the raw data (what a national export brings).
    Deno.copyFileSync(
      join(ROOT, "data/reference/wilayah-nasional.csv"),
      join(raw, "wilayah.csv"),
    );
    const copy = projectCopy(dir);
    const b = await build(copy, raw, dir);
    assert.ok(b.ok, b.log.slice(-4000));
    assert.match(b.log, /scope: nasional \(3 provinsi dan instansi pusat\), 8 instansi/);

    const pages = builtPages(b.out);
    await t.step("a report card for every instansi in the data, and no other", () => {
      assert.deepEqual(
        pages.filter((p) => /^\/instansi\/./.test(p)),
        NASIONAL_INSTANSI.map(([k]) => `/instansi/${k}`).sort(),
      );
      assert.deepEqual(pages.filter((p) => /^\/unit\/./.test(p)), []);
    });

    await withSite(b.out, async (url, browser) => {
      const visits = await visitClean(t, browser, url, pages);
      await t.step(
        "a report card compares with its Kanreg's average where the reference names it",
        () => {
          // Kota Bontang (Kalimantan Timur → Kanreg VIII): the Kanreg's average from its one province
          // in the data; Kabupaten Badung (Bali, no sourced Kanreg): none.
          const bontang = visits.find((x) => x.path === "/instansi/6474")!;
          assert.match(bontang.text, /rata-rata Kanreg VIII [\d,]+ \(1 provinsi dalam data\)/);
          assert.doesNotMatch(visits.find((x) => x.path === "/instansi/5103")!.text, /Kanreg/);
        },
      );
      await t.step("a central agency's card names its group and compares with no province", () => {
        const v = visits.find((x) => x.path === "/instansi/3005")!;
        assert.match(v.text, /instansi pusat \(kementerian\/lembaga\) · kode instansi BKN 3005/);
        assert.doesNotMatch(v.text, /kode Kemendagri|Rata-rata (Aceh|Bali|Kalimantan)|Kanreg/);
        assert.match(v.text, /Rata-rata 3 provinsi dan instansi pusat/);
        // Ranked among the central agencies too (Kementerian Keuangan's mutu 0.9 is above BKN's 0.3).
        assert.match(v.text, /Peringkat di antara instansi pusat\s+1\s+dari 2 instansi/);
        assert.match(v.text, /dan 1 di antara instansi pusat/);
      });
      await t.step("Peringkat offers the central agencies as a Jenis of their own", async () => {
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
        await page.goto(`${url}/peringkat?jenis=pusat`, { waitUntil: "networkidle" });
        await page.waitForFunction(() =>
          document.querySelectorAll("table.tabel-data tbody tr").length === 2
        );
        const names = await page.locator("table.tabel-data tbody tr").allTextContents();
        assert.ok(names.some((n) => n.includes("Kementerian Keuangan")), names.join(" | "));
        assert.ok(names.some((n) => n.includes("Badan Kepegawaian Negara")), names.join(" | "));
        // The instansi tile map (no province chosen, Jenis pusat): their own block, by its label.
        const svg = await page.locator("#observablehq-main svg").last().textContent();
        assert.match(svg ?? "", /Instansi pusat/);
        await page.close();
      });
      await t.step("no page speaks of Kanreg VIII or Kalimantan as the site's area", () => {
        assert.deepEqual(
          visits.flatMap((v) =>
            wordingFromElsewhere(v, [
              // A Kalimantan Timur card compares with "Rata-rata Kanreg VIII": its Kanreg, not the site's.
              ...KANREG8_WORDS.map((re) =>
                re.source === "Kanreg VIII" ? /(?<!rata-rata )Kanreg VIII/i : re
              ),
              /di Kalimantan/,
              /Kalimantan Tengah/,
              // Kota Bontang is Kalimantan Timur's only instansi here: no rank "1 of 1" there.
              /1 dari 1 instansi/,
            ])
          ),
          [],
        );
      });
      await t.step("Peringkat's tile map shows one tile per province and drills down", async () => {
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
        await page.goto(`${url}/peringkat`, { waitUntil: "networkidle" });
        // Plot writes SVG links as xlink:href.
        const hrefsOf = (sel: string) =>
          page.locator(sel).evaluateAll((as) =>
            as.map((a) => a.getAttribute("href") ?? a.getAttribute("xlink:href") ?? "")
          );
        await page.locator("#observablehq-main svg a").first().waitFor({ timeout: 10_000 });
        const tiles = await hrefsOf("#observablehq-main svg a");
        // Aceh (11), Bali (51) and Kalimantan Timur (64): the provinces of the data, no others.
        assert.deepEqual(
          tiles.map((h) => new URL(h, "http://x").searchParams.get("provinsi")).sort(),
          ["11", "51", "64"],
        );
        await page.locator("#observablehq-main svg a").nth(
          tiles.findIndex((h) => h.includes("provinsi=51")),
        )
          .click();
        await page.waitForFunction(() => location.search.includes("provinsi=51"));
        // Bali's three instansi, as tiles that open their report cards.
        await page.waitForFunction(() =>
          [...document.querySelectorAll("#observablehq-main svg a")].some((a) =>
            (a.getAttribute("href") ?? a.getAttribute("xlink:href") ?? "").includes("instansi/")
          )
        );
        const kode = (await hrefsOf("#observablehq-main svg a")).map((h) => h.split("/").at(-1))
          .sort();
        assert.deepEqual(kode, ["51", "5103", "5171"]);
        assert.equal(await page.locator("table.tabel-data tbody tr").count(), 3);
        await page.close();
      });
    });
    await t.step(
      "the data files are written once, by the build, and Framework runs no loader",
      () => {
        assert.match(b.log, /data files: \d+ made, 0 unchanged/);
        // Framework copied files it found in src/data: it ran no loader (a loader's output is logged
        // [missing], [stale] or [fresh]), and its cache holds no data file.
        const fw = Deno.readTextFileSync(join(copy, "src/.observablehq/build.log"));
        assert.doesNotMatch(fw, /\[(missing|stale|fresh)\]/);
        assert.ok(!existsSync(join(copy, "src/.observablehq/cache/data")));
        assert.ok(existsSync(join(copy, "src/data/situs.json")));
      },
    );
    await t.step(
      "a rebuild with nothing changed keeps the site; a changed page rebuilds",
      async () => {
        const before = Deno.readTextFileSync(join(b.out, "index.html"));
        const again = await build(copy, raw, dir);
        assert.ok(again.ok, again.log.slice(-2000));
        assert.match(again.log, /nothing changed since the last build/);
        assert.doesNotMatch(again.log, /building the public site/);
        assert.equal(Deno.readTextFileSync(join(b.out, "index.html")), before);
        Deno.writeTextFileSync(
          join(copy, "src/metodologi.md"),
          Deno.readTextFileSync(join(copy, "src/metodologi.md")) + "\n<!-- diubah -->\n",
        );
        const changed = await build(copy, raw, dir);
        assert.ok(changed.ok, changed.log.slice(-2000));
        assert.match(changed.log, /building the public site/);
        assert.match(changed.log, /data files: 0 made/);
      },
    );
    await Deno.remove(dir, { recursive: true });
  },
});

// ----- central agencies only: three kementerian / lembaga, no province -----

export const PUSAT_INSTANSI: [string, number][] = [
  ["3005", 0.8],
  ["3012", 0.5],
  ["4011", 0.6],
];

Deno.test({
  name: "central-agencies build: its own scope, no province and no regional wording",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const dir = await tempDir("ipasn-scope-pusat-");
    const raw = join(dir, "raw");
    const units = twoUnitsEach(PUSAT_INSTANSI, ["Inspektorat Jenderal", "Sekretariat Jenderal"]);
    writeExport(raw, units, 3005, 0);
    const copy = projectCopy(dir);
    const b = await build(copy, raw, dir);
    assert.ok(b.ok, b.log.slice(-4000));
    assert.match(b.log, /scope: pusat \(Instansi Pusat\), 3 instansi/);
    assert.doesNotMatch(b.log, /not in data\/reference/, "central agencies are in the reference");

    const pages = builtPages(b.out);
    await t.step("a report card for every agency in the data", () => {
      assert.deepEqual(
        pages.filter((p) => /^\/instansi\/./.test(p)),
        ["/instansi/3005", "/instansi/3012", "/instansi/4011"],
      );
    });
    await withSite(b.out, async (url, browser) => {
      const visits = await visitClean(t, browser, url, pages);
      await t.step("pages speak of the central agencies, never of a region", () => {
        const beranda = visits.find((x) => x.path === "/")!.text;
        assert.match(beranda, /IP ASN Instansi Pusat/);
        assert.match(beranda, /3 instansi/);
        const card = visits.find((x) => x.path === "/instansi/3012")!.text;
        assert.match(card, /Kementerian Agama/);
        assert.match(card, /Rata-rata instansi pusat/);
        assert.deepEqual(
          visits.flatMap((v) =>
            wordingFromElsewhere(v, [
              ...KANREG8_WORDS,
              /Kalimantan/,
              // A count of regional governments (Beranda on a regional site); the glossary may name them.
              /\d+ pemerintah daerah/,
              /Rata-rata nasional/,
              /Semua provinsi/,
              /kode Kemendagri/,
            ])
          ),
          [],
        );
      });
    });
    await Deno.remove(dir, { recursive: true });
  },
});
