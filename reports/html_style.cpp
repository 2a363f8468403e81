#include "reports/html_assets.h"

namespace wirecheck::reports {

// Verdict colours are paired with a letter or a word everywhere, so the page reads without
// colour too. System fonts only: nothing is fetched.
const char* const kHtmlStyle = R"CSS(
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;
--pass:#1a7f37;--pass-bg:#dafbe1;--warn:#9a6700;--warn-bg:#fff8c5;--fail:#cf222e;--fail-bg:#ffebe9;
--error:#8250df;--error-bg:#fbefff;--skip:#59636e;--skip-bg:#eaeef2;
--mono:ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;margin:0;color:var(--fg);background:var(--bg)}
header.top{padding:14px 24px 4px}
h1{font-size:20px;margin:0 0 2px}
h2{font-size:15px;margin:0 0 6px}
.meta,.muted{color:var(--muted)}
code,pre,.mono{font-family:var(--mono);font-size:12.5px}
#wc-summary{padding:4px 24px 8px;display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.cards{display:flex;gap:8px;flex-wrap:wrap}
.card{border:1px solid var(--line);border-radius:8px;padding:6px 14px;min-width:84px;background:var(--bg);font:inherit;text-align:left;cursor:pointer;color:inherit}
.card b{display:block;font-size:20px;line-height:1.2}
.card:hover{border-color:var(--muted)}
.card.v-pass b{color:var(--pass)}.card.v-warn b{color:var(--warn)}.card.v-fail b{color:var(--fail)}
.card.v-error b{color:var(--error)}.card.v-skip b{color:var(--skip)}
table.summary,table.targets{border-collapse:collapse}
table.summary th,table.summary td,table.targets th,table.targets td{border:1px solid var(--line);padding:2px 8px;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
details.targets-list>summary{cursor:pointer;color:var(--muted)}
.targets-box{max-height:248px;overflow:auto;border-bottom:1px solid var(--line)}
.targets-box table.targets th{position:sticky;top:0;background:var(--bg)}
.bar{display:flex;width:160px;height:10px;border-radius:3px;overflow:hidden;background:var(--soft)}
.bar span{display:block;height:100%}
.bar .b-pass{background:var(--pass)}.bar .b-warn{background:#d4a72c}.bar .b-fail{background:var(--fail)}
.bar .b-error{background:var(--error)}.bar .b-skip{background:#afb8c1}
.chip{display:inline-block;border-radius:4px;padding:0 6px;font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.02em}
.chip.v-pass{color:var(--pass);background:var(--pass-bg)}.chip.v-warn{color:var(--warn);background:var(--warn-bg)}
.chip.v-fail{color:var(--fail);background:var(--fail-bg)}.chip.v-error{color:var(--error);background:var(--error-bg)}
.chip.v-skip{color:var(--skip);background:var(--skip-bg)}.chip.v-none{color:var(--muted);border:1px dashed var(--line)}
.filters{position:sticky;top:0;z-index:5;background:var(--soft);border-top:1px solid var(--line);border-bottom:1px solid var(--line);padding:8px 24px;display:flex;flex-wrap:wrap;gap:8px 18px;align-items:center}
.filters fieldset{border:0;margin:0;padding:0;display:flex;gap:8px;align-items:center}
.filters legend{float:left;margin-right:4px;color:var(--muted);font-size:12px}
.filters label{display:inline-flex;gap:3px;align-items:center;cursor:pointer;white-space:nowrap}
.filters input[type=search]{width:220px;padding:3px 6px;border:1px solid var(--line);border-radius:6px;font:inherit}
.filters select{font:inherit;padding:2px 4px;border:1px solid var(--line);border-radius:6px;max-width:220px;background:var(--bg)}
.filters button{font:inherit;padding:2px 10px;border:1px solid var(--line);border-radius:6px;background:var(--bg);cursor:pointer}
#wc-status{padding:6px 24px;color:var(--muted)}
#wc-status b{color:var(--fg)}
#wc-matrix-wrap{margin:0 24px 24px;overflow:auto;max-height:calc(100vh - 60px);width:fit-content;max-width:calc(100% - 48px);border:1px solid var(--line);border-radius:6px}
table.matrix{border-collapse:separate;border-spacing:0;width:max-content}
.matrix th,.matrix td{border-bottom:1px solid #eef1f4;padding:0;text-align:left;vertical-align:middle}
.matrix thead th{position:sticky;top:0;background:var(--soft);z-index:3;border-bottom:1px solid var(--line);padding:4px 6px;font-weight:600;font-size:12px;color:var(--muted)}
.matrix thead th.corner{left:0;z-index:4}
.matrix th.case{position:sticky;left:0;background:var(--bg);z-index:2;padding:2px 8px;font-weight:normal;max-width:600px;min-width:300px;border-right:1px solid var(--line);cursor:pointer;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.matrix th.case code{color:var(--fg)}
.matrix th.case .t{color:var(--muted);margin-left:8px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;display:inline-block;max-width:380px;vertical-align:bottom}
.matrix td.lv{padding:0 6px;font-size:11px;color:var(--muted)}
.matrix tr.grp th{position:sticky;left:0;background:#fff;text-align:left;padding:7px 8px 2px;font-size:13px;color:var(--fg);border-bottom:1px solid var(--line);z-index:2}
.matrix tr.grp th span{color:var(--muted);font-weight:normal;margin-left:6px}
.matrix tr.case:hover th.case,.matrix tr.case:hover td{background:#f3f6fa}
.matrix.one thead th.tg{min-width:90px}
.matrix.many thead th.tg{writing-mode:vertical-rl;transform:rotate(180deg);max-height:170px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;padding:6px 2px;font-weight:normal;cursor:default}
.matrix td.c{text-align:center;cursor:pointer;font:600 11px/1 var(--mono)}
.matrix.many td.c{width:20px;min-width:20px;height:20px;color:#fff;border-right:1px solid #fff}
.matrix.one td.c{padding:2px 8px}
.matrix.many td.p{background:#2da44e}.matrix.many td.w{background:#d4a72c}.matrix.many td.f{background:#cf222e}
.matrix.many td.e{background:#8250df}.matrix.many td.s{background:#afb8c1}.matrix.many td.n{background:#fff;color:#afb8c1}
.matrix.one td.c span{display:inline-block;border-radius:4px;padding:2px 6px;text-transform:uppercase;font:600 11px/1.2 system-ui,sans-serif}
.matrix.one td.p span{color:var(--pass);background:var(--pass-bg)}.matrix.one td.w span{color:var(--warn);background:var(--warn-bg)}
.matrix.one td.f span{color:var(--fail);background:var(--fail-bg)}.matrix.one td.e span{color:var(--error);background:var(--error-bg)}
.matrix.one td.s span{color:var(--skip);background:var(--skip-bg)}.matrix.one td.n span{color:var(--muted)}
.matrix td.sel{outline:2px solid #0969da;outline-offset:-2px}
.matrix.dim-p td.p,.matrix.dim-w td.w,.matrix.dim-f td.f,.matrix.dim-e td.e,.matrix.dim-s td.s,.matrix.dim-n td.n{opacity:.18}
.empty{padding:16px;color:var(--muted)}
#wc-detail{position:fixed;top:0;right:0;bottom:0;width:min(720px,60vw);background:var(--bg);border-left:1px solid var(--line);box-shadow:-6px 0 18px rgba(31,35,40,.12);overflow:auto;z-index:10;padding:14px 20px 40px}
#wc-detail[hidden]{display:none}
#wc-detail .close{position:sticky;top:0;float:right;font:inherit;font-size:18px;border:1px solid var(--line);background:var(--bg);border-radius:6px;cursor:pointer;width:30px;height:30px;line-height:1}
#wc-detail h2{font-size:16px;margin:2px 40px 4px 0}
#wc-detail h3{font-size:13px;margin:16px 0 6px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
#wc-detail dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}
#wc-detail dt{color:var(--muted)}#wc-detail dd{margin:0}
blockquote.req{margin:6px 0;padding:6px 12px;border-left:4px solid #0969da;background:#f1f8ff}
.reason{border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:8px 0}
.reason .msg{font-weight:600}
table.ea{border-collapse:collapse;margin:6px 0}
table.ea th{color:var(--muted);font-weight:normal;text-align:left;padding:1px 10px 1px 0;vertical-align:top}
table.ea td{font-family:var(--mono);font-size:12.5px;padding:1px 6px;white-space:pre-wrap;word-break:break-all}
table.ea tr.exp td{background:var(--pass-bg)}table.ea tr.act td{background:var(--fail-bg)}
pre.bytes{background:var(--soft);border:1px solid #eef1f4;border-radius:6px;padding:6px 8px;overflow-x:auto;margin:4px 0;line-height:1.35}
pre.bytes .o{color:var(--muted);user-select:none}
pre.bytes .m{color:var(--fail);font-weight:700}
pre.bytes .hb{background:#ffd8d3;color:var(--fail);font-weight:700}
.ev{margin:6px 0 2px}.ev .at{color:var(--muted);font-family:var(--mono);font-size:12px;display:inline-block;min-width:92px}
.ev .k{font-weight:600}.ev.send .k{color:#0969da}.ev.receive .k{color:var(--pass)}
.ev.peer_reset .k,.ev.connect_failed .k,.ev.timeout .k,.ev.abort .k{color:var(--fail)}
.viewtabs{display:inline-flex;border:1px solid var(--line);border-radius:6px;overflow:hidden;margin-left:8px;vertical-align:middle}
.viewtabs button{font:inherit;font-size:12px;border:0;background:var(--bg);padding:1px 10px;cursor:pointer}
.viewtabs button.on{background:#0969da;color:#fff}
.note{color:var(--muted);font-style:italic}
.others{display:flex;flex-wrap:wrap;gap:3px;margin:4px 0}
.others button{font:600 10px/1 var(--mono);width:18px;height:18px;border:0;border-radius:3px;color:#fff;cursor:pointer;padding:0}
.others button.cur{outline:2px solid #0969da;outline-offset:1px}
.others .p{background:#2da44e}.others .w{background:#d4a72c}.others .f{background:#cf222e}.others .e{background:#8250df}.others .s{background:#afb8c1}.others .n{background:#fff;color:#afb8c1;border:1px solid var(--line)}
#wc-errors{margin:12px 24px;color:var(--fail);white-space:pre-wrap}
)CSS";

}  // namespace wirecheck::reports
