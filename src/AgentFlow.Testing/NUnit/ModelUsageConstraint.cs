using System.Globalization;
using NUnit.Framework.Constraints;

namespace AgentFlow.Testing.NUnit;

/// <summary>
/// Holds when a run's model use (<see cref="RunRecord.LlmCalls"/>), in the whole run or at a node and below it, stays
/// within bounds on calls, tokens and cost. Applies to a <see cref="FlowResult{TOut}"/>, a <see cref="RunRecord"/>, or
/// the <see cref="FlowRunException"/> of a failed run. Create it with <see cref="UsedModel"/>.
/// </summary>
/// <remarks>A failure lists the use per node: <c>The run made 4 model call(s) but at most 3 were expected: support/route 2 (route-decision), ...</c></remarks>
public sealed class ModelUsageConstraint : Constraint
{
    private readonly string? _path;
    private int? _calls;
    private long? _tokens;
    private decimal? _cost;

    internal ModelUsageConstraint(string? path)
    {
        _path = path;
    }

    /// <inheritdoc />
    public override string Description
    {
        get
        {
            List<string> bounds = [];
            if (_calls is { } calls)
            {
                bounds.Add($"{calls} call(s)");
            }

            if (_tokens is { } tokens)
            {
                bounds.Add($"{tokens} token(s)");
            }

            if (_cost is { } cost)
            {
                bounds.Add(string.Create(CultureInfo.InvariantCulture, $"a cost of {cost}"));
            }

            return $"model use {Where}{(bounds.Count == 0 ? ", at least one call" : $" of at most {string.Join(", ", bounds)}")}";
        }
    }

    private string Where => _path is null ? "in the run" : $"at {_path}";

    /// <summary>Bounds the model use; each bound given must hold.</summary>
    /// <param name="calls">The most requests sent to models, repairs, corrections, retries and fallbacks included (as <see cref="RunBudget.MaxModelCalls"/> counts them).</param>
    /// <param name="tokens">The most input and output tokens together, reported or estimated.</param>
    /// <param name="cost">The most the calls may cost, priced with <see cref="RunOptions.Prices"/>; use with no priced call fails this bound.</param>
    /// <returns>This constraint.</returns>
    /// <exception cref="ArgumentException">No bound is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is negative.</exception>
    public ModelUsageConstraint AtMost(int? calls = null, long? tokens = null, decimal? cost = null)
    {
        if (calls is null && tokens is null && cost is null)
        {
            throw new ArgumentException("Give at least one bound: calls, tokens or cost.");
        }

        if (calls < 0 || tokens < 0 || cost < 0)
        {
            throw new ArgumentOutOfRangeException(calls < 0 ? nameof(calls) : tokens < 0 ? nameof(tokens) : nameof(cost), "Bounds on model use cannot be negative.");
        }

        (_calls, _tokens, _cost) = (calls, tokens, cost);
        return this;
    }

    /// <inheritdoc />
    public override ConstraintResult ApplyTo<TActual>(TActual actual)
    {
        var run = RunUnderTest.From(actual, _path is null ? "UsedModel" : $"UsedModel.At(\"{_path}\")");
        var uses = run.Record.LlmCalls.Where(c => _path is null || PathMatch.IsAtOrBelow(c.Path, _path)).ToList();
        var calls = uses.Sum(c => Math.Max(c.Requests.Count, c.Attempts));
        var tokens = uses.Sum(c => (c.Usage?.InputTokenCount ?? 0) + (c.Usage?.OutputTokenCount ?? 0));
        var priced = uses.Any(c => c.Cost is not null);
        var cost = uses.Sum(c => c.Cost ?? 0);
        var summary = string.Create(CultureInfo.InvariantCulture, $"{calls} call(s), {tokens} token(s){(priced ? $", cost {cost}" : null)} {Where}");

        string? problem = null;
        if (_calls is null && _tokens is null && _cost is null && calls == 0)
        {
            problem = $"No model was called {Where}.";
        }
        else if (calls > _calls)
        {
            problem = $"{Subject} made {calls} model call(s) but at most {_calls} were expected.";
        }
        else if (tokens > _tokens)
        {
            problem = $"{Subject} used {tokens} token(s) but at most {_tokens} were expected.";
        }
        else if (_cost is { } maxCost && !priced && calls > 0)
        {
            problem = $"{Subject} made {calls} model call(s) but none was priced, so its cost cannot be held to {maxCost.ToString(CultureInfo.InvariantCulture)}: set RunOptions.Prices for its models.";
        }
        else if (cost > _cost)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"{Subject} cost {cost} but at most {_cost} was expected.");
        }

        if (problem is null)
        {
            return new FlowConstraintResult(this, success: true, summary, []);
        }

        List<string> lines = [problem];
        if (uses.Count > 0)
        {
            lines.Add($"Model use: {RunText.List(uses.Select(Brief))}.");
        }

        lines.AddRange(run.Context());
        return new FlowConstraintResult(this, success: false, summary, lines);
    }

    private string Subject => _path is null ? "The run" : $"The run at {_path}";

    private static string Brief(LlmCallRecord call)
    {
        var tokens = (call.Usage?.InputTokenCount ?? 0) + (call.Usage?.OutputTokenCount ?? 0);
        var cost = call.Cost is { } value ? string.Create(CultureInfo.InvariantCulture, $", cost {value}") : null;
        return $"{call.Path} {Math.Max(call.Requests.Count, call.Attempts)} call(s), {tokens} token(s){cost} ({call.Purpose})";
    }
}
