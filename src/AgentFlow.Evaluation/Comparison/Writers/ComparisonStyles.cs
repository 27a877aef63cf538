namespace AgentFlow.Evaluation;

/// <summary>The comparison page's own rules, inlined after the report pages' stylesheet (<see cref="HtmlStyles"/>).</summary>
internal static class ComparisonStyles
{
    public const string Sheet = """
        :root { --improved: #009e73; --regressed: #d55e00; --baseline: #5f6b7a; --neither: #aab4bf; }
        h1 .arrow { padding: 0 .1em; font-weight: 400; color: var(--muted); }
        .verdict { display: flex; gap: 14px; align-items: flex-start; margin: 10px 0 16px; padding: 14px 18px; border: 1px solid; border-radius: 10px; }
        .verdict .mark { flex: none; display: grid; place-items: center; width: 34px; height: 34px; border-radius: 50%; font-size: 16px; font-weight: 700; color: #fff; }
        .verdict.better { background: #e7f5f0; border-color: #8ccfb9; }
        .verdict.better .mark { background: var(--improved); }
        .verdict.worse { background: #fcece2; border-color: #eba47f; }
        .verdict.worse .mark { background: var(--regressed); }
        .verdict.none { background: #eef1f4; border-color: #c9d1da; }
        .verdict.none .mark { background: var(--baseline); }
        .verdict .conclusion { margin: 3px 0 4px; font-size: 18px; font-weight: 700; line-height: 1.35; overflow-wrap: anywhere; }
        .verdict .meaning { margin: 0; font-size: 13.5px; color: #3d4854; }
        .warning { margin: 0 0 12px; padding: 8px 14px; border-left: 4px solid var(--failed); border-radius: 4px; background: #fff6e5; font-size: 13.5px; overflow-wrap: anywhere; }
        table.runs { width: 100%; margin: 0 0 22px; border-collapse: separate; border-spacing: 0; background: var(--card); border: 1px solid var(--line); border-radius: 10px; font-size: 13px; }
        table.runs th, table.runs td { padding: 7px 14px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        table.runs td { overflow-wrap: anywhere; }
        table.runs tr:last-child th, table.runs tr:last-child td { border-bottom: 0; }
        table.runs thead th { font-size: 11.5px; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
        table.runs tbody th { width: 150px; font-size: 11.5px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); white-space: nowrap; }
        table.runs td { width: 42%; }
        table.runs tr.changed td { background: #f3f8fc; }
        .changed-mark { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 999px; background: var(--ink); color: #fff; font-size: 10px; letter-spacing: .04em; }
        .cards.headline { grid-template-columns: minmax(0, 2.2fr) minmax(0, 1.8fr) minmax(0, 1fr) minmax(0, 1fr); }
        .cards.costs { grid-template-columns: repeat(4, minmax(0, 1fr)); margin-top: -8px; }
        .cards.costs .card .value { font-size: 18px; }
        .card.accuracy .strips { display: grid; grid-template-columns: auto 1fr auto; gap: 4px 8px; align-items: center; margin-top: 10px; font-size: 12px; color: var(--muted); }
        .card.accuracy .strips .strip { margin: 0; }
        .card.accuracy .of { font-variant-numeric: tabular-nums; }
        .card.delta.better .value { color: #00734f; }
        .card.delta.worse .value { color: #a94600; }
        .card .delta-strip { display: block; width: 100%; height: 34px; margin-top: 8px; }
        .outcomes { display: flex; flex-wrap: wrap; gap: 12px 32px; align-items: flex-start; }
        .outcomes svg.chart { flex: 0 1 500px; max-width: 500px; }
        .outcomes-notes { flex: 1 1 280px; max-width: 520px; font-size: 13.5px; }
        .outcomes-notes p { margin: 6px 0 10px; }
        .legend.vertical { flex-direction: column; gap: 6px; }
        .swatch.both { background: var(--passed); }
        .swatch.improved, .swatch.up { background: var(--improved); }
        .swatch.regressed { background: repeating-linear-gradient(45deg, #8a3d00 0 2px, var(--regressed) 2px 5px) var(--regressed); }
        .swatch.down { background: var(--regressed); }
        .swatch.neither { background: var(--neither); }
        .swatch.up, .swatch.down { width: 18px; height: 5px; vertical-align: 2px; border-radius: 3px; }
        .swatch.dot-baseline, .swatch.dot-candidate { width: 11px; height: 11px; border-radius: 50%; }
        .swatch.dot-baseline { background: #fff; border: 2px solid var(--baseline); }
        .swatch.dot-candidate { background: var(--passed); }
        table.tags { width: auto; min-width: 60%; margin-top: 14px; border-collapse: collapse; font-size: 13px; }
        table.tags th { padding: 6px 10px; border-bottom: 2px solid var(--line); font-size: 11.5px; letter-spacing: .05em; text-align: left; text-transform: uppercase; color: var(--muted); white-space: nowrap; }
        table.tags td { padding: 5px 10px; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
        table.tags td:first-child { min-width: 140px; max-width: 320px; }
        table.tags .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .flips h2 { display: flex; gap: 8px; align-items: center; }
        .flip-mark { display: inline-grid; place-items: center; width: 24px; height: 24px; border-radius: 50%; font-size: 12px; color: #fff; }
        .flip-mark.improved { background: var(--improved); }
        .flip-mark.regressed { background: var(--regressed); }
        .flips.regressed { border-left: 4px solid var(--regressed); }
        .flips.improved { border-left: 4px solid var(--improved); }
        .flips.empty { border-left-color: var(--line); }
        table.flipped { table-layout: fixed; min-width: 760px; }
        table.flipped th:nth-child(1) { width: 12%; } table.flipped th:nth-child(2), table.flipped th:nth-child(3) { width: 20%; }
        table.flipped th:nth-child(4), table.flipped th:nth-child(5) { width: 24%; }
        table.flipped td.side .badge { margin-bottom: 4px; }
        table.flipped td.side pre.value, table.flipped td.expected pre.value { margin-top: 2px; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: #fafbfc; }
        table.flipped td.expected pre.value { border-left: 3px solid var(--passed); }
        table.flipped td.side.passed pre.value { border-left: 3px solid var(--passed); }
        table.flipped td.side.failed pre.value { border-left: 3px solid var(--failed); }
        table.flipped td.side.failed { background: #fff8eb; }
        table.flipped td.side.error { background: #fbf0f6; }
        table.flipped td.side .none { margin: 2px 0 0; }
        ul.left-out { margin: 6px 0 0; padding-left: 20px; }
        @media (max-width: 900px) { .cards.headline, .cards.costs { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
        @media (max-width: 560px) { .cards.headline, .cards.costs { grid-template-columns: minmax(0, 1fr); } table.runs tbody th { width: auto; } table.runs th, table.runs td { padding: 6px 8px; } .changed-mark { display: table; margin: 3px 0 0; } }
        @media print {
          .verdict, table.runs, .outcomes { break-inside: avoid; }
          .cards.headline { grid-template-columns: minmax(0, 2.2fr) minmax(0, 1.8fr) minmax(0, 1fr) minmax(0, 1fr); }
          .cards.costs { grid-template-columns: repeat(4, minmax(0, 1fr)); }
          table.flipped { min-width: 0; font-size: 10px; }
          tr.flip { break-inside: avoid; }
        }
        """;
}
