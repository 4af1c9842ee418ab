/* 部门决算问答 — the page's behaviour in the browser.
 *
 * The server renders every answer as escaped HTML (ui/render.py). Gradio's sanitiser keeps
 * classes, `hidden`, and button `value`s, so each citation's page view rides in its
 * `.dqa-open` button's value (JSON), a text citation's context in a hidden `.dqa-ctx`, and the
 * answer as Markdown / CSV in hidden <pre>s. This script:
 *   - shows a cited PDF page (or the text around a text citation) in the side panel, with the
 *     cited line, row or cell boxed, previous / next page; on a phone the panel is a drawer;
 *   - scrolls the conversation to the start of a new answer;
 *   - turns a clarification's choices and other in-message buttons into questions;
 *   - copies a figure, an answer or a citation; exports an answer or the conversation;
 *   - gives messages clean Chinese accessible names;
 *   - uploads documents with progress (staff), filters the audit list.
 * Everything is delegated from `document`, so it survives Gradio re-rendering.
 */
(function () {
  "use strict";
  if (window.__dqa) return;
  window.__dqa = { shown: null, timings: [] };

  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var staffKey = new URLSearchParams(location.search).get("staff") || "";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "class") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function parse(value) { try { return JSON.parse(value); } catch (e) { return null; } }

  // -- messages ---------------------------------------------------------------------------------
  function messageOf(node) { return node && node.closest('[data-testid="bot"], [data-testid="user"]'); }
  function answers() { return $$('#dqa-chat [data-testid="bot"]').filter(function (m) { return $(".dqa-answer", m) && !$(".dqa-pending", m); }); }

  function nameMessages() {
    $$('#dqa-chat [aria-label]').forEach(function (node) {
      var label = node.getAttribute("aria-label") || "";
      if (/^bot's message|^user's message|^回答：|^提问：/.test(label)) {
        var bot = /^bot|^回答/.test(label);
        var text = (node.innerText || "").replace(/复制数字|复制出处|复制回答|导出 Markdown|导出 CSV|查看原文页面|查看原文上下文/g, "").replace(/\s+/g, " ").trim();
        var clean = (bot ? "回答：" : "提问：") + text.slice(0, 160);
        if (label !== clean) node.setAttribute("aria-label", clean);
      } else if (label === "chatbot conversation") {
        node.setAttribute("aria-label", "对话");
      }
    });
  }

  // -- scrolling to a new answer ----------------------------------------------------------------
  function scroller(node) {
    for (var p = node && node.parentElement; p; p = p.parentElement) {
      var style = getComputedStyle(p);
      if (/(auto|scroll)/.test(style.overflowY) && p.scrollHeight > p.clientHeight + 2) return p;
    }
    return null;
  }

  // what the chat looked like when the panel last followed it; an answer counts as arrived once its
  // body is in the page (Gradio may add the message before filling it in)
  var lastSeen = { count: 0, pending: false, ready: false };
  function onChatChange() {
    nameMessages();
    var bots = $$('#dqa-chat [data-testid="bot"]');
    var last = bots[bots.length - 1];
    var pending = !!(last && $(".dqa-pending", last));
    var ready = !!(last && !pending && $(".dqa-answer", last));
    if (!bots.length) {
      lastSeen = { count: 0, pending: false, ready: false };
      if (window.__dqa.shown) resetPanel();
      return;
    }
    if (bots.length !== lastSeen.count || pending !== lastSeen.pending || ready !== lastSeen.ready) {
      var box = scroller(last);
      if (pending) {
        var users = $$('#dqa-chat [data-testid="user"]');
        var question = users[users.length - 1];
        if (box && question) box.scrollTop = Math.max(0, question.offsetTop - 8);
      } else if (ready) {
        // the start of the answer (its headline and the table's header) in view, not its end
        if (box) box.scrollTop = Math.max(0, offsetWithin(last, box) - 8);
        showAnswer(last, 1, { fromNewAnswer: true });
      }
      lastSeen = { count: bots.length, pending: pending, ready: ready };
    }
  }

  function offsetWithin(node, container) {
    return node.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop;
  }

  // -- the panel --------------------------------------------------------------------------------
  function viewer() { return $("#dqa-viewer"); }

  function resetPanel() {
    var v = viewer();
    if (!v) return;
    v.innerHTML = "";
    v.appendChild(el("p", { class: "dqa-muted dqa-viewer-empty", text: "提问后，这里显示回答所引用的原文：PDF 文件显示所在页面并框出引用的行、表格行或单元格；文本文件显示前后几行，引用的文字以黄色标出。" }));
    window.__dqa.shown = null;
    document.body.classList.remove("dqa-has-sources");
  }

  function citationsOf(message) { return $$(".dqa-citation", message); }

  function showAnswer(message, n, opts) {
    var v = viewer();
    if (!v || !message) return;
    var cites = citationsOf(message);
    var question = ($(".dqa-q", message) || {}).textContent || "";
    v.innerHTML = "";
    window.__dqa.shown = { message: message, n: n };
    v.appendChild(el("p", { class: "dqa-panel-q", text: "问：" + question }));
    if (!cites.length) {
      v.appendChild(el("p", { class: "dqa-muted", text: "这个回答没有引用原文。" }));
      return;
    }
    document.body.classList.add("dqa-has-sources");
    var chips = el("div", { class: "dqa-chips", role: "tablist", "aria-label": "出处" });
    cites.forEach(function (li, i) {
      var chip = el("button", { type: "button", class: "dqa-chip", role: "tab", "aria-selected": String(i + 1 === n), text: "[" + (i + 1) + "]", title: ($(".dqa-cite-label", li) || {}).textContent || "" });
      chip.addEventListener("click", function () { showAnswer(message, i + 1); });
      chips.appendChild(chip);
    });
    if (cites.length > 1) v.appendChild(chips);
    var li = cites[Math.min(n, cites.length) - 1];
    var label = ($(".dqa-cite-label", li) || {}).textContent || "";
    v.appendChild(el("div", { class: "dqa-cite-label dqa-viewer-label", text: label }));
    var opener = $(".dqa-open", li);
    var payload = opener ? parse(opener.value) : null;
    if (payload && payload.kind === "pdf") {
      v.appendChild(pageView(payload, payload.page));
    } else {
      var ctx = $(".dqa-ctx", li);
      var body = el("div", { class: "dqa-viewer-text" });
      body.innerHTML = ctx ? ctx.innerHTML : "";
      if (!ctx) body.appendChild(el("p", { class: "dqa-muted", text: "原文不在当前载入的文件中。" }));
      v.appendChild(body);
      var mark = $("mark", body) || $(".dqa-cited", body);
      if (mark && !(opts && opts.fromNewAnswer)) scrollPanelTo(mark);
    }
    if (opts && opts.open) openDrawer();
  }

  function pageUrl(p, page) {
    return "dqa/page/" + encodeURIComponent(p.doc) + "/" + page + ".png?v=" + encodeURIComponent(p.v || "");
  }

  function pageView(p, page) {
    var wrap = el("div", { class: "dqa-pageview" });
    var pages = p.pages || page;
    var prev = el("button", { type: "button", class: "dqa-prev", text: "‹ 上一页", "aria-label": "上一页" });
    var next = el("button", { type: "button", class: "dqa-next", text: "下一页 ›", "aria-label": "下一页" });
    var where = el("span", { class: "dqa-pageno", "aria-live": "polite", text: "第 " + page + " / " + pages + " 页" });
    prev.disabled = page <= 1;
    next.disabled = page >= pages;
    prev.addEventListener("click", function () { wrap.replaceWith(pageView(p, page - 1)); });
    next.addEventListener("click", function () { wrap.replaceWith(pageView(p, page + 1)); });
    var cited = page === p.page;
    var note = el("span", { class: "dqa-muted dqa-page-note", text: cited ? (p.box ? "红框为引用位置" : "引用所在页") : "（引用在第 " + p.page + " 页）" });
    wrap.appendChild(el("div", { class: "dqa-pager" }, [prev, where, next, note]));
    var frame = el("div", { class: "dqa-page" });
    if (p.ratio && cited) frame.style.aspectRatio = String(1 / p.ratio);
    var img = el("img", { alt: "原文第 " + page + " 页", src: pageUrl(p, page), decoding: "async" });
    var started = performance.now();
    img.addEventListener("load", function () {
      window.__dqa.timings.push(performance.now() - started);
      frame.style.aspectRatio = "";
      if (box) scrollPanelTo(box);
    });
    img.addEventListener("error", function () { frame.replaceWith(el("p", { class: "dqa-muted", text: "这一页暂时无法显示。" })); });
    frame.appendChild(img);
    var box = null;
    if (cited && p.box) {
      box = el("div", { class: "dqa-box", "aria-hidden": "true" });
      box.style.left = p.box[0] + "%";
      box.style.top = p.box[1] + "%";
      box.style.width = Math.max(0.5, p.box[2] - p.box[0]) + "%";
      box.style.height = Math.max(0.5, p.box[3] - p.box[1]) + "%";
      frame.appendChild(box);
    }
    wrap.appendChild(frame);
    return wrap;
  }

  function scrollPanelTo(node) {
    var panel = $("#dqa-side");
    if (!panel || !node) return;
    var box = scroller(node) || panel;
    var top = offsetWithin(node, box) - box.clientHeight / 3;
    box.scrollTop = Math.max(0, top);
  }

  function openDrawer() { document.body.classList.add("dqa-drawer-open"); }
  function closeDrawer() { document.body.classList.remove("dqa-drawer-open"); }

  // -- copy and export --------------------------------------------------------------------------
  function copyText(text, button) {
    var done = function () {
      if (!button) return;
      var was = button.textContent;
      button.textContent = "已复制";
      setTimeout(function () { button.textContent = was; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
    window.__dqa.copied = text;
  }

  function fallbackCopy(text) {
    var area = el("textarea", { "aria-hidden": "true" });
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    area.remove();
  }

  function download(name, text, type) {
    window.__dqa.download = { name: name, text: text };
    var blob = new Blob([type === "text/csv" ? "\ufeff" + text : text], { type: type + ";charset=utf-8" });
    var a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function stamp() {
    var d = new Date();
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + two(d.getMonth() + 1) + two(d.getDate()) + "-" + two(d.getHours()) + two(d.getMinutes());
  }

  function citeText(li) {
    var label = ($(".dqa-cite-label", li) || {}).textContent || "";
    var quote = $(".dqa-quote", li);
    var rows = quote ? $$("tr", quote) : [];
    var text = rows.length === 2
      ? $$("th", rows[0]).map(function (th, i) { var td = $$("td", rows[1])[i]; return th.textContent + "：" + (td ? td.textContent : ""); }).join("；")
      : (quote ? quote.textContent : "");
    return label + "\n" + text;
  }

  function csvCell(s) { s = String(s); return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }

  function conversationMarkdown() {
    return "# 部门决算问答 · 对话记录（" + stamp() + "）\n\n" + answers().map(function (m) { return ($(".dqa-md", m) || {}).textContent || ""; }).join("\n\n---\n\n") + "\n";
  }

  function conversationCsv() {
    var rows = [["序号", "问题", "回答", "出处"]];
    answers().forEach(function (m, i) {
      var q = ($(".dqa-q", m) || {}).textContent || "";
      var a = (($(".dqa-text", m) || {}).innerText || "").trim();
      var cites = citationsOf(m).map(function (li) { return ($(".dqa-cite-label", li) || {}).textContent; }).join("；");
      rows.push([i + 1, q, a, cites]);
    });
    return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\n") + "\n";
  }

  // -- asking from a button -----------------------------------------------------------------------
  function ask(payload) {
    var area = $("#dqa-action textarea, #dqa-action input");
    var go = $("#dqa-act");
    if (!area || !go) return;
    area.value = payload;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    setTimeout(function () { go.click(); }, 30);
  }

  // -- uploads and jobs (staff) --------------------------------------------------------------------
  function setProgress(container, fraction, text) {
    var bar = $(".dqa-progress", container);
    var status = $(".dqa-upload-status", container) || container;
    if (bar) {
      bar.hidden = false;
      var percent = Math.round(100 * Math.max(0, Math.min(1, fraction)));
      $(".dqa-progress-fill", bar).style.width = percent + "%";
      bar.setAttribute("aria-valuenow", String(percent));
    }
    if (text !== undefined) status.textContent = text;
  }

  function upload(container) {
    var input = $("#dqa-upload-file", container);
    var file = input && input.files && input.files[0];
    if (!file) { setProgress(container, 0, "请先选择一个 PDF 或 .txt 文件。"); return; }
    if (!/\.(pdf|txt)$/i.test(file.name)) { setProgress(container, 0, "只接受 PDF 或 .txt 文件。"); return; }
    if (file.size > 20 * 1024 * 1024) { setProgress(container, 0, "文件太大：上限 20 MB。"); return; }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "dqa/upload");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.setRequestHeader("X-DQA-Staff", staffKey);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) setProgress(container, 0.4 * e.loaded / e.total, "正在上传：" + Math.round(100 * e.loaded / e.total) + "%");
    });
    xhr.addEventListener("load", function () {
      var reply = parse(xhr.responseText) || {};
      if (xhr.status !== 200) { setProgress(container, 0, reply.error || "上传失败（" + xhr.status + "）。"); return; }
      watchJob(reply.job, container);
    });
    xhr.addEventListener("error", function () { setProgress(container, 0, "上传失败：与服务器的连接中断。"); });
    setProgress(container, 0, "正在上传……");
    xhr.send(file);
  }

  function watchJob(job, container) {
    var poll = function () {
      fetch("dqa/jobs/" + encodeURIComponent(job), { headers: { "X-DQA-Staff": staffKey }, cache: "no-store" })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (s.error) { setProgress(container, 0, s.error); return; }
          var fraction = s.stage === "embedding" && s.total ? 0.5 + 0.45 * s.done / s.total : ({ queued: 0.4, reading: 0.45, done: 1, failed: 1 })[s.stage] || 0.45;
          var detail = s.stage === "embedding" && s.total ? "（" + s.done + " / " + s.total + "）" : "";
          setProgress(container, fraction, s.action + "“" + s.name + "”：" + s.label + detail + (s.message ? "。" + s.message : ""));
          if (s.finished) {
            var refresh = $("#dqa-refresh-docs");
            if (refresh) refresh.click();
          } else {
            setTimeout(poll, 400);
          }
        })
        .catch(function () { setTimeout(poll, 1000); });
    };
    poll();
  }

  // -- the audit list (staff) ----------------------------------------------------------------------
  function filterAudit(report) {
    var get = function (name) { var f = $('.dqa-filter[name="' + name + '"]', report); return f ? f.value : ""; };
    var severity = get("severity"), family = get("family"), table = get("table"), page = get("page");
    var problems = ["error", "mismatch", "notice", "unchecked"];
    var shown = 0;
    $$(".dqa-finding", report).forEach(function (li) {
      var c = li.classList;
      var ok = (severity === "problems" ? problems.some(function (s) { return c.contains("dqa-sev-" + s); }) : !severity || c.contains("dqa-sev-" + severity))
        && (!family || c.contains("dqa-fam-" + family))
        && (!table || c.contains("dqa-t-" + table))
        && (!page || c.contains("dqa-p-" + page));
      li.hidden = !ok;
      if (ok) shown += 1;
    });
    var count = $(".dqa-audit-count", report);
    if (count) count.textContent = "列出 " + shown + " 处";
  }

  function showFindingPages(button) {
    var report = button.closest(".dqa-audit-report");
    var holder = $(".dqa-audit-pages", report);
    var views = (parse(button.value) || []).filter(function (p) { return p.kind === "pdf"; });
    var seen = {};
    views = views.filter(function (p) { var k = p.doc + "/" + p.page; if (seen[k]) return false; seen[k] = 1; return true; });
    holder.innerHTML = "";
    holder.hidden = false;
    var close = el("button", { type: "button", class: "dqa-audit-close", text: "关闭页面" });
    close.addEventListener("click", function () { holder.hidden = true; holder.innerHTML = ""; });
    holder.appendChild(el("div", { class: "dqa-audit-pages-head" }, [el("strong", { text: ($(".dqa-finding-text", button.closest("li")) || {}).textContent || "" }), close]));
    var row = el("div", { class: "dqa-side-by-side" });
    views.forEach(function (p) { row.appendChild(pageView(p, p.page)); });
    holder.appendChild(row);
    holder.scrollIntoView({ block: "start" });
  }

  // -- events --------------------------------------------------------------------------------------
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (!(t instanceof Element)) return;
    var button = t.closest("button");
    if (button && button.classList.contains("dqa-open")) {
      var li = button.closest(".dqa-citation");
      var message = messageOf(button);
      var n = citationsOf(message).indexOf(li) + 1;
      e.preventDefault();
      e.stopPropagation();
      showAnswer(message, n || 1, { open: true });
      return;
    }
    if (button && button.classList.contains("dqa-copy")) {
      var msg = messageOf(button);
      var what = button.value;
      var text = what === "figure" ? ($(".dqa-value", msg) || {}).textContent
        : what === "cite" ? citeText(button.closest(".dqa-citation"))
        : ($(".dqa-md", msg) || {}).textContent;
      copyText(text || "", button);
      e.stopPropagation();
      return;
    }
    if (button && button.classList.contains("dqa-export")) {
      var m = messageOf(button);
      var csv = button.value === "csv";
      download("回答-" + stamp() + (csv ? ".csv" : ".md"), (($(csv ? ".dqa-csv" : ".dqa-md", m) || {}).textContent || ""), csv ? "text/csv" : "text/markdown");
      e.stopPropagation();
      return;
    }
    if (button && button.classList.contains("dqa-export-all")) {
      if (button.value === "csv") download("对话-" + stamp() + ".csv", conversationCsv(), "text/csv");
      else download("对话-" + stamp() + ".md", conversationMarkdown(), "text/markdown");
      return;
    }
    if (button && (button.classList.contains("dqa-choice") || button.classList.contains("dqa-suggest"))) {
      e.stopPropagation();
      ask(button.value);
      return;
    }
    if (button && button.classList.contains("dqa-drawer-close")) { closeDrawer(); return; }
    if (button && button.classList.contains("dqa-drawer-open-button")) { openDrawer(); return; }
    if (button && button.classList.contains("dqa-upload-go")) { upload(button.closest(".dqa-upload-box")); return; }
    if (button && button.classList.contains("dqa-open-pages")) { showFindingPages(button); return; }
    if (button && button.classList.contains("dqa-export-audit")) {
      var rep = button.closest(".dqa-audit-report");
      download("审计-" + stamp() + ".csv", ($(".dqa-audit-csv", rep) || {}).textContent || "", "text/csv");
      return;
    }
    if (button || t.closest("a, summary, input, select, textarea, table")) return;
    // a click on an answer shows its sources
    var answer = t.closest('#dqa-chat [data-testid="bot"]');
    if (answer && $(".dqa-answer", answer) && !$(".dqa-pending", answer)) {
      var shown = window.__dqa.shown;
      if (!shown || shown.message !== answer) showAnswer(answer, 1);
    }
  }, true);

  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t instanceof Element && t.classList.contains("dqa-filter")) filterAudit(t.closest(".dqa-audit-report"));
  });
  document.addEventListener("input", function (e) {
    var t = e.target;
    if (t instanceof Element && t.classList.contains("dqa-filter")) filterAudit(t.closest(".dqa-audit-report"));
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.body.classList.contains("dqa-drawer-open")) closeDrawer();
  });

  var watched = new WeakSet();
  function start() {
    document.documentElement.lang = "zh-CN";
    var chat = $("#dqa-chat");
    if (chat && !watched.has(chat)) {
      watched.add(chat);
      new MutationObserver(onChatChange).observe(chat, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"] });
      onChatChange();
    }
    $$(".dqa-watch-job").forEach(function (input) {
      if (watched.has(input)) return;
      watched.add(input);
      watchJob(input.value, input.closest("#dqa-admin-note") || input.parentElement);
    });
    $$(".dqa-audit-report").forEach(function (report) {
      if (watched.has(report)) return;
      watched.add(report);
      filterAudit(report);
    });
    if (!$(".dqa-drawer-open-button")) {
      var opener = el("button", { type: "button", class: "dqa-drawer-open-button", text: "原文", "aria-label": "打开原文对照" });
      document.body.appendChild(opener);
    }
  }
  new MutationObserver(start).observe(document.documentElement, { childList: true, subtree: true });
  if (document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
