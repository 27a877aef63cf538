using System.Globalization;
using System.Text;

namespace AgentFlow.Evaluation;

/// <summary>
/// The rules composition pages add to the report pages' stylesheet: the classes' badges, swatches and row colours, the
/// case table's filter by class (hidden radio buttons and sibling selectors, no script), the mosaics' grid, the steps of
/// a case, small bars in tables, and two flows side by side.
/// </summary>
internal static class CompositionStyles
{
    public static string Sheet { get; } = Build();

    private static string Build()
    {
        var css = new StringBuilder("""
            .badge.task-failed { color: #6f2752; background: #f6dceb; border-color: #d196b9; }
            .badge.scoring-failed { color: #3d4650; background: #eceff2; border-color: #b5bcc4; }
            .badge.wrong-route { color: #00553e; background: #d9f2ea; border-color: #7fcab3; }
            .badge.subtask-incorrect { color: #7a2f00; background: #fbe1d1; border-color: #e59a6c; }
            .badge.gap { color: #6e4300; background: #fde9c2; border-color: #e2aa45; }
            .swatch.o-passed { background: #0072b2; }
            .swatch.o-task-failed { background: repeating-linear-gradient(45deg, #8e3b6b 0 2px, #cc79a7 2px 5px); }
            .swatch.o-scoring-failed { background: radial-gradient(circle, #ffffff 0 1px, #a3aab3 1.4px) 0 0 / 5px 5px; }
            .swatch.o-wrong-route { background: #009e73; }
            .swatch.o-subtask-incorrect { background: #d55e00; }
            .swatch.o-gap { background: #e69f00; }
            .swatch.m-both-right { background: #0072b2; }
            .swatch.m-gap { background: repeating-linear-gradient(45deg, #f3cd80 0 2px, #e69f00 2px 6px); }
            .swatch.m-lucky { background: #56b4e9; }
            .swatch.m-both-wrong { background: repeating-linear-gradient(45deg, #eaaf80 0 2px, #d55e00 2px 6px); }
            .swatch.baseline { background: #ffffff; border: 2px solid #5f6b7a; border-radius: 50%; }
            .swatch.candidate { background: #0072b2; transform: rotate(45deg) scale(.85); }
            .swatch.hollow { background: #e5e8eb; border: 1.5px solid #5f6b7a; }
            .swatch.solid { background: #5f6b7a; }
            tr.case.task-failed td { background: #fbeff6; }
            tr.case.scoring-failed td { background: #f3f4f6; }
            tr.case.wrong-route td { background: #eaf7f2; }
            tr.case.subtask-incorrect td { background: #fdf0e8; }
            tr.case.gap td { background: #fff6e5; }
            tr.case.task-failed td:first-child { box-shadow: inset 4px 0 0 #cc79a7; }
            tr.case.scoring-failed td:first-child { box-shadow: inset 4px 0 0 #a3aab3; }
            tr.case.wrong-route td:first-child { box-shadow: inset 4px 0 0 #009e73; }
            tr.case.subtask-incorrect td:first-child { box-shadow: inset 4px 0 0 #d55e00; }
            tr.case.gap td:first-child { box-shadow: inset 4px 0 0 #e69f00; }
            .split { display: grid; grid-template-columns: minmax(0, 5fr) minmax(220px, 2fr); gap: 8px 28px; align-items: center; }
            .split svg.chart { max-width: 640px; }
            table.legend-table { border-collapse: collapse; font-size: 13px; }
            table.legend-table td { padding: 4px 8px 4px 0; vertical-align: top; }
            table.legend-table td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            table.legend-table tr.total td { border-top: 1px solid var(--line); font-weight: 600; }
            ol.precedence { margin: 10px 0 0; padding-left: 22px; font-size: 13px; color: var(--muted); columns: 2 320px; column-gap: 28px; }
            ol.precedence li { margin: 0 0 3px; break-inside: avoid; }
            ol.precedence strong { color: var(--ink); font-weight: 600; }
            .mosaics { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 18px 22px; margin-top: 6px; }
            figure.mosaic { margin: 0; min-width: 0; }
            figure.mosaic svg.chart { max-width: 340px; }
            figure.mosaic figcaption { margin: 0 0 4px; font-size: 13px; }
            figure.mosaic figcaption strong { display: block; font-size: 14px; overflow-wrap: anywhere; }
            figure.mosaic figcaption span { color: var(--muted); }
            .versus { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px 18px; }
            .versus > div { min-width: 0; }
            section.versus { margin: 0 0 22px; }
            .versus + .versus { margin-top: 18px; }
            .panel h3 { margin: 18px 0 8px; font-size: 15px; }
            tr.change.fixed td { background: #eef6fb; }
            tr.change.fixed td:first-child { box-shadow: inset 4px 0 0 #0072b2; }
            .versus h3 { margin: 0 0 8px; font-size: 15px; overflow-wrap: anywhere; }
            .versus h3 .role { margin-left: 6px; font-size: 11.5px; font-weight: 400; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
            .versus .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); margin-bottom: 12px; }
            .versus dl.meta { grid-template-columns: 1fr; margin-bottom: 0; }
            svg.mini { display: inline-block; width: 80px; height: 9px; margin-right: 8px; vertical-align: 0; }
            table.nodes { width: 100%; border-collapse: collapse; font-size: 13px; }
            table.nodes th { padding: 6px 8px; border-bottom: 2px solid var(--line); font-size: 11.5px; letter-spacing: .05em; text-align: left; text-transform: uppercase; color: var(--muted); white-space: nowrap; }
            table.nodes td { padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
            table.nodes .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            table.nodes td.bar { white-space: nowrap; font-variant-numeric: tabular-nums; }
            table.nodes th.group { text-align: center; border-bottom: 1px solid var(--line); }
            ul.steps { margin: 6px 0 0; padding: 0; list-style: none; font-size: 12px; }
            ul.steps li { margin: 0 0 2px; overflow-wrap: anywhere; }
            ul.steps li.right { display: inline-block; margin-right: 10px; }
            table.cases p.input { margin: 4px 0 0; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
            ul.steps li .mark { display: inline-block; width: 1.3em; font-weight: 700; }
            ul.steps li.right .mark { color: #0072b2; }
            ul.steps li.wrong .mark, ul.steps li.notrun .mark { color: #b34d00; }
            ul.steps li.unknown { color: var(--muted); }
            ul.steps li.first { font-weight: 600; }
            ul.steps li .why { display: block; margin-left: 1.3em; font-weight: 400; color: var(--muted); }
            table.cases td.first { min-width: 240px; }
            table.cases td.id { min-width: 190px; }
            table.cases td.why { min-width: 220px; }
            .delta.better { color: #005a8c; font-weight: 600; }
            .delta.worse { color: #a34400; font-weight: 600; }
            .arrow { color: var(--muted); padding: 0 4px; }
            @media (max-width: 720px) { .split, .versus { grid-template-columns: minmax(0, 1fr); } }
            @media print { .mosaics { grid-template-columns: repeat(3, minmax(0, 1fr)); } .split { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); } ul.steps { font-size: 9px; } }

            """);

        // The filters of the case table: one hidden radio button per class, the rows of other classes hidden.
        foreach (var outcome in CompositionClasses.InPrecedence.Where(o => o != CompositionOutcome.Passed))
        {
            var id = "show-" + CompositionClasses.Css(outcome);
            css.Append(CultureInfo.InvariantCulture, $"#{id}:checked ~ .filters label[for=\"{id}\"] {{ background: var(--ink); border-color: var(--ink); color: #fff; }}\n");
            css.Append(CultureInfo.InvariantCulture, $"#{id}:checked ~ .filters label[for=\"{id}\"] .count {{ color: #d5dbe2; }}\n");
            css.Append(CultureInfo.InvariantCulture, $"#{id}:focus-visible ~ .filters label[for=\"{id}\"] {{ outline: 2px solid var(--passed); outline-offset: 2px; }}\n");
            css.Append(CultureInfo.InvariantCulture, $"#{id}:checked ~ .table-wrap tr.case:not(.{CompositionClasses.Css(outcome)}) {{ display: none; }}\n");
        }

        return css.ToString().TrimEnd('\n');
    }
}
