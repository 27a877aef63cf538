namespace AgentFlow;

/// <summary>
/// Builds a loop: the body runs, then the exit condition is checked on its output, until the condition holds; every
/// loop has an iteration cap. Start one with <see cref="Flow.Loop{T}(string, FlowTask{T, T})"/>.
/// </summary>
/// <typeparam name="T">The type the body refines: its input and output.</typeparam>
public sealed class LoopBuilder<T>
{
    /// <summary>The largest cap a loop may have.</summary>
    public const int MaxAllowedIterations = 10_000;

    private readonly string _name;
    private readonly FlowTask<T, T> _body;
    private int? _maxIterations;
    private Func<T, bool>? _until;
    private Func<T, string>? _prompt;
    private LlmDecisionOptions? _llmOptions;
    private LoopDecision? _fallback;
    private Func<T, T>? _onCapReached;

    internal LoopBuilder(string name, FlowTask<T, T> body)
    {
        NodeNames.ThrowIfInvalid(name, NodeKind.Loop);
        ArgumentNullException.ThrowIfNull(body);
        _name = name;
        _body = body;
    }

    /// <summary>Sets the iteration cap (required): the body runs at most this many times.</summary>
    /// <param name="maxIterations">From 1 to <see cref="MaxAllowedIterations"/>.</param>
    /// <returns>This builder.</returns>
    public LoopBuilder<T> MaxIterations(int maxIterations)
    {
        _maxIterations = maxIterations;
        return this;
    }

    /// <summary>Stops the loop when <paramref name="condition"/> holds for the body's output.</summary>
    /// <param name="condition">The exit condition.</param>
    /// <returns>This builder.</returns>
    public LoopBuilder<T> Until(Func<T, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        RequireNoCondition();
        _until = condition;
        return this;
    }

    /// <summary>
    /// Lets an LLM decide after each iteration whether to <c>stop</c> or <c>continue</c>; each decision is recorded with
    /// its rationale and confidence. An answer that is neither is corrected, then goes to the <see cref="FallbackTo"/>
    /// decision if declared, or fails the run with a <see cref="RouteDecisionException"/>.
    /// </summary>
    /// <param name="prompt">Writes what the model should judge, from the body's output.</param>
    /// <param name="configure">Sets the chat client, model and number of corrections.</param>
    /// <returns>This builder.</returns>
    public LoopBuilder<T> UntilLlm(Func<T, string> prompt, Action<LlmDecisionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        RequireNoCondition();
        _prompt = prompt;
        _llmOptions = new LlmDecisionOptions();
        configure?.Invoke(_llmOptions);
        return this;
    }

    /// <summary>Declares what an LLM exit decision falls back to when the model gives no valid answer; recorded as a fallback.</summary>
    /// <param name="decision">Stop or continue.</param>
    /// <returns>This builder.</returns>
    public LoopBuilder<T> FallbackTo(LoopDecision decision)
    {
        _fallback = decision;
        return this;
    }

    /// <summary>
    /// Declares what the loop returns when it reaches its cap without the condition holding, instead of failing with
    /// <see cref="LoopCapExceededException"/>. Recorded in the run as <see cref="LoopExit.CapFallback"/>.
    /// </summary>
    /// <param name="fallback">Computes the loop's output from the body's last output.</param>
    /// <returns>This builder.</returns>
    public LoopBuilder<T> OnCapReached(Func<T, T> fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        _onCapReached = fallback;
        return this;
    }

    /// <summary>Builds and validates the loop.</summary>
    /// <returns>The loop, a task from <typeparamref name="T"/> to <typeparamref name="T"/>.</returns>
    /// <exception cref="FlowDefinitionException">No cap, a cap out of range, no exit condition, or a fallback without an LLM condition.</exception>
    public FlowTask<T, T> Build()
    {
        List<DefinitionError> errors = [];
        if (_maxIterations is null)
        {
            errors.Add(new(_name, $"Loop '{_name}' has no iteration cap. Every loop needs one: call .MaxIterations(n)."));
        }
        else if (_maxIterations is < 1 or > MaxAllowedIterations)
        {
            errors.Add(new(_name, $"Loop '{_name}' has a cap of {_maxIterations}. Use .MaxIterations(n) with n from 1 to {MaxAllowedIterations}."));
        }

        if (_until is null && _prompt is null)
        {
            errors.Add(new(_name, $"Loop '{_name}' has no exit condition. Call .Until(value => ...) or .UntilLlm(value => prompt)."));
        }

        if (_llmOptions?.ClientConflict() is { } conflict)
        {
            errors.Add(new(_name, $"Loop '{_name}': {conflict}"));
        }

        if (_fallback is not null && _prompt is null)
        {
            errors.Add(new(_name, $"Loop '{_name}' declares .FallbackTo(...), which applies to LLM exit decisions only (.UntilLlm)."));
        }

        var decider = _prompt is null
            ? null
            : new LlmDecider(
                [("stop", "the result is good enough: stop iterating"), ("continue", "the result needs another iteration")],
                _llmOptions!.Clone(),
                $"decide whether the loop '{_name}' should stop");
        var loop = new LoopTask<T>(_name, _body, _maxIterations ?? 0, _until, _prompt, decider, _fallback, _onCapReached, errors);
        DefinitionValidator.ThrowIfInvalid(loop);
        return loop;
    }

    private void RequireNoCondition()
    {
        if (_until is not null || _prompt is not null)
        {
            throw new FlowDefinitionException(_name, $"Loop '{_name}' already has an exit condition. Call either .Until(...) or .UntilLlm(...), once.");
        }
    }
}
