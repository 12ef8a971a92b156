// report: the page's stylesheet and script (inline; no fonts or files are fetched).
#include "pipeline/report.h"

namespace hustings {

std::string_view report_css() {
  return R"CSS(
:root{--party:#2563eb;--person:#059669;--date:#d97706;--place:#7c3aed;--quote:#db2777;--bad:#dc2626;
--ink:#0f172a;--muted:#64748b;--line:#e2e8f0}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#f1f5f9}
header.top{background:#0f172a;color:#fff;padding:22px 32px 18px}
header.top h1{margin:0;font-size:25px;letter-spacing:-.01em}
header.top p{margin:4px 0 0;color:#cbd5e1}
nav{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:9px 32px;display:flex;gap:20px;flex-wrap:wrap}
nav a{color:var(--ink);text-decoration:none;font-weight:600;font-size:14px}
nav a:hover{color:var(--party)}
main{max-width:1240px;margin:0 auto;padding:8px 32px 60px}
section.block{background:#fff;border:1px solid var(--line);border-radius:12px;padding:18px 24px;margin:18px 0}
h2{margin:0 0 12px;font-size:19px}
h3{margin:0 0 4px;font-size:18px}
h4{margin:14px 0 6px;font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
a{color:#1d4ed8}
.meta,.note{color:var(--muted);font-size:13px;margin:2px 0 8px}
.empty,.none{color:#94a3b8;font-style:italic}
.chip{display:inline-flex;align-items:center;gap:6px;padding:2px 11px;border-radius:999px;font-size:13px;margin:3px 6px 3px 0;border:1px solid var(--line);background:#fff}
.chip b{font-variant-numeric:tabular-nums}
.k-party{background:#dbeafe;border-color:var(--party)}.k-person{background:#d1fae5;border-color:var(--person)}
.k-date{background:#fef3c7;border-color:var(--date)}.k-place{background:#ede9fe;border-color:var(--place)}
.k-quote{background:#fce7f3;border-color:var(--quote)}.k-miss{background:#fee2e2;border:2px dashed var(--bad)}
.k-wrong{box-shadow:inset 0 -3px 0 var(--bad)}.k-extra{outline:1px dotted #64748b}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:5px 9px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
.nowrap{white-space:nowrap}
tr.overall td{font-weight:700;border-top:2px solid var(--ink)}
.more{color:var(--muted);font-size:13px}
.docs a{font-size:11px;color:var(--muted);text-decoration:none;border:1px solid var(--line);border-radius:4px;padding:0 4px}
.sheets{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:16px}
.sheet{border:1px solid var(--line);border-top:6px solid var(--party);border-radius:12px;padding:14px 20px;background:#fff}
.sheet h3 small{color:var(--muted);font-weight:400;font-size:12px;margin-left:6px}
.sheet dl{display:grid;grid-template-columns:78px 1fr;gap:3px 12px;margin:10px 0}
.sheet dt{color:var(--muted);font-size:13px}.sheet dd{margin:0}
.sheet ul{margin:0;padding-left:18px}
.sheet table{font-size:13px}
.role{font-size:12px;background:#f1f5f9;border-radius:4px;padding:0 6px;color:#334155}
blockquote{margin:8px 0;padding:6px 12px;border-left:3px solid var(--party);background:#f8fafc;font:14px/1.5 Georgia,"DejaVu Serif",serif}
cite{display:block;font:12px system-ui,sans-serif;color:var(--muted);margin-top:3px}
svg.timeline{width:100%;height:auto;font-family:system-ui,"DejaVu Sans",sans-serif;display:block}
svg .lane{font-size:13px;fill:#0f172a}svg .tick{font-size:11px;fill:#64748b;text-anchor:middle}
svg .grid{stroke:#e2e8f0}svg .n{fill:#fff;font-size:10px;font-weight:700;text-anchor:middle}svg .n.dark{fill:#0f172a}
svg .ev:hover circle{stroke:#0f172a}
svg.bar rect{fill:var(--place)}
.doc .text{white-space:pre-wrap;overflow-wrap:anywhere;font:16px/1.8 Georgia,"DejaVu Serif",serif;max-width:900px;margin:10px 0 0}
.doc summary{cursor:pointer;color:var(--muted);font-size:13px;margin-top:6px}
.docno{display:inline-block;min-width:26px;color:var(--muted);font-weight:400}
.warn{background:#fef9c3;border:1px solid #facc15;border-radius:8px;padding:6px 12px;font-size:13px}
.error{background:#fee2e2;border:1px solid var(--bad);border-radius:8px;padding:6px 12px;font-size:13px}
.findings table{font-size:13px}.findings td.kind{font-weight:600;color:var(--bad)}
.text b{font-weight:inherit;border-radius:3px;padding:0 1px;-webkit-box-decoration-break:clone;box-decoration-break:clone;cursor:help}
.text b[data-type=party],.text b[data-c=party]{background:#dbeafe;box-shadow:inset 0 -2px 0 var(--party)}
.text b[data-type=person],.text b[data-c=person]{background:#d1fae5;box-shadow:inset 0 -2px 0 var(--person)}
.text b[data-type=date],.text b[data-c=date]{background:#fef3c7;box-shadow:inset 0 -2px 0 var(--date)}
.text b[data-type=place],.text b[data-c=place]{background:#ede9fe;box-shadow:inset 0 -2px 0 var(--place)}
.text b[data-type=quote],.text b[data-c=quote]{background:rgba(219,39,119,.07);box-shadow:inset 3px 0 0 var(--quote);padding-left:5px}
.text b[data-who]::after{content:"— " attr(data-who);font:600 11px/1.6 system-ui,sans-serif;color:#fff;background:var(--quote);border-radius:999px;padding:1px 8px;margin-left:6px;white-space:nowrap}
.text b[data-miss],.text b[data-cm]{background:#fee2e2;outline:2px dashed var(--bad);outline-offset:1px}
.text b[data-miss]::before{content:"missed " attr(data-miss);font:700 10px/1.6 system-ui,sans-serif;color:#fff;background:var(--bad);border-radius:3px;padding:0 4px;margin-right:4px;vertical-align:1px}
.text b[data-type][data-wrong]{box-shadow:inset 0 -3px 0 var(--bad)}
.text b[data-type=quote][data-wrong]{box-shadow:inset 3px 0 0 var(--bad);background:rgba(220,38,38,.06)}
.text b[data-type][data-wrong]::before{content:"≠";font:700 11px system-ui,sans-serif;color:var(--bad);margin-right:2px}
.text b[data-type][data-extra]{outline:1px dotted #64748b}
body.hide-party .text b[data-type=party],body.hide-party .text b[data-c=party],
body.hide-person .text b[data-type=person],body.hide-person .text b[data-c=person],
body.hide-date .text b[data-type=date],body.hide-date .text b[data-c=date],
body.hide-place .text b[data-type=place],body.hide-place .text b[data-c=place],
body.hide-quote .text b[data-type=quote],body.hide-quote .text b[data-c=quote]{background:none;box-shadow:none;outline:none}
body.hide-quote .text b[data-who]::after{display:none}
#tip{position:absolute;z-index:10;max-width:400px;background:#0f172a;color:#f8fafc;padding:8px 12px;border-radius:8px;font:13px/1.45 system-ui,sans-serif;box-shadow:0 8px 24px rgba(15,23,42,.3);pointer-events:none;white-space:pre-wrap}
#tip b{display:block;margin-bottom:3px}#tip .bad{color:#fca5a5}
#checks pre{background:#f8fafc;border:1px solid var(--line);border-radius:8px;padding:8px 12px;font-size:12px;white-space:pre-wrap}
)CSS";
}

std::string_view report_js() {
  return R"JS(
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("tips").textContent);
  var types = ["party", "person", "date", "place", "quote"];
  var counts = {mentions: {}, missed: {}, tips_aligned: true};
  types.forEach(function (t) { counts.mentions[t] = 0; counts.missed[t] = 0; });
  document.querySelectorAll("section.doc").forEach(function (sec) {
    var list = data.d[sec.getAttribute("data-n")] || [];
    var marks = sec.querySelectorAll(".text b[data-type],.text b[data-miss]");
    if (marks.length !== list.length) counts.tips_aligned = false;
    marks.forEach(function (m, i) {
      if (i < list.length) m.setAttribute("data-t", list[i]);
      var t = m.getAttribute("data-type"), miss = m.getAttribute("data-miss");
      if (t && t in counts.mentions) counts.mentions[t]++;
      if (miss && miss in counts.missed) counts.missed[miss]++;
    });
    sec.querySelectorAll(".text b[data-k]").forEach(function (m) {
      var k = +m.getAttribute("data-k");
      if (k < list.length) m.setAttribute("data-t", list[k]);
    });
  });
  var expected = JSON.parse(document.getElementById("record-counts").textContent);
  var same = counts.tips_aligned;
  types.forEach(function (t) {
    if ((expected.mentions[t] || 0) !== counts.mentions[t] || (expected.missed[t] || 0) !== counts.missed[t]) same = false;
  });
  document.getElementById("dom-counts").textContent = JSON.stringify(counts);
  document.getElementById("check-status").textContent = same
      ? "✓ The page highlights exactly the mentions the records give."
      : "✗ The highlighted mentions differ from the records' counts.";

  var tip = document.createElement("div");
  tip.id = "tip";
  tip.hidden = true;
  document.body.appendChild(tip);
  function place(e) {
    var x = e.pageX + 14, y = e.pageY + 16;
    var maxX = window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8;
    tip.style.left = Math.max(4, Math.min(x, maxX)) + "px";
    tip.style.top = y + "px";
  }
  document.addEventListener("mouseover", function (e) {
    var m = e.target.closest ? e.target.closest(".text b[data-t]") : null;
    if (!m) { tip.hidden = true; return; }
    var text = data.t[+m.getAttribute("data-t")];
    if (text === undefined) { tip.hidden = true; return; }
    tip.replaceChildren();
    text.split("\n").forEach(function (line, i) {
      var el = document.createElement(i === 0 ? "b" : "div");
      el.textContent = line;
      if (line.charAt(0) === "✗") el.className = "bad";
      tip.appendChild(el);
    });
    tip.hidden = false;
    place(e);
  });
  document.addEventListener("mousemove", function (e) { if (!tip.hidden) place(e); });
  document.querySelectorAll("input[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
    });
  });
})();
)JS";
}

}  // namespace hustings
