// Keyboard-first review page. Every value shown comes from the server's escaped HTML or
// is set with textContent; nothing here builds HTML from strings.
"use strict";
(() => {
  const body = document.body;
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const flash = document.getElementById("flash");
  let selected = 0;

  function say(message) {
    flash.textContent = message;
    flash.hidden = !message;
    clearTimeout(say.timer);
    if (message) say.timer = setTimeout(() => { flash.hidden = true; }, 6000);
  }

  async function post(path, payload) {
    let response;
    try {
      response = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
                                    body: JSON.stringify(payload)});
    } catch (err) {
      return {ok: false, status: 0, data: {error: "The review server does not answer: is `pipeline review` still running?"}};
    }
    let data = {};
    try { data = await response.json(); } catch (err) { data = {error: `Server answered ${response.status}.`}; }
    return {ok: response.ok, status: response.status, data};
  }

  if (body.dataset.page !== "article") {
    document.addEventListener("keydown", (event) => {
      if (event.target.closest("input, select, textarea") || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "n" && body.dataset.next) location.href = body.dataset.next;
      if (event.key === "u") undo();
    });
    return;
  }

  const article = body.dataset.article;
  const editor = document.getElementById("editor");
  const records = () => Array.from(document.querySelectorAll("#records .rec"));

  function select(index, scroll = true) {
    const all = records();
    if (!all.length) return;
    selected = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((li, i) => li.classList.toggle("selected", i === selected));
    document.querySelectorAll("mark.m").forEach((m) => m.classList.toggle("focus", Number(m.dataset.rec) === selected));
    if (scroll) {
      all[selected].scrollIntoView({block: "nearest"});
      const first = document.querySelector(`mark.m[data-rec="${selected}"]`);
      if (first) first.scrollIntoView({block: "center"});
    }
  }

  async function refresh(keyToSelect) {
    const response = await fetch(location.pathname, {cache: "no-store"});
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const id of ["records", "text", "progress", "facts"]) {
      const mine = document.getElementById(id), theirs = fresh.getElementById(id);
      if (mine && theirs) mine.replaceWith(theirs);
    }
    const found = records().findIndex((li) => li.dataset.key === keyToSelect);
    select(found >= 0 ? found : selected, false);
  }

  async function decide(action, fields, note) {
    const li = records()[selected];
    if (!li) return false;
    const result = await post("/api/decide", {article, key: li.dataset.key, action, version: Number(li.dataset.version),
                                               fields: fields || {}, note: note || ""});
    if (!result.ok) {
      say(result.data.error);
      if (result.status === 409) await refresh(li.dataset.key);
      return result.status === 422 ? result.data.error : false;
    }
    say("");
    await refresh(li.dataset.key);
    return true;
  }

  async function decideAndNext(action) {
    const start = selected;
    if (await decide(action) === true) select(start + 1);
  }

  async function undo() {
    const result = await post("/api/undo", {});
    if (!result.ok) { say(result.data.error); if (result.status === 409) await refresh(); return; }
    const done = result.data.undone;
    if (!done) { say("Nothing to undo in this session."); return; }
    say(`Undone: ${done.key.startsWith("added:") ? "added record" : "decision"} in ${done.article}.`);
    if (body.dataset.article !== done.article) {
      sessionStorage.setItem("review-select", done.key);
      location.href = `/article/${encodeURIComponent(done.article)}`;
      return;
    }
    await refresh(done.key);
    select(selected);
  }

  // ---- the editor: correct a record, or add one from a text selection ----
  let mode = null, pending = null;

  function showFields(type) {
    editor.querySelectorAll("label[data-types]").forEach((label) => {
      label.hidden = !label.dataset.types.split(" ").includes(type);
    });
  }

  function fill(record) {
    const f = editor.elements;
    const text = (v) => (v === null || v === undefined ? "" : String(v));
    f.value.value = record.value === null ? "" : text(record.value);
    f.currency.value = text(record.currency);
    f.max.value = text(record.max);
    f.end.value = text(record.end);
    f.qualifier.value = text(record.qualifier);
    f.original_value.value = text(record.original && record.original.value);
    f.original_unit.value = text(record.original && record.original.unit);
    f.type.value = record.type;
    showFields(record.type);
  }

  function open(kind, record, words, hint) {
    mode = kind;
    document.getElementById("editor-title").textContent = kind === "add" ? "Add a missed record" : `Correct this ${record.type}`;
    document.getElementById("editor-text").textContent = words;
    document.getElementById("editor-error").textContent = "";
    const hinted = document.getElementById("editor-hint");
    hinted.textContent = hint || "";
    hinted.hidden = !hint;
    editor.dataset.type = record.type;
    editor.elements.note.value = "";
    fill(record);
    editor.hidden = false;
    (kind === "add" ? editor.elements.type : editor.elements.value).focus();
  }

  function close() {
    editor.hidden = true;
    mode = null;
    pending = null;
    document.activeElement.blur();
  }

  function formFields() {
    const out = {};
    editor.querySelectorAll("label[data-types]").forEach((label) => {
      const input = label.querySelector("input");
      if (!label.hidden && input.name !== "note") out[input.name] = input.value;
    });
    return out;
  }

  function edit() {
    const li = records()[selected];
    if (!li) return;
    if (li.dataset.added === "1") { say("An added record can only be undone (u)."); return; }
    const record = JSON.parse(li.dataset.record);
    const words = Array.from(li.querySelectorAll(".mentions q")).map((q) => q.textContent).join(" · ");
    open("correct", record, words);
  }

  function offsetIn(container, node, offset) {
    const range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  async function addFromSelection() {
    const text = document.getElementById("text");
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed || !text.contains(sel.anchorNode) || !text.contains(sel.focusNode)) {
      say("Select some words in the article first (shift + arrow keys with caret browsing, F7), then press s.");
      return;
    }
    const range = sel.getRangeAt(0);
    const start = offsetIn(text, range.startContainer, range.startOffset);
    const end = offsetIn(text, range.endContainer, range.endOffset);
    await prefill({article, start, end});
  }

  async function prefill(selection, type) {
    const result = await post("/api/extract", type ? {...selection, type} : selection);
    if (!result.ok) { say(result.data.error); return; }
    pending = selection;
    open("add", result.data.record, result.data.record.mentions[0].text, result.data.hint);
  }

  // Changing the type shows that type's fields: in the add form, as its extractor reads the
  // selection; in a correction, where the server will say a type cannot be corrected.
  editor.elements.type.addEventListener("change", () => {
    if (mode === "add" && pending) prefill(pending, editor.elements.type.value);
    else showFields(editor.elements.type.value);
  });

  editor.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = document.getElementById("editor-error");
    if (mode === "correct") {
      const fields = formFields();
      if (editor.elements.type.value !== editor.dataset.type) fields.type = editor.elements.type.value;
      const outcome = await decide("correct", fields, editor.elements.note.value);
      if (outcome === true) close(); else if (typeof outcome === "string") error.textContent = outcome;
    } else if (mode === "add") {
      const result = await post("/api/add", {...pending, type: editor.elements.type.value, fields: formFields(),
                                             note: editor.elements.note.value});
      if (!result.ok) { error.textContent = result.data.error; return; }
      close();
      window.getSelection().removeAllRanges();
      await refresh(result.data.key);
      say("Added.");
    }
  });
  document.getElementById("editor-cancel").addEventListener("click", close);

  // ---- mouse: a record selects its mentions, a mention selects its record ----
  document.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.m");
    if (mark) { select(Number(mark.dataset.rec), false); records()[selected].scrollIntoView({block: "nearest"}); return; }
    const goto = event.target.closest("a.goto");
    if (goto) {
      event.preventDefault();
      const index = records().findIndex((li) => li.querySelector(".rid").textContent === goto.dataset.recordId);
      if (index >= 0) select(index);
      return;
    }
    const li = event.target.closest("#records .rec");
    if (li) select(Number(li.dataset.idx));
  });

  // ---- facts: accept, reject, or correct a fact's roles and status with its own buttons ----
  async function decideFact(li, action, fields, note) {
    const result = await post("/api/decide-fact", {article, key: li.dataset.key, action,
                                                    version: Number(li.dataset.version), fields: fields || {}, note: note || ""});
    if (!result.ok) {
      say(result.data.error);
      if (result.status === 409) await refresh();
      return result.status === 422 ? result.data.error : false;
    }
    say("");
    await refresh();
    return true;
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("#facts button[data-act]");
    if (!button) return;
    const li = button.closest("li.fact"), form = li.querySelector("form.fact-editor");
    const act = button.dataset.act;
    if (act === "correct") { form.hidden = false; form.querySelector("select").focus(); }
    else if (act === "cancel") form.hidden = true;
    else decideFact(li, act);
  });

  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form.fact-editor");
    if (!form) return;
    event.preventDefault();
    const roles = {};
    let status = "";
    form.querySelectorAll("select").forEach((select) => {
      const picked = Array.from(select.selectedOptions).map((o) => o.value).filter((v) => v);
      if (select.name === "status") status = picked[0] || "";
      else roles[select.name] = select.multiple ? picked : (picked[0] || "");
    });
    const outcome = await decideFact(form.closest("li.fact"), "correct", {roles, status}, form.elements.note.value);
    if (typeof outcome === "string") form.querySelector(".error").textContent = outcome;
  });

  // ---- keys ----
  document.addEventListener("keydown", (event) => {
    if (mode) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
      // Enter saves from any control of the form, the type menu included (a <select> does not submit).
      if (event.key === "Enter" && editor.contains(event.target) && !event.target.closest("button")) {
        event.preventDefault();
        editor.requestSubmit();
      }
      return;
    }
    if (event.target.closest("input, select, textarea") || event.ctrlKey || event.metaKey || event.altKey) return;
    const actions = {
      a: () => decideAndNext("accept"), r: () => decideAndNext("reject"), e: edit, s: addFromSelection, u: undo,
      j: () => select(selected + 1), ArrowDown: () => select(selected + 1),
      k: () => select(selected - 1), ArrowUp: () => select(selected - 1),
      n: () => { if (body.dataset.next) location.href = body.dataset.next; else say("This is the last article."); },
      p: () => { if (body.dataset.prev) location.href = body.dataset.prev; else say("This is the first article."); },
    };
    const act = actions[event.key];
    if (act) { event.preventDefault(); act(); }
  });

  // Start where the work is: the record an undo came back to, else the first one not decided.
  const wanted = sessionStorage.getItem("review-select");
  sessionStorage.removeItem("review-select");
  const start = records().findIndex((li) => (wanted ? li.dataset.key === wanted
                                                    : /\bs-(undecided|new|stale)\b/.test(li.className)));
  select(start >= 0 ? start : 0, start > 0);
})();
