// The planner's bulk entry: vehicles and cargo lines from CSV text (pasted or uploaded).
//
// Pure functions, no DOM: they return the rows as the form's vehicles or cargo lines, or every
// row error (row number as a spreadsheet counts it, the header being row 1; the column; a
// message key with its arguments for the page to translate). The page applies nothing unless
// there is no error at all.
//
// Vehicles: label,category,count,gross_mass_kg,length_mm,width_mm,height_mm,mlc,axle_loads_kg,axle_spacings_mm
//   axle_loads_kg front to back separated by ";" (at least two); axle_spacings_mm one fewer.
//   Optional columns: configuration, adr_vehicle_type, permissible_mass_kg.
// Cargo: description,un_number,quantity_kg,vehicle
//   vehicle: the vehicle's number in the form (1 the first); un_number may be empty.
//   Optional columns: litres, net_explosive_mass_kg.

/** Column sets, in the documented order. */
export const VEHICLE_COLUMNS = ["label", "category", "count", "gross_mass_kg", "length_mm", "width_mm", "height_mm", "mlc", "axle_loads_kg", "axle_spacings_mm"];
export const VEHICLE_OPTIONAL = ["configuration", "adr_vehicle_type", "permissible_mass_kg"];
export const CARGO_COLUMNS = ["description", "un_number", "quantity_kg", "vehicle"];
export const CARGO_OPTIONAL = ["litres", "net_explosive_mass_kg"];

/** The most data rows one paste may hold (the submission's own bounds: 200 vehicles, 500 lines). */
export const MAX_ROWS = { vehicles: 200, cargo: 500 };

/**
 * Splits CSV text into rows of cells (RFC 4180: quoted cells may hold commas, quotes doubled,
 * line breaks); a semicolon-separated file (as spreadsheets in de, fr and pl write it) is read
 * when the header has semicolons and no comma. Blank lines are skipped; each row keeps its line.
 */
export function parseCsv(text) {
  const src = String(text || "").replace(/^\uFEFF/, "");
  const firstLine = src.split(/\r?\n/, 1)[0] || "";
  const sep = firstLine.includes(",") || !firstLine.includes(";") ? "," : ";";
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === "\n") line++; cell += c; }
      continue;
    }
    if (c === '"' && cell === "") quoted = true;
    else if (c === sep) { row.push(cell); cell = ""; }
    else if (c === "\r") { /* CR of CRLF */ }
    else if (c === "\n") {
      row.push(cell);
      if (row.some((x) => x.trim() !== "")) rows.push({ line: rowLine, cells: row });
      row = []; cell = ""; line++; rowLine = line;
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x.trim() !== "")) rows.push({ line: rowLine, cells: row });
  return rows;
}

function header(rows, required, optional, errors) {
  if (rows.length === 0) {
    errors.push({ row: 1, column: "", key: "empty", args: {} });
    return null;
  }
  const names = rows[0].cells.map((h) => h.trim().toLowerCase());
  const index = {};
  names.forEach((n, i) => { if (n) index[n] = i; });
  for (const col of required) {
    if (!(col in index)) errors.push({ row: 1, column: col, key: "missing-column", args: { columns: required.join(", ") } });
  }
  for (const n of names) {
    if (n && !required.includes(n) && !optional.includes(n)) errors.push({ row: 1, column: n, key: "unknown-column", args: {} });
  }
  return errors.length ? null : index;
}

function wholeNumber(s, min, max) {
  const t = String(s).trim().replace(/[\s\u00a0\u202f_]/g, "");
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

function reader(index, r, errors) {
  const cell = (col) => (col in index ? (r.cells[index[col]] || "").trim() : "");
  const err = (column, key, args) => errors.push({ row: r.line, column, key, args: args || {} });
  const number = (col, min, max, optional) => {
    const v = cell(col);
    if (v === "") {
      if (!optional) err(col, "required");
      return undefined;
    }
    const n = wholeNumber(v, min, max);
    if (n === null) err(col, "number", { min, max });
    return n === null ? undefined : n;
  };
  return { cell, err, number };
}

/** Vehicles from CSV text: `{ items, errors }`; `items` is empty whenever `errors` is not. */
export function vehiclesFromCsv(text) {
  const rows = parseCsv(text);
  const errors = [];
  const index = header(rows, VEHICLE_COLUMNS, VEHICLE_OPTIONAL, errors);
  if (!index) return { items: [], errors };
  if (rows.length - 1 > MAX_ROWS.vehicles) {
    return { items: [], errors: [{ row: rows[MAX_ROWS.vehicles + 1].line, column: "", key: "too-many-rows", args: { max: MAX_ROWS.vehicles } }] };
  }
  if (rows.length === 1) return { items: [], errors: [{ row: 2, column: "", key: "no-rows", args: {} }] };
  const items = [];
  for (const r of rows.slice(1)) {
    const { cell, err, number } = reader(index, r, errors);
    const label = cell("label");
    if (!label) err("label", "required");
    else if (label.length > 120) err("label", "too-long", { max: 120 });
    const category = cell("category").toLowerCase();
    if (category !== "wheeled" && category !== "tracked") err("category", "one-of", { values: "wheeled, tracked" });
    const v = {
      label,
      category,
      count: number("count", 1, 2000),
      gross_mass_kg: number("gross_mass_kg", 100, 500000),
      length_mm: number("length_mm", 500, 60000),
      width_mm: number("width_mm", 500, 10000),
      height_mm: number("height_mm", 500, 10000),
      mlc: number("mlc", 1, 150),
    };
    const loads = cell("axle_loads_kg").split(/[;|]/).map((x) => x.trim()).filter((x) => x !== "");
    const spacings = cell("axle_spacings_mm").split(/[;|]/).map((x) => x.trim()).filter((x) => x !== "");
    if (loads.length < 2 || loads.length > 24) err("axle_loads_kg", "axle-count");
    else if (spacings.length !== loads.length - 1) err("axle_spacings_mm", "spacing-count", { n: loads.length - 1 });
    const axles = [];
    loads.forEach((l, i) => {
      const load = wholeNumber(l, 1, 60000);
      if (load === null) err("axle_loads_kg", "axle-number", { axle: i + 1, min: 1, max: 60000 });
      const axle = { load_kg: load };
      if (i < loads.length - 1 && spacings[i] !== undefined) {
        const sp = wholeNumber(spacings[i], 1, 20000);
        if (sp === null) err("axle_spacings_mm", "axle-number", { axle: i + 1, min: 1, max: 20000 });
        axle.spacing_mm = sp;
      }
      axles.push(axle);
    });
    v.axles = axles;
    const configuration = cell("configuration").toLowerCase();
    if (configuration) {
      if (["rigid", "articulated", "road_train"].includes(configuration)) v.configuration = configuration;
      else err("configuration", "one-of", { values: "rigid, articulated, road_train" });
    }
    const adr = cell("adr_vehicle_type").toUpperCase();
    if (adr) {
      if (["EX/II", "EX/III", "FL", "AT"].includes(adr)) v.adr_vehicle_type = adr;
      else err("adr_vehicle_type", "one-of", { values: "EX/II, EX/III, FL, AT" });
    }
    const pm = number("permissible_mass_kg", 100, 500000, true);
    if (pm !== undefined) v.permissible_mass_kg = pm;
    if (v.gross_mass_kg && axles.length >= 2 && axles.every((a) => a.load_kg)) {
      const sum = axles.reduce((s, a) => s + a.load_kg, 0);
      if (Math.abs(sum - v.gross_mass_kg) * 1000 > v.gross_mass_kg * 30) err("axle_loads_kg", "axle-sum", { sum, gross: v.gross_mass_kg });
    }
    items.push(v);
  }
  return errors.length ? { items: [], errors } : { items, errors };
}

/**
 * Cargo lines from CSV text, for a form holding `vehicleCount` vehicles (CSV numbers them from
 * 1; the lines come back with the submission's 0-based `vehicle` index).
 */
export function cargoFromCsv(text, vehicleCount) {
  const rows = parseCsv(text);
  const errors = [];
  const index = header(rows, CARGO_COLUMNS, CARGO_OPTIONAL, errors);
  if (!index) return { items: [], errors };
  if (rows.length - 1 > MAX_ROWS.cargo) {
    return { items: [], errors: [{ row: rows[MAX_ROWS.cargo + 1].line, column: "", key: "too-many-rows", args: { max: MAX_ROWS.cargo } }] };
  }
  if (rows.length === 1) return { items: [], errors: [{ row: 2, column: "", key: "no-rows", args: {} }] };
  const items = [];
  for (const r of rows.slice(1)) {
    const { cell, err, number } = reader(index, r, errors);
    const description = cell("description");
    if (!description) err("description", "required");
    else if (description.length > 200) err("description", "too-long", { max: 200 });
    const line = { description, quantity_kg: number("quantity_kg", 1, 1000000) };
    const un = cell("un_number").replace(/^UN\s*/i, "");
    if (un) {
      if (/^\d{4}$/.test(un)) line.un_number = un;
      else err("un_number", "un-number");
    }
    const vehicle = cell("vehicle");
    const vn = wholeNumber(vehicle, 1, Math.max(1, vehicleCount));
    if (vehicle === "") err("vehicle", "required");
    else if (vn === null || vehicleCount < 1) err("vehicle", "vehicle", { n: vehicleCount });
    else line.vehicle = vn - 1;
    const litres = number("litres", 1, 1000000, true);
    if (litres !== undefined) line.litres = litres;
    const nem = number("net_explosive_mass_kg", 0, 1000000, true);
    if (nem !== undefined) {
      line.net_explosive_mass_kg = nem;
      if (line.quantity_kg !== undefined && nem > line.quantity_kg) err("net_explosive_mass_kg", "nem-above-quantity");
      if (!line.un_number) err("un_number", "un-for-nem");
    }
    items.push(line);
  }
  return errors.length ? { items: [], errors } : { items, errors };
}
