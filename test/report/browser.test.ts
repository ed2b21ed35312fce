// The report of each example in a real browser (Debian's chromium, driven by playwright-core):
// it opens without console errors, shows the counts scan's JSON gives, every clause section, the
// exempted finding in the register, renders non-blank, fits a phone's width, and prints to PDF.
// It fails in one line when the browser cannot start; it is never skipped.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, ROOT } from "../tools/helpers";

const EXECUTABLE = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

let browser: Browser;

beforeAll(async () => {
    try {
        browser = await chromium.launch({ executablePath: EXECUTABLE, args: FLAGS });
    } catch (err) {
        throw new Error(`the browser tests need chromium at ${EXECUTABLE} (apt-get install chromium): ${String((err as Error).message).split("\n")[0]}`);
    }
});

afterAll(async () => {
    await browser?.close();
});

interface JsonOut {
    findings: { policyName: string; urn: string | null; exemption: { status: string } | null; message: string }[];
    passed: { resources: unknown[] }[];
}

/** Counts derived from scan's JSON, independently of the report's model. */
function expectedCounts(out: JsonOut): { checked: number; passed: number; exempted: number } {
    const checks = new Map<string, boolean>();
    for (const f of out.findings) {
        if (!f.urn) continue;
        const k = `${f.policyName} ${f.urn}`;
        // A check is exempted only when no finding of it stands (failed or unknown).
        checks.set(k, (checks.get(k) ?? true) && f.exemption?.status === "active");
    }
    const passed = out.passed.reduce((n, p) => n + p.resources.length, 0);
    return { checked: checks.size + passed, passed, exempted: [...checks.values()].filter(Boolean).length };
}

/** The page count of a PDF: the root page tree's /Count. */
function pdfPages(pdf: Buffer): number {
    const counts = [...pdf.toString("latin1").matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
    return Math.max(0, ...counts);
}

const EXAMPLES = [
    { name: "aws-noncompliant", exempted: "debug-logs", minPages: 2 },
    { name: "alicloud-noncompliant", exempted: null, minPages: 2 },
    { name: "aws-compliant", exempted: null, minPages: 1 },
    { name: "alicloud-compliant", exempted: null, minPages: 1 },
];

describe.each(EXAMPLES)("the $name report in chromium", ({ name, exempted, minPages }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `report-browser-${name}-`));
    const generate = spawnSync(process.execPath, [CLI, `examples/${name}`, "--format", "json,html", "--output-file-path", dir + "/"], { cwd: ROOT, encoding: "utf8" });
    const htmlFile = path.join(dir, "results_html.html");
    const out = JSON.parse(fs.readFileSync(path.join(dir, "results_json.json"), "utf8")) as JsonOut;

    it("opens without console errors and shows scan's counts, every clause section and the register", async () => {
        expect(generate.stderr).toContain("wrote html");
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on("console", (m) => {
            if (m.type() === "error") errors.push(m.text());
        });
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(`file://${htmlFile}`);
        expect(errors).toEqual([]);

        const total = await page.locator('tr[data-area="total"] td').allInnerTexts();
        const [checked, passed, , exemptedCount] = total.map(Number);
        expect({ checked, passed, exempted: exemptedCount }).toEqual(expectedCounts(out));
        expect(checked).toBeGreaterThan(0);

        // Every clause in the summary has its section in an area.
        const clauses = await page.locator("tr[data-clause]").evaluateAll((rows: { getAttribute: (name: string) => string | null }[]) => rows.map((r) => r.getAttribute("data-clause")));
        expect(clauses.length).toBeGreaterThan(3);
        for (const id of clauses) expect(await page.locator(`section.clause[data-clause="${id}"]`).count(), id ?? "").toBeGreaterThan(0);

        const register = page.locator("#exemptions");
        if (exempted) await expect(register.innerText()).resolves.toContain(exempted);
        else await expect(register.innerText()).resolves.toContain("No exemptions.");
        await page.close();
    });

    it("renders non-blank and fits a phone's width", async () => {
        const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
        await page.goto(`file://${htmlFile}`);
        expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
        const png = await page.screenshot();
        // Count the non-white pixels of the screenshot in a canvas, on a blank page (the report's
        // own Content-Security-Policy allows no images, as it should).
        const blank = await browser.newPage();
        // (A string: the test is compiled for Node, without the DOM's types.)
        const inked = Number(
            await blank.evaluate(`(async (src) => {
                const img = new Image();
                img.src = src;
                await img.decode();
                const canvas = document.createElement("canvas");
                canvas.width = img.width;
                canvas.height = img.height;
                const ctx = canvas.getContext("2d");
                ctx.drawImage(img, 0, 0);
                const data = ctx.getImageData(0, 0, img.width, img.height).data;
                let n = 0;
                for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) n++;
                return n / (img.width * img.height);
            })(${JSON.stringify(`data:image/png;base64,${png.toString("base64")}`)})`),
        );
        expect(inked).toBeGreaterThan(0.02);
        await blank.close();
        await page.close();
    });

    it(`prints to a PDF of ${minPages > 1 ? "more than one page" : "at least one page"}`, async () => {
        const page = await browser.newPage();
        await page.goto(`file://${htmlFile}`);
        const pages = pdfPages(await page.pdf({ format: "A4" }));
        expect(pages).toBeGreaterThanOrEqual(minPages);
        process.stdout.write(`report ${name}: ${pages} PDF pages\n`);
        await page.close();
    });
});
