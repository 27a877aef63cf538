namespace AgentFlow;

/// <summary>
/// A few-shot example of a prompt task: an input and the output the model should give for it. Each example is shown
/// to the model as a user message (the task's user template rendered with <paramref name="Input"/>) followed by an
/// assistant message (<paramref name="Output"/> written exactly as the model is asked to reply), before the real input.
/// </summary>
/// <typeparam name="TIn">The task's input type.</typeparam>
/// <typeparam name="TOut">The task's output type.</typeparam>
/// <param name="Input">The example's input.</param>
/// <param name="Output">The output the model should give for <paramref name="Input"/>; it must pass the output's own validation.</param>
/// <param name="Reasoning">
/// The step-by-step reasoning that leads to <paramref name="Output"/>, for a task with
/// <see cref="PromptTaskOptions.ChainOfThought"/> on (required there, refused without it).
/// </param>
/// <remarks>
/// Examples are read when the task is built (validated, serialized and hashed into <see cref="PromptTask{TIn, TOut}.ExamplesHash"/>):
/// do not change their inputs or outputs afterwards.
/// </remarks>
public sealed record PromptExample<TIn, TOut>(TIn Input, TOut Output, string? Reasoning = null);
