namespace AgentFlow.Evaluation;

/// <summary>
/// The stylesheet of report pages, inlined in each: system fonts only, no external file. It also filters the case table
/// by outcome without script (hidden radio buttons and sibling selectors), and prints every case.
/// </summary>
internal static class HtmlStyles
{
    public const string Sheet = """
        :root { --ink: #1f2933; --muted: #5f6b7a; --line: #e3e7ec; --bg: #f5f6f8; --card: #ffffff; --passed: #0072b2; --failed: #e69f00; --error: #cc79a7; --mono: ui-monospace, "SFMono-Regular", "Cascadia Mono", Menlo, Consolas, monospace; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        .page { max-width: 1180px; margin: 0 auto; padding: 32px 28px 40px; }
        .eyebrow { margin: 0 0 4px; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
        h1 { margin: 0 0 6px; font-size: 28px; line-height: 1.2; overflow-wrap: anywhere; }
        h2 { margin: 0 0 2px; font-size: 18px; }
        .lede { margin: 0 0 18px; font-size: 15px; color: var(--muted); }
        .lede strong { color: var(--ink); }
        code, pre { font-family: var(--mono); }
        code { font-size: 12.5px; background: #eef1f4; border-radius: 4px; padding: 1px 5px; overflow-wrap: anywhere; }
        dl.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 10px 28px; margin: 0 0 22px; padding: 14px 18px; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
        dl.meta > div { min-width: 0; }
        dl.meta dt, .card .label { font-size: 11.5px; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        .chip { display: inline-block; margin: 0 4px 3px 0; padding: 0 8px; border-radius: 999px; background: #eef1f4; font-size: 12px; white-space: nowrap; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 14px; margin: 0 0 22px; }
        .card { min-width: 0; padding: 14px 16px; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
        .card.wide { grid-column: span 2; }
        .card .value { margin: 2px 0; font-size: 26px; font-weight: 700; line-height: 1.25; font-variant-numeric: tabular-nums; }
        .card .detail { font-size: 13px; color: var(--muted); }
        .card .legend { gap: 2px 12px; font-size: 12.5px; }
        .card .strip { display: block; width: 100%; height: 12px; margin-top: 10px; border-radius: 3px; }
        .panel { margin: 0 0 22px; padding: 18px 20px; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
        .panel .hint { margin: 0 0 10px; font-size: 13px; color: var(--muted); }
        svg.chart { display: block; width: 100%; max-width: 860px; height: auto; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 8px 0 0; padding: 0; list-style: none; font-size: 13px; color: var(--muted); }
        .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; border-radius: 2px; vertical-align: -1px; }
        .swatch.passed, .swatch.overall { background: var(--passed); }
        .swatch.tag { background: #56b4e9; }
        .swatch.failed { background: var(--failed); }
        .swatch.error { background: repeating-linear-gradient(45deg, #8e3b6b 0 2px, var(--error) 2px 5px); }
        .swatch.interval { width: 18px; height: 2px; background: var(--ink); vertical-align: 3px; border-radius: 0; }
        .swatch.reference { width: 18px; height: 0; border-top: 2px dashed var(--ink); vertical-align: 3px; border-radius: 0; }
        input.filter { position: absolute; width: 1px; height: 1px; opacity: 0; pointer-events: none; }
        .filters { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0 12px; }
        .filters label { padding: 3px 12px; border: 1px solid var(--line); border-radius: 999px; background: var(--card); font-size: 13px; cursor: pointer; user-select: none; }
        .filters label .count { color: var(--muted); margin-left: 4px; font-variant-numeric: tabular-nums; }
        #show-all:checked ~ .filters label[for="show-all"], #show-attention:checked ~ .filters label[for="show-attention"], #show-passed:checked ~ .filters label[for="show-passed"], #show-failed:checked ~ .filters label[for="show-failed"], #show-error:checked ~ .filters label[for="show-error"] { background: var(--ink); border-color: var(--ink); color: #fff; }
        #show-all:checked ~ .filters label[for="show-all"] .count, #show-attention:checked ~ .filters label[for="show-attention"] .count, #show-passed:checked ~ .filters label[for="show-passed"] .count, #show-failed:checked ~ .filters label[for="show-failed"] .count, #show-error:checked ~ .filters label[for="show-error"] .count { color: #d5dbe2; }
        #show-all:focus-visible ~ .filters label[for="show-all"], #show-attention:focus-visible ~ .filters label[for="show-attention"], #show-passed:focus-visible ~ .filters label[for="show-passed"], #show-failed:focus-visible ~ .filters label[for="show-failed"], #show-error:focus-visible ~ .filters label[for="show-error"] { outline: 2px solid var(--passed); outline-offset: 2px; }
        #show-attention:checked ~ .table-wrap tr.case.passed, #show-passed:checked ~ .table-wrap tr.case:not(.passed), #show-failed:checked ~ .table-wrap tr.case:not(.failed), #show-error:checked ~ .table-wrap tr.case:not(.error) { display: none; }
        .table-wrap { overflow-x: auto; }
        table.cases { width: 100%; border-collapse: collapse; font-size: 13px; }
        table.cases th { position: sticky; top: 0; padding: 8px; border-bottom: 2px solid var(--line); background: var(--card); font-size: 11.5px; letter-spacing: .05em; text-align: left; text-transform: uppercase; color: var(--muted); white-space: nowrap; }
        table.cases td { padding: 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        table.cases .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.cases td.id { min-width: 110px; }
        table.cases td.id strong { overflow-wrap: anywhere; }
        table.cases .chip { white-space: normal; overflow-wrap: anywhere; border-radius: 8px; }
        table.cases td.result { min-width: 220px; }
        table.cases td.input, table.cases td.expected, table.cases td.actual { min-width: 130px; }
        tr.case.failed td { background: #fff6e5; }
        tr.case.error td { background: #fbeff6; }
        tr.case.failed td:first-child { box-shadow: inset 4px 0 0 var(--failed); }
        tr.case.error td:first-child { box-shadow: inset 4px 0 0 var(--error); }
        .badge { display: inline-block; padding: 1px 9px; border: 1px solid; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; }
        .badge.passed { color: #004f7c; background: #e5f1f8; border-color: #9cc6e3; }
        .badge.failed { color: #6e4300; background: #fde9c2; border-color: #e2aa45; }
        .badge.error { color: #6f2752; background: #f6dceb; border-color: #d196b9; }
        pre.value { max-height: 14em; margin: 0; overflow: auto; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
        tr.case:not(.passed) td.expected pre.value, tr.case:not(.passed) td.actual pre.value { padding: 4px 6px; border-radius: 4px; background: #ffffffcc; border: 1px solid var(--line); }
        tr.case:not(.passed) td.expected pre.value { border-left: 3px solid var(--passed); }
        tr.case:not(.passed) td.actual pre.value { border-left: 3px solid var(--failed); }
        .muted, .none { color: var(--muted); }
        .reason { margin: 2px 0 0; overflow-wrap: anywhere; }
        .note { font-size: 13px; color: var(--muted); }
        footer { margin-top: 8px; font-size: 12.5px; color: var(--muted); }
        footer p { margin: 2px 0; overflow-wrap: anywhere; }
        @media (max-width: 720px) { .page { padding: 20px 14px; } .card.wide { grid-column: auto; } }
        @media print {
          @page { margin: 14mm; }
          body { background: #fff; font-size: 11px; }
          .page { max-width: none; padding: 0; }
          .panel, .card, dl.meta { border-color: #cfd5dc; break-inside: avoid; }
          .filters, input.filter { display: none; }
          tr.case { display: table-row !important; break-inside: avoid; }
          .table-wrap { overflow: visible; }
          table.cases { table-layout: fixed; font-size: 10px; }
          table.cases th { position: static; font-size: 8.5px; letter-spacing: 0; }
          .badge { padding: 0 5px; font-size: 10px; }
          table.cases td { min-width: 0 !important; padding: 5px; }
          table.cases th:nth-child(1) { width: 10%; } table.cases th:nth-child(2) { width: 11%; } table.cases th:nth-child(3) { width: 17%; }
          table.cases th:nth-child(4), table.cases th:nth-child(5) { width: 15%; } table.cases th:nth-child(6) { width: 20%; }
          table.cases th:nth-child(7), table.cases th:nth-child(8) { width: 6%; white-space: normal; }
          pre.value { max-height: none; overflow: visible; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;
}
