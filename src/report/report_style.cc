#include "report/report_style.h"

namespace rrt {

const char* report_css() {
  return R"css(
body { font: 14px/1.45 system-ui, sans-serif; color: #1b1f24; margin: 0 auto; max-width: 1000px;
       padding: 16px; }
h1 { font-size: 22px; margin: 4px 0; } h2 { font-size: 18px; margin-top: 28px;
  border-bottom: 1px solid #d0d7de; } h3 { font-size: 15px; }
.lead { color: #57606a; }
.verdict { font-size: 14px; padding: 2px 10px; border-radius: 10px; vertical-align: middle; }
.v-pass, .v-valid { background: #dafbe1; color: #116329; }
.v-fail, .v-invalid { background: #ffebe9; color: #a40e26; }
.v-unknown { background: #fff8c5; color: #7d4e00; }
.warn { background: #fff8c5; padding: 6px 10px; }
table { border-collapse: collapse; margin: 8px 0; }
td, th { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
table.ops td { font-family: ui-monospace, monospace; font-size: 12px; }
table.ops { display: block; max-width: 100%; overflow-x: auto; }
pre { background: #f6f8fa; padding: 8px; overflow-x: auto; font-size: 12px; }
figure { margin: 8px 0; overflow-x: auto; } figcaption { color: #57606a; font-size: 12px; }
svg { max-width: 100%; min-width: 600px; height: auto; display: block; }
svg text { font: 11px system-ui, sans-serif; fill: #1b1f24; }
svg .tick { fill: #57606a; } svg .axis { fill: #57606a; }
svg .frame { fill: none; stroke: #8c959f; stroke-width: 1; }
svg .grid { stroke: #eaeef2; stroke-width: 1; }
svg .band { fill: #cf222e; opacity: 0.10; }
svg .fault { fill: #cf222e; opacity: 0.55; }
svg .fault-label { font-size: 10px; }
svg .mark { fill: #6e7781; } svg .mark.switch { fill: #8250df; }
svg .role-master { fill: #1a7f37; } svg .role-replica { fill: #54aeff; }
svg .role-unresponsive { fill: #d4a72c; } svg .role-down { fill: #cf222e; }
svg .dot { fill: none; stroke-width: 3; stroke-linecap: round; }
svg .dot.ok { stroke: #1a7f37; stroke-opacity: 0.5; } svg .dot.fail { stroke: #cf222e; }
svg .dot.info { stroke: #bf8700; }
svg .swatch.ok { fill: #1a7f37; } svg .swatch.fail { fill: #cf222e; }
svg .swatch.info { fill: #bf8700; }
svg .line { fill: none; stroke-width: 1.5; }
svg .line.ok { stroke: #1a7f37; } svg .line.fail { stroke: #cf222e; }
svg .line.info { stroke: #bf8700; }
svg .c0 { stroke: #0969da; fill: #0969da; } svg .c1 { stroke: #8250df; fill: #8250df; }
svg .c2 { stroke: #bf3989; fill: #bf3989; } svg .c3 { stroke: #1a7f37; fill: #1a7f37; }
svg .c4 { stroke: #bc4c00; fill: #bc4c00; } svg .c5 { stroke: #57606a; fill: #57606a; }
svg .line.c0, svg .line.c1, svg .line.c2, svg .line.c3, svg .line.c4, svg .line.c5 { fill: none; }
svg .phase { opacity: 0.75; stroke: none; } svg .phase-mark { stroke: #1b1f24; stroke-dasharray: 2 2; }
svg .top-label { font-size: 10px; } svg .leader { stroke: #8c959f; stroke-dasharray: 2 2; }
svg .gap { fill: #6e7781; opacity: 0.15; } svg .line.as-master { stroke-dasharray: 6 3; } svg .outage { fill: #cf222e; opacity: 0.7; }
svg .cx { fill: #0969da; opacity: 0.8; } svg .cx.optional { opacity: 0.3; }
svg .cx.failed { fill: #cf222e; opacity: 0.9; } svg .cx-label { font-size: 10px; }
nav { display: flex; flex-wrap: wrap; gap: 4px 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  nav { display: none; }
  section, figure { break-inside: avoid; }
}
)css";
}

}  // namespace rrt
