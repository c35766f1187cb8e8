// fobrig's workshop page: plain JavaScript, no build step, nothing fetched from elsewhere.
// Pages are hash routes (#/rig, #/run, #/runs, #/runs/ID, #/campaign, #/fobs); the API is the
// control protocol's requests (GET reads, POST changes) and /api/events carries its events.
"use strict";

const state = {
  session: { read_only: true, token_required: false, formats: [] },
  token: sessionStorage.getItem("fobrig-token") || "",
  status: null,
  live: null, // the run being followed: its events as they come
  campaign: null, // the last campaign event
  campaignProgress: null, // the going campaign's last progress event
  countdown: null,
  edgeArrivals: [], // [edge event, Date.now() at arrival]: for measuring the page's delay
};
window.fobrig = state;

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (key === "onclick" || key === "onsubmit" || key === "oninput" || key === "onchange") {
      node[key] = value;
    } else if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(key, value === true ? "" : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

function showMessage(text) {
  const box = document.getElementById("message");
  box.textContent = text;
  if (text) {
    setTimeout(() => { if (box.textContent === text) box.textContent = ""; }, 8000);
  }
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!body.ok && body.ok !== undefined) throw new Error(body.message || response.statusText);
  return body;
}

async function post(name, fields) {
  const headers = { "Content-Type": "application/json" };
  if (state.token) headers["X-Fobrig-Token"] = state.token;
  const response = await fetch("/api/" + name, {
    method: "POST", headers, body: JSON.stringify(fields || {}),
  });
  const body = await response.json();
  if (!body.ok) {
    showMessage((body.field ? body.field + ": " : "") + (body.message || response.statusText));
    throw new Error(body.message);
  }
  showMessage("");
  return body;
}

// "1,2,5-7" as [1,2,5,6,7]; throws naming the field for anything else.
function numbers(text, field) {
  const out = [];
  for (const part of text.split(",").map((p) => p.trim()).filter((p) => p)) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) throw new Error(field + ": '" + part + "' is not a number or a range like 3-8");
    const from = Number(match[1]);
    const to = match[2] ? Number(match[2]) : from;
    for (let n = from; n <= to; n++) out.push(n);
  }
  return out;
}

// "1=owner-A,2=spare" as {"1": "owner-A", "2": "spare"}.
function labels(text) {
  const out = {};
  for (const part of text.split(",").map((p) => p.trim()).filter((p) => p)) {
    const at = part.indexOf("=");
    if (at < 1) throw new Error("labels: '" + part + "' is not SLOT=LABEL");
    out[part.slice(0, at)] = part.slice(at + 1);
  }
  return out;
}

// ---- live events -------------------------------------------------------------------------

function connectEvents() {
  const socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") +
                               location.host + "/api/events");
  const connection = document.getElementById("connection");
  socket.onopen = () => { connection.textContent = "live"; };
  socket.onclose = () => {
    connection.textContent = "reconnecting…";
    setTimeout(connectEvents, 1000);
  };
  socket.onmessage = (message) => onEvent(JSON.parse(message.data));
}

function onEvent(event) {
  const type = event.event;
  if (type === "status") {
    state.status = event;
    if (event.run && !state.live) {
      state.live = { id: event.run.id, procedure: event.run.procedure, step: event.run.step,
                     edges: [], sensed: [], checks: [], prompt: null, verdict: null };
    }
  } else if (type === "run-started") {
    state.live = { id: event.run, procedure: event.procedure, t0_mono_ns: event.t0_mono_ns,
                   step: null, edges: [], sensed: [], checks: [], prompt: null, verdict: null };
    if (state.status) state.status.busy = true;
  } else if (state.live && event.run === state.live.id) {
    if (type === "step") {
      state.live.step = event;
    } else if (type === "prompt") {
      state.live.prompt = Object.assign({ deadline: Date.now() + event.seconds_left * 1000 }, event);
    } else if (type === "car-clock" && state.live.prompt) {
      // The car's own clock started (or was met): the countdown follows it.
      state.live.prompt.car = { what: event.what,
        deadline: "seconds_left" in event ? Date.now() + event.seconds_left * 1000 : null };
    } else if (type === "counted" && state.live.prompt) {
      // One more turn of a counted step: "5 of 8".
      state.live.prompt.done = event.done;
      state.live.prompt.count = event.count;
    } else if (type === "operator-done") {
      state.live.prompt = null;
    } else if (type === "edge") {
      state.edgeArrivals.push([event, Date.now()]);
      state.live.edges.push(event);
    } else if (type === "sensed") {
      state.live.sensed.push(event);
    } else if (type === "confirmation") {
      state.live.checks.push(event);
    } else if (type === "verdict") {
      state.live.verdict = event;
      state.live.prompt = null;
      if (state.status) state.status.busy = false;
    }
  }
  if (type === "campaign-progress") {
    state.campaignProgress = event;
  }
  if (type === "campaign") {
    state.campaign = event;
    state.campaignProgress = null;
    if (state.status) state.status.busy = false;
  }
  refreshLive(type);
}

// Redraws what depends on events without rebuilding the page the user is typing in.
function refreshLive(type) {
  const page = currentPage();
  if (page === "run") {
    renderRunLive();
  } else if (page === "rig" && (type === "status" || type === "run-started" ||
                                type === "verdict" || type === "campaign")) {
    renderRigStatus();
  } else if (page === "campaign") {
    renderCampaign();
  }
}

// ---- pages -------------------------------------------------------------------------------

function currentPage() {
  const hash = location.hash.replace(/^#\/?/, "");
  return hash.split("/")[0] || "rig";
}

function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const parts = hash.split("/");
  const page = parts[0] || "rig";
  for (const link of document.querySelectorAll("nav a")) {
    link.classList.toggle("current", link.dataset.page === page);
    if (link.dataset.page === page) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const main = document.getElementById("page");
  main.replaceChildren();
  if (page === "runs" && parts[1]) renderRunDetail(main, decodeURIComponent(parts[1]));
  else if (page === "runs") renderRuns(main);
  else if (page === "run") renderRun(main);
  else if (page === "campaign") renderCampaignPage(main);
  else if (page === "fobs") renderFobs(main, parts[1] ? decodeURIComponent(parts[1]) : "");
  else renderRig(main);
}

function renderRig(main) {
  main.append(el("h1", {}, "Rig"), el("div", { id: "rig-status" }));
  renderRigStatus();
  if (state.session.read_only) {
    main.append(el("p", { class: "readonly-note" }, "This page is read-only."));
    return;
  }
  const form = el("form", { "aria-label": "Start a run", id: "start-form" },
    el("h2", {}, "Start a run"),
    el("label", {}, "What: ", el("select", { id: "mode", name: "mode" },
      el("option", { value: "program" }, "program (then verify)"),
      el("option", { value: "verify" }, "verify only"))),
    el("label", {}, "Procedure: ", el("input", { id: "procedure", name: "procedure",
                                                 value: "mini-r50-2004", required: true })),
    el("label", {}, "Slots (e.g. 1,2; empty: every slot): ",
       el("input", { id: "slots", name: "slots" })),
    el("label", {}, "Labels (e.g. 1=owner-A,2=spare-B): ",
       el("input", { id: "labels", name: "labels" })),
    el("label", {}, "Key type (empty: the procedure's): ",
       el("input", { id: "key-type", name: "key_type" })),
    el("button", { type: "submit", class: "primary", id: "start" }, "Start"));
  form.onsubmit = async (submit) => {
    submit.preventDefault();
    try {
      const fields = { procedure: form.procedure.value.trim() };
      const slots = numbers(form.slots.value, "slots");
      if (slots.length) fields.slots = slots;
      const named = labels(form.labels.value);
      if (Object.keys(named).length) fields.labels = named;
      if (form.key_type.value.trim()) fields.key_type = form.key_type.value.trim();
      await post(form.mode.value, fields);
      location.hash = "#/run";
    } catch (error) {
      showMessage(error.message);
    }
  };
  const batch = el("form", { "aria-label": "Test a batch of fobs", id: "batch-form" },
    el("h2", {}, "Test a batch of fobs"),
    el("label", {}, "Procedure: ", el("input", { name: "procedure", value: "mini-r50-2004" })),
    el("label", {}, "The owner's keys (kept), e.g. 1,2: ", el("input", { name: "keep" })),
    el("label", {}, "Spares to test, e.g. 3-8: ", el("input", { name: "spares" })),
    el("label", {}, "Labels: ", el("input", { name: "labels" })),
    el("label", {}, el("input", { type: "checkbox", name: "verify_only" }), " verify only"),
    el("button", { type: "submit", class: "primary" }, "Start the batch"));
  batch.onsubmit = async (submit) => {
    submit.preventDefault();
    try {
      const fields = { procedure: batch.procedure.value.trim(),
                       keep: numbers(batch.keep.value, "keep"),
                       spares: numbers(batch.spares.value, "spares"),
                       labels: labels(batch.labels.value),
                       verify_only: batch.verify_only.checked };
      await post("batch", fields);
      location.hash = "#/campaign";
    } catch (error) {
      showMessage(error.message);
    }
  };
  main.append(form, batch);
}

function renderRigStatus() {
  const box = document.getElementById("rig-status");
  if (!box || !state.status) return;
  const status = state.status;
  const simulated = /^sim/.test(status.rig || "");
  box.replaceChildren(...[
    el("p", {}, "Rig ", el("strong", {}, status.rig), simulated ? " (the simulated car)" : "",
       ", slots ", (status.slots || []).join(", "), "."),
    status.busy && status.run
      ? el("p", {}, "Now: ", status.run.mode, " ", el("a", { href: "#/run" }, status.run.id),
           " (", status.run.procedure, ")")
      : el("p", {}, status.busy ? "A run is going." : "Idle."),
    status.interrupted_campaign
      ? el("p", { class: "fail" }, status.interrupted_campaign.text) : null,
    el("div", { id: "key-table" })].filter((node) => node));
  keyTable();
}

// What the car's key table should hold: the fobs of the last programming session that passed.
async function keyTable() {
  try {
    const answer = await getJson("/api/runs?limit=50");
    const last = answer.runs.find((run) => run.mode === "program" && run.status === "passed");
    const box = document.getElementById("key-table");
    if (!box) return;
    box.replaceChildren(last
      ? el("p", {}, "The car's key table should hold the fobs of ",
           el("a", { href: "#/runs/" + encodeURIComponent(last.id) }, last.id), ": ",
           last.fobs.map((fob) => "slot " + fob.slot + (fob.label ? " (" + fob.label + ")" : ""))
             .join(", "), ".")
      : el("p", {}, "No programming session has passed yet: the car's key table is unknown."));
  } catch (error) {
    showMessage(error.message);
  }
}

function renderRun(main) {
  main.append(el("h1", {}, "Run"), el("div", { id: "run-live" }));
  renderRunLive();
}

// "4 min 10 s": an estimate, in whole seconds.
function minutesText(seconds) {
  const whole = Math.round(seconds);
  return whole < 60 ? whole + " s" : Math.floor(whole / 60) + " min " + (whole % 60) + " s";
}

function secondsUntil(deadline) {
  return Math.max(0, (deadline - Date.now()) / 1000).toFixed(1);
}

// The limit that matters now: the car's, once an input saw its clock start.
function countdownText(prompt) {
  if (prompt.car && prompt.car.deadline !== null) {
    return prompt.car.what + " within " + secondsUntil(prompt.car.deadline) + " s";
  }
  if (prompt.car) return prompt.car.what + " in time · " + secondsUntil(prompt.deadline) + " s left";
  return secondsUntil(prompt.deadline) + " s left";
}

function renderRunLive() {
  const box = document.getElementById("run-live");
  if (!box) return;
  const live = state.live;
  if (!live) {
    box.replaceChildren(el("p", {}, state.status && state.status.busy
      ? "A run is going; waiting for its next event." : "No run is going. Start one on the ",
      el("a", { href: "#/rig" }, "Rig"), " page."));
    return;
  }
  const step = live.step || {};
  const children = [
    el("p", {}, "Run ", el("a", { href: "#/runs/" + encodeURIComponent(live.id) }, live.id),
       " · ", live.procedure || ""),
    el("p", { class: "progress", id: "progress" },
       step.number ? "step " + step.number + " of " + step.steps : "starting",
       step.attempts ? " · attempt " + step.attempt + " of " + step.attempts : "",
       step.title ? " · " + step.title : "", step.slot ? " · slot " + step.slot : ""),
  ];
  if (live.prompt) {
    children.push(el("div", { class: "prompt", id: "prompt", role: "alert" }, live.prompt.text),
      el("p", { class: "countdown", id: "countdown", "aria-live": "off" },
         countdownText(live.prompt)),
      el("p", { class: "limit", id: "car-limit" }, live.prompt.car_limit
        ? "The car: " + live.prompt.car_limit + "."
        : "The operator has until the countdown ends."));
    if (live.prompt.count > 0) {
      // A counted step: the turns the rig has counted so far.
      children.push(el("p", { class: "counted", id: "counted", "aria-live": "polite" },
                       live.prompt.done + " of " + live.prompt.count));
    }
    if (!state.session.read_only) {
      children.push(el("button", { class: "primary", id: "acknowledge",
                                   "aria-label": "Acknowledge: the operator step is done",
                                   onclick: () => post("ack").catch(() => {}) },
                       "Acknowledge"));
    }
  }
  if (!live.verdict && !state.session.read_only) {
    children.push(el("button", { class: "danger", id: "abort", "aria-label": "Abort the run",
                                 onclick: () => post("abort").catch(() => {}) }, "Abort"));
  }
  if (live.verdict) {
    children.push(el("p", { class: "verdict " + live.verdict.outcome, id: "verdict" },
      live.verdict.outcome.toUpperCase(), live.verdict.reason ? ": " + live.verdict.reason : ""),
      fobTable(live.verdict.fobs));
    children.push(el("p", {}, el("a", { href: "#/runs/" + encodeURIComponent(live.id) },
                                 "The run's timing diagram and files")));
  }
  children.push(el("h2", {}, "Edges as they come"), liveDiagram(live));
  const focused = document.activeElement && document.activeElement.id;
  box.replaceChildren(...children);
  if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  clearInterval(state.countdown);
  if (live.prompt) {
    state.countdown = setInterval(() => {
      const node = document.getElementById("countdown");
      if (node && state.live && state.live.prompt) node.textContent = countdownText(state.live.prompt);
    }, 100);
  }
}

// The edges so far, a lane per line, 100 px a second: the finished run's diagram (with the
// car's windows) is drawn by the daemon, on the run's own page.
function liveDiagram(live) {
  const ns = "http://www.w3.org/2000/svg";
  const lanes = [];
  const levels = {};
  const all = live.edges.map((e) => ({ line: e.line, at: e.actual_ms, level: e.level,
                                        action: e.action }))
    .concat(live.sensed.map((e) => ({ line: e.line, at: e.at_ms, level: e.level })));
  all.sort((a, b) => a.at - b.at);
  for (const edge of all) {
    if (!(edge.line in levels)) { levels[edge.line] = []; lanes.push(edge.line); }
    levels[edge.line].push(edge);
  }
  const end = all.length ? all[all.length - 1].at : 0;
  const x = (ms) => 150 + ms / 10;
  const svg = document.createElementNS(ns, "svg");
  const width = x(end) + 80;
  svg.setAttribute("width", width);
  svg.setAttribute("height", 20 + lanes.length * 34);
  svg.setAttribute("class", "live-diagram");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Edges so far: " + all.length);
  lanes.forEach((line, i) => {
    const top = 10 + i * 34;
    const group = document.createElementNS(ns, "g");
    group.setAttribute("class", "live-lane");
    group.setAttribute("data-line", line);
    const name = document.createElementNS(ns, "text");
    name.setAttribute("x", 4);
    name.setAttribute("y", top + 20);
    name.textContent = line;
    let d = "M150 " + (top + 26);
    for (const edge of levels[line]) {
      d += " H" + x(edge.at).toFixed(1) + " V" + (top + (edge.level ? 6 : 26));
    }
    d += " H" + (width - 10);
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", line.startsWith("sense") ? "#1d7a3a" : "#1f5fa8");
    path.setAttribute("stroke-width", "1.6");
    group.append(name, path);
    svg.append(group);
  });
  const wrap = el("div", { class: "diagram", id: "live-diagram" });
  wrap.append(svg);
  wrap.scrollLeft = wrap.scrollWidth;
  return wrap;
}

function fobTable(fobs) {
  return el("table", { class: "fobs" },
    el("thead", {}, el("tr", {}, ["slot", "fob", "programmed", "verified", "result", "reason"]
      .map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, (fobs || []).map((fob) => el("tr", { "data-slot": fob.slot },
      el("td", {}, fob.slot), el("td", {}, fob.label), el("td", {}, fob.programmed ? "yes" : "no"),
      el("td", {}, fob.verified ? "yes" : "no"),
      el("td", { class: fob.passed ? "pass" : "fail" }, fob.passed ? "PASS" : "FAIL"),
      el("td", {}, fob.reason)))));
}

async function renderRuns(main) {
  const verdict = el("select", { id: "filter-verdict", "aria-label": "Filter by verdict" },
    ["", "passed", "failed", "aborted", "interrupted", "running"].map((v) =>
      el("option", { value: v }, v || "any verdict")));
  const fob = el("input", { id: "filter-fob", "aria-label": "Filter by fob label or slot",
                            placeholder: "fob label or slot" });
  const table = el("table", { id: "runs" });
  main.append(el("h1", {}, "Runs"), el("p", {}, verdict, " ", fob), table);
  let runs = [];
  const draw = () => {
    const wanted = fob.value.trim().toLowerCase();
    const shown = runs.filter((run) => (!verdict.value || run.status === verdict.value) &&
      (!wanted || run.fobs.some((f) => String(f.slot) === wanted ||
                                       (f.label || "").toLowerCase().includes(wanted))));
    table.replaceChildren(
      el("thead", {}, el("tr", {}, ["run", "started", "procedure", "mode", "fobs", "verdict",
                                    "reason"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, shown.map((run) => el("tr", {},
        el("td", {}, el("a", { href: "#/runs/" + encodeURIComponent(run.id) }, run.id)),
        el("td", {}, run.started), el("td", {}, run.procedure), el("td", {}, run.mode),
        el("td", {}, run.fobs.map((f) => f.slot + (f.label ? "=" + f.label : "")).join(", ")),
        el("td", { class: run.status }, run.status), el("td", {}, run.reason)))));
  };
  verdict.onchange = draw;
  fob.oninput = draw;
  try {
    runs = (await getJson("/api/runs?limit=200")).runs;
    draw();
  } catch (error) {
    showMessage(error.message);
  }
}

async function renderRunDetail(main, id) {
  main.append(el("h1", {}, "Run ", id));
  try {
    const answer = await getJson("/api/show?run=" + encodeURIComponent(id));
    const summary = answer.summary;
    main.append(el("p", { class: "verdict " + summary.status, id: "verdict" },
                   summary.status.toUpperCase(), summary.reason ? ": " + summary.reason : ""),
                el("p", {}, summary.procedure, " on rig ", summary.rig, ", started ",
                   summary.started));
    if (!answer.record) {
      main.append(el("p", {}, "The run has no record yet (it is going, or was cut off)."));
      return;
    }
    main.append(fobTable(answer.record.fobs));
    const downloads = el("p", { id: "downloads" }, "Download: ");
    for (const format of state.session.formats) {
      downloads.append(el("a", { href: "/runs/" + encodeURIComponent(id) + "/run." + format +
                                       "?download=1",
                                 download: id + "." + format }, format.toUpperCase()), " ");
    }
    main.append(downloads, el("h2", {}, "Timing diagram"));
    let scale = 1;
    const wrap = el("div", { class: "diagram", id: "diagram" });
    const zoom = (factor) => () => {
      scale = factor === 0 ? 1 : scale * factor;
      const svg = wrap.querySelector("svg");
      if (svg) {
        svg.style.width = (Number(svg.getAttribute("width")) * scale) + "px";
        svg.style.height = (Number(svg.getAttribute("height")) * scale) + "px";
      }
    };
    main.append(el("p", { class: "zoom" },
      el("button", { onclick: zoom(1.5), "aria-label": "Zoom in" }, "+"),
      el("button", { onclick: zoom(1 / 1.5), "aria-label": "Zoom out" }, "−"),
      el("button", { onclick: zoom(0), "aria-label": "Actual size" }, "1:1")), wrap);
    const text = await (await fetch("/runs/" + encodeURIComponent(id) + "/run.svg")).text();
    const parsed = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
    if (parsed.nodeName === "svg") {
      parsed.setAttribute("viewBox", parsed.getAttribute("viewBox"));
      parsed.style.width = parsed.getAttribute("width") + "px";
      wrap.append(document.importNode(parsed, true));
    }
  } catch (error) {
    main.append(el("p", { class: "fail" }, error.message));
  }
}

function renderCampaignPage(main) {
  main.append(el("h1", {}, "Campaign"), el("div", { id: "campaign" }));
  renderCampaign();
}

function renderCampaign() {
  const box = document.getElementById("campaign");
  if (!box) return;
  const status = state.status;
  const children = [];
  const going = state.campaignProgress;
  // A campaign is known to be going from its progress, or from the status taken when the page
  // opened mid-campaign (its runs' verdicts come and go in between).
  const batch = status && status.busy && status.run && status.run.mode === "batch" ? status.run
                                                                                  : null;
  if (going || batch) {
    const step = (state.live && state.live.step) || {};
    children.push(el("p", { class: "progress", id: "campaign-progress" },
      "Campaign ", going ? going.run : batch.id, " is going",
      going ? " · round " + going.round + " of " + going.rounds : "",
      going && "seconds_left" in going ? " · about " + minutesText(going.seconds_left) + " left"
                                       : "",
      state.live ? " · run " + state.live.id : "",
      step.number ? " · step " + step.number + " of " + step.steps : ""));
    if (going) {
      // Each fob's result as it comes.
      children.push(el("table", { id: "campaign-fobs" },
        el("thead", {}, el("tr", {}, ["fob", "slot", "round", "result", "reason"]
          .map((h) => el("th", {}, h)))),
        el("tbody", {}, ...going.report.fobs.map((fob) => el("tr", {},
          el("td", {}, fob.label || String(fob.number)), el("td", {}, String(fob.slot)),
          el("td", {}, String(fob.round)), el("td", {}, fob.result), el("td", {}, fob.reason))))));
    }
  }
  if (state.campaign) {
    children.push(el("h2", {}, "Campaign ", state.campaign.run),
      el("p", {}, state.campaign.summary), el("pre", { id: "campaign-table" }, state.campaign.table));
  }
  if (!children.length) {
    children.push(el("p", {}, "No campaign is going. Start one on the ",
                     el("a", { href: "#/rig" }, "Rig"), " page; past fobs are on ",
                     el("a", { href: "#/fobs" }, "Fobs"), "."));
  }
  box.replaceChildren(...children);
}

async function renderFobs(main, label) {
  main.append(el("h1", {}, label ? "Fob " + label : "Fobs"));
  try {
    const answer = await getJson("/api/fobs" + (label ? "?label=" + encodeURIComponent(label) : ""));
    main.append(el("table", { id: "fobs" },
      el("thead", {}, el("tr", {}, ["fob", "result", "campaign", "started", "procedure", "reason"]
        .map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, answer.fobs.map((fob) => el("tr", {},
        el("td", {}, el("a", { href: "#/fobs/" + encodeURIComponent(fob.label || "") },
                        fob.label || "")),
        el("td", { class: String(fob.result || "").split(" ")[0] },
           fob.result || ""),
        el("td", {}, fob.campaign), el("td", {}, fob.started), el("td", {}, fob.procedure),
        el("td", {}, fob.reason || ""))))));
  } catch (error) {
    main.append(el("p", { class: "fail" }, error.message));
  }
}

// ---- start -------------------------------------------------------------------------------

async function start() {
  // fobrig web-url gives the address with #token=...: kept for this tab, taken off the bar.
  const match = /^#token=([0-9a-f]+)$/.exec(location.hash);
  if (match) {
    state.token = match[1];
    sessionStorage.setItem("fobrig-token", state.token);
    history.replaceState(null, "", location.pathname + "#/rig");
  }
  try {
    state.session = await getJson("/api/session");
  } catch (error) {
    showMessage(error.message);
  }
  window.addEventListener("hashchange", route);
  route();
  connectEvents();
}

start();
