// Unit test of the planner's CSV parsing (web/dashboard/plancsv.js): node --test, no browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cargoFromCsv, parseCsv, vehiclesFromCsv } from "../../web/dashboard/plancsv.js";

const HEAD = "label,category,count,gross_mass_kg,length_mm,width_mm,height_mm,mlc,axle_loads_kg,axle_spacings_mm";

test("quoted cells keep commas, doubled quotes and line breaks; blank lines are skipped", () => {
  const rows = parseCsv('a,b\n\n"x, ""y""","two\nlines"\r\nlast,1\n');
  assert.deepEqual(rows.map((r) => r.cells), [["a", "b"], ['x, "y"', "two\nlines"], ["last", "1"]]);
  assert.deepEqual(rows.map((r) => r.line), [1, 3, 5]);
});

test("a semicolon-separated file is read as such", () => {
  assert.deepEqual(parseCsv("a;b\n1;2").map((r) => r.cells), [["a", "b"], ["1", "2"]]);
});

test("good vehicle rows become vehicles with axles", () => {
  const { items, errors } = vehiclesFromCsv(HEAD + "\nHX2 8x8,wheeled,4,32000,10200,2550,3600,30,8000;8000;8000;8000,1500;3000;1500\n");
  assert.deepEqual(errors, []);
  assert.equal(items.length, 1);
  assert.deepEqual(items[0].axles, [
    { load_kg: 8000, spacing_mm: 1500 }, { load_kg: 8000, spacing_mm: 3000 }, { load_kg: 8000, spacing_mm: 1500 }, { load_kg: 8000 },
  ]);
  assert.equal(items[0].count, 4);
});

test("a bad row is named by row and column and nothing is applied", () => {
  const text = HEAD + "\nok,wheeled,1,20000,8000,2500,3000,20,10000;10000,4000\nbad,hovering,x,20000,8000,2500,3000,20,10000;10000,\n";
  const { items, errors } = vehiclesFromCsv(text);
  assert.deepEqual(items, []);
  const where = errors.map((e) => e.row + ":" + e.column + ":" + e.key);
  assert.ok(where.includes("3:category:one-of"), where.join(" "));
  assert.ok(where.includes("3:count:number"), where.join(" "));
  assert.ok(where.includes("3:axle_spacings_mm:spacing-count"), where.join(" "));
  assert.ok(!where.some((w) => w.startsWith("2:")), where.join(" "));
});

test("axle loads must add up to the gross mass within 3 %", () => {
  const { errors } = vehiclesFromCsv(HEAD + "\nx,wheeled,1,40000,8000,2500,3000,20,10000;10000,4000\n");
  assert.deepEqual(errors.map((e) => e.key), ["axle-sum"]);
});

test("a missing column is named in the header row", () => {
  const { errors } = vehiclesFromCsv("label,category\nx,wheeled\n");
  assert.ok(errors.every((e) => e.row === 1 && e.key === "missing-column"));
  assert.ok(errors.some((e) => e.column === "mlc"));
});

test("cargo lines name their vehicle from 1 and come back 0-based", () => {
  const ok = cargoFromCsv("description,un_number,quantity_kg,vehicle\nDiesel,UN 1202,900,2\nRations,,400,1\n", 2);
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.items, [
    { description: "Diesel", un_number: "1202", quantity_kg: 900, vehicle: 1 },
    { description: "Rations", quantity_kg: 400, vehicle: 0 },
  ]);
  const bad = cargoFromCsv("description,un_number,quantity_kg,vehicle\nDiesel,12O2,900,3\n", 2);
  assert.deepEqual(bad.items, []);
  assert.deepEqual(bad.errors.map((e) => [e.row, e.column, e.key]), [[2, "un_number", "un-number"], [2, "vehicle", "vehicle"]]);
});
