using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace AgentFlow;

/// <summary>
/// Builds a branch whose cases are typed values (an enum, a record, a string): code or an LLM chooses the value, and the
/// case with that value runs. Start one with <see cref="Flow.Branch{TIn, TCase, TOut}(string)"/>.
/// </summary>
/// <typeparam name="TIn">The branch's input, passed to the chosen case.</typeparam>
/// <typeparam name="TCase">The type of the case values.</typeparam>
/// <typeparam name="TOut">The output of every case.</typeparam>
/// <remarks>
/// Labels (used in node paths such as <c>support/route[Billing]/refund</c> and offered to the model) are the enum
/// member name, the string itself, or the value's invariant text; give other values a <c>label</c>. An enum member's
/// <see cref="DescriptionAttribute"/> describes its case to the model.
/// </remarks>
public sealed class BranchBuilder<TIn, TCase, TOut>
    where TCase : notnull
{
    private readonly string _name;
    private readonly List<(TCase Value, BranchCase<TIn, TOut> Case)> _cases = [];
    private readonly List<string> _errors = [];
    private Func<TIn, TCase>? _selector;
    private Func<TIn, string>? _prompt;
    private LlmDecisionOptions? _llmOptions;
    private FlowTask<TIn, TOut>? _default;
    private (bool Declared, TCase Value) _fallback;

    internal BranchBuilder(string name)
    {
        NodeNames.ThrowIfInvalid(name, NodeKind.Branch);
        _name = name;
    }

    /// <summary>Lets code choose: the case whose value equals the selector's result runs.</summary>
    /// <param name="selector">Computes the case value from the input.</param>
    /// <returns>This builder.</returns>
    public BranchBuilder<TIn, TCase, TOut> DecideBy(Func<TIn, TCase> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        RequireNoDecider();
        _selector = selector;
        return this;
    }

    /// <summary>
    /// Lets an LLM choose among the declared cases. The model must answer one of their labels (constrained by a JSON
    /// schema); its rationale and confidence are recorded. An answer outside the cases is sent back with a correction
    /// up to <see cref="LlmDecisionOptions.MaxCorrections"/> times, then goes to the <see cref="FallbackTo"/> case if
    /// one is declared, or fails the run with a <see cref="RouteDecisionException"/>.
    /// </summary>
    /// <param name="prompt">Writes what the model should decide about, from the input.</param>
    /// <param name="configure">Sets the chat client, model and number of corrections.</param>
    /// <returns>This builder.</returns>
    /// <remarks>The prompt usually carries user content: treat the model's choice as untrusted input to your cases.</remarks>
    public BranchBuilder<TIn, TCase, TOut> DecideByLlm(Func<TIn, string> prompt, Action<LlmDecisionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        RequireNoDecider();
        _prompt = prompt;
        _llmOptions = new LlmDecisionOptions();
        configure?.Invoke(_llmOptions);
        return this;
    }

    /// <summary>Declares a case.</summary>
    /// <param name="value">The value that selects this case.</param>
    /// <param name="task">What runs when this case is chosen.</param>
    /// <param name="label">The case's label in paths and prompts; defaults to the value's name or text.</param>
    /// <param name="description">What the case is for, told to the model; defaults to an enum member's <see cref="DescriptionAttribute"/>.</param>
    /// <returns>This builder.</returns>
    public BranchBuilder<TIn, TCase, TOut> Case(TCase value, FlowTask<TIn, TOut> task, string? label = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(task);
        label ??= LabelOf(value);
        if (!NodeNames.IsValid(label))
        {
            _errors.Add($"Branch '{_name}': the case for {value} has the label '{label}', which cannot be a path segment. "
                + "Pass label: \"...\" using letters, digits, '-', '_' or '.'.");
        }

        if (_cases.Any(c => EqualityComparer<TCase>.Default.Equals(c.Value, value)))
        {
            _errors.Add($"Branch '{_name}' declares the case {label} twice. Declare each value once.");
        }

        _cases.Add((value, new BranchCase<TIn, TOut>(label, description ?? DescriptionOf(value), task)));
        return this;
    }

    /// <summary>Declares what runs when code chooses a value that has no case. Not for LLM decisions.</summary>
    /// <param name="task">The default case's task; its label is <c>default</c>.</param>
    /// <returns>This builder.</returns>
    public BranchBuilder<TIn, TCase, TOut> Default(FlowTask<TIn, TOut> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        _default = task;
        return this;
    }

    /// <summary>
    /// Declares the case an LLM decision falls back to when the model gives no valid answer within its corrections.
    /// The fallback is recorded as such in the run (<see cref="DecisionSource.Fallback"/>).
    /// </summary>
    /// <param name="value">A declared case's value.</param>
    /// <returns>This builder.</returns>
    public BranchBuilder<TIn, TCase, TOut> FallbackTo(TCase value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _fallback = (true, value);
        return this;
    }

    /// <summary>Builds and validates the branch.</summary>
    /// <returns>The branch, a task from <typeparamref name="TIn"/> to <typeparamref name="TOut"/>.</returns>
    /// <exception cref="FlowDefinitionException">A rule is broken: no decision, no cases, duplicate or invalid labels, enum members without a case and no default, a fallback that is not a case.</exception>
    public FlowTask<TIn, TOut> Build()
    {
        var errors = _errors.Select(e => new DefinitionError(_name, e)).ToList();
        var cases = _cases.Select(c => c.Case).ToArray();
        var fallbackIndex = -1;
        if (_fallback.Declared)
        {
            fallbackIndex = _cases.FindIndex(c => EqualityComparer<TCase>.Default.Equals(c.Value, _fallback.Value));
            if (fallbackIndex < 0)
            {
                errors.Add(new(_name, $"Branch '{_name}' falls back to {_fallback.Value}, which is not one of its cases. Declare it with .Case(...) first."));
            }
        }

        if (_selector is not null && _default is null && FiniteValues() is { } all)
        {
            var missing = all.Where(v => !_cases.Any(c => EqualityComparer<TCase>.Default.Equals(c.Value, v))).ToArray();
            if (missing.Length > 0)
            {
                errors.Add(new(
                    _name,
                    $"Branch '{_name}' has no case for {string.Join(", ", missing.Select(m => typeof(TCase).IsEnum ? $"{typeof(TCase).Name}.{m}" : LabelOf(m)))} and no default. "
                    + "Add a case for each, or declare .Default(...) for the rest."));
            }
        }

        if (_llmOptions?.ClientConflict() is { } conflict)
        {
            errors.Add(new(_name, $"Branch '{_name}': {conflict}"));
        }

        BranchDecider<TIn>? decider = null;
        if (_selector is not null)
        {
            decider = new SelectorDecider<TIn, TCase>(_selector, [.. _cases.Select(c => c.Value)]);
        }
        else if (_prompt is not null)
        {
            var llm = new LlmDecider([.. cases.Select(c => (c.Label, c.Description))], _llmOptions!.Clone(), $"choose the route at '{_name}'");
            decider = new LlmBranchDecider<TIn>(_prompt, llm, fallbackIndex);
        }

        var branch = new BranchTask<TIn, TOut>(_name, decider, cases, _default, fallbackIndex >= 0 ? cases[fallbackIndex].Label : null, errors);
        DefinitionValidator.ThrowIfInvalid(branch);
        return branch;
    }

    /// <summary>Every value of a case type with a known, finite set of values (enums and bool), else <see langword="null"/>.</summary>
    private static TCase[]? FiniteValues()
        => typeof(TCase).IsEnum ? [.. Enum.GetValues(typeof(TCase)).Cast<TCase>()]
            : typeof(TCase) == typeof(bool) ? [(TCase)(object)false, (TCase)(object)true]
            : null;

    private void RequireNoDecider()
    {
        if (_selector is not null || _prompt is not null)
        {
            throw new FlowDefinitionException(_name, $"Branch '{_name}' already has a decision. Call either .DecideBy(...) or .DecideByLlm(...), once.");
        }
    }

    private static string LabelOf(TCase value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        Enum member => member.ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string? DescriptionOf(TCase value)
        => value is Enum member
            ? typeof(TCase).GetField(member.ToString(), BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<DescriptionAttribute>()?.Description
            : null;
}
