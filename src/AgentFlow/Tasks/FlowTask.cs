namespace AgentFlow;

/// <summary>Creates tasks: from delegates, from classes resolved through dependency injection, from prompts, agents and tools.</summary>
/// <remarks>
/// Sync delegates that complete without awaiting cost no allocation per run. A delegate that throws fails its task with a
/// <see cref="FlowTaskException"/> naming the task's path; cancellation of the run is never wrapped.
/// </remarks>
public static class FlowTask
{
    /// <summary>Creates a task from a synchronous function.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="name">The task's stable name: letters, digits, '-', '_' or '.'.</param>
    /// <param name="func">The work.</param>
    /// <returns>The task.</returns>
    public static FlowTask<TIn, TOut> Create<TIn, TOut>(string name, Func<TIn, TOut> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return new CodeTask<TIn, TOut>(name, (input, _, _, _, _) => new ValueTask<TOut>(func(input)));
    }

    /// <summary>Creates a task from a synchronous function that observes cancellation.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="name">The task's stable name.</param>
    /// <param name="func">The work.</param>
    /// <returns>The task.</returns>
    public static FlowTask<TIn, TOut> Create<TIn, TOut>(string name, Func<TIn, CancellationToken, TOut> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return new CodeTask<TIn, TOut>(name, (input, _, _, _, ct) => new ValueTask<TOut>(func(input, ct)));
    }

    /// <summary>Creates a task from a synchronous function that reads its <see cref="FlowContext"/>.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="name">The task's stable name.</param>
    /// <param name="func">The work.</param>
    /// <returns>The task.</returns>
    public static FlowTask<TIn, TOut> Create<TIn, TOut>(string name, Func<TIn, FlowContext, CancellationToken, TOut> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return new CodeTask<TIn, TOut>(name, (input, parent, self, run, ct) => new ValueTask<TOut>(func(input, new FlowContext(parent, self, run), ct)));
    }

    /// <summary>Creates a task from an asynchronous function.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="name">The task's stable name.</param>
    /// <param name="func">The work.</param>
    /// <returns>The task.</returns>
    public static FlowTask<TIn, TOut> Create<TIn, TOut>(string name, Func<TIn, Task<TOut>> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return new CodeTask<TIn, TOut>(name, (input, _, _, _, _) => new ValueTask<TOut>(func(input)));
    }

    /// <summary>Creates a task from an asynchronous function that observes cancellation.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="name">The task's stable name.</param>
    /// <param name="func">The work.</param>
    /// <returns>The task.</returns>
    public static FlowTask<TIn, TOut> Create<TIn, TOut>(string name, Func<TIn, CancellationToken, Task<TOut>> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return new CodeTask<TIn, TOut>(name, (input, _, _, _, ct) => new ValueTask<TOut>(func(input, ct)));
    }

    /// <summary>Creates a task from an asynchronous function that reads its <see cref="FlowContext"/>.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="name">The task's stable name.</param>
    /// <param name="func">The work.</param>
    /// <returns>The task.</returns>
    public static FlowTask<TIn, TOut> Create<TIn, TOut>(string name, Func<TIn, FlowContext, CancellationToken, Task<TOut>> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return new CodeTask<TIn, TOut>(name, (input, parent, self, run, ct) => new ValueTask<TOut>(func(input, new FlowContext(parent, self, run), ct)));
    }

    /// <summary>
    /// Creates a task implemented by a class resolved from the run's services for every invocation, so its
    /// dependencies and lifetime come from dependency injection.
    /// </summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <typeparam name="THandler">The handler; register it with <c>services.AddAgentFlow().AddTaskHandler&lt;THandler&gt;()</c>.</typeparam>
    /// <param name="name">The task's stable name.</param>
    /// <returns>The task.</returns>
    public static FlowTask<TIn, TOut> FromService<TIn, TOut, THandler>(string name)
        where THandler : class, IFlowTaskHandler<TIn, TOut>
        => new ServiceTask<TIn, TOut, THandler>(name);

    /// <summary>
    /// Creates a task that renders <paramref name="prompt"/> from its input, asks a model and returns the reply as a
    /// validated <typeparamref name="TOut"/>. For any type other than <see cref="string"/>, the reply is constrained by
    /// a JSON schema derived from the type, parsed, and checked with DataAnnotations; a reply that fails is sent back
    /// with the errors up to <see cref="PromptTaskOptions.MaxRepairs"/> times, then fails the task with an
    /// <see cref="OutputValidationException"/>. Every use is recorded in <see cref="RunRecord.LlmCalls"/> with the
    /// prompt's name, version and hash, the attempts and the token usage.
    /// </summary>
    /// <typeparam name="TIn">The input type: its public properties, and <c>input</c>, are the template's variables.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="name">The task's stable name.</param>
    /// <param name="prompt">The versioned prompt.</param>
    /// <param name="configure">Sets the chat client, model, temperature (0 by default), repairs, chain-of-thought and samples.</param>
    /// <param name="agreement">With several samples, says when two outputs agree; <see cref="EqualityComparer{T}.Default"/> by default (records compare by value).</param>
    /// <returns>The task; give it few-shot examples with <see cref="PromptTask{TIn, TOut}.WithExamples"/>.</returns>
    /// <exception cref="FlowDefinitionException">The prompt uses a variable the input does not provide, or the options contradict each other.</exception>
    /// <remarks>Prompts usually carry user content: treat the model's reply as untrusted input to what follows.</remarks>
    public static PromptTask<TIn, TOut> FromPrompt<TIn, TOut>(
        string name, Prompt prompt, Action<PromptTaskOptions>? configure = null, IEqualityComparer<TOut>? agreement = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var options = new PromptTaskOptions();
        configure?.Invoke(options);
        var task = new PromptTask<TIn, TOut>(name, prompt, options.Clone(), agreement);
        DefinitionValidator.ThrowIfInvalid(task);
        return task;
    }

    /// <summary>
    /// Creates an agent task: a prompt task (same rendering, typed and validated output, repairs, chain-of-thought and
    /// samples) whose model may call the tools in <see cref="PromptTaskOptions.Tools"/> before it answers. While the
    /// model's reply calls tools, each call is checked against that allow-list, run with the run's services and
    /// cancellation, and its result sent back; the first reply that calls none is read as <typeparamref name="TOut"/>.
    /// Rounds of calls are capped by <see cref="PromptTaskOptions.MaxToolRounds"/>; a failed call goes back to the model
    /// or fails the task, as <see cref="PromptTaskOptions.ToolErrors"/> says. Every call is recorded in
    /// <see cref="RunRecord.ToolCalls"/>.
    /// </summary>
    /// <typeparam name="TIn">The input type: its public properties, and <c>input</c>, are the template's variables.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="name">The task's stable name.</param>
    /// <param name="prompt">The versioned prompt.</param>
    /// <param name="configure">Sets the tools (at least one), the cap on tool rounds, what a failed call does, and the prompt task's options.</param>
    /// <param name="agreement">With several samples, says when two outputs agree; <see cref="EqualityComparer{T}.Default"/> by default.</param>
    /// <returns>The task.</returns>
    /// <exception cref="FlowDefinitionException">
    /// The task has no tools, two tools share a name, a tool is not an <c>AIFunction</c> (a hosted tool, a declaration
    /// only) or requires approval, the prompt uses a variable the input does not provide, or the options contradict each other.
    /// </exception>
    /// <remarks>
    /// The model chooses which tools to call and with what arguments, and its input usually carries user content: give
    /// an agent only the tools it may use on behalf of whoever wrote that content, and treat its output as untrusted.
    /// </remarks>
    public static PromptTask<TIn, TOut> FromAgent<TIn, TOut>(
        string name, Prompt prompt, Action<PromptTaskOptions> configure, IEqualityComparer<TOut>? agreement = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PromptTaskOptions();
        configure(options);
        var task = new PromptTask<TIn, TOut>(name, prompt, options.Clone(), agreement, NodeKind.Agent);
        DefinitionValidator.ThrowIfInvalid(task);
        return task;
    }

    /// <summary>
    /// Creates a tool task: a task that calls one function, without a model. The input's public properties are the
    /// function's arguments, matched to its parameters by name (ignoring case); an input of a simple type (a string, a
    /// number, an enum, a date, ...) is the argument of a function with one parameter. The result becomes the output:
    /// as it is when it is a <typeparamref name="TOut"/>, otherwise read from its JSON (web defaults, enums as strings).
    /// The call is recorded in <see cref="RunRecord.ToolCalls"/>.
    /// </summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="name">The task's stable name.</param>
    /// <param name="function">
    /// The function: an <see cref="Microsoft.Extensions.AI.AIFunction"/>, such as one made with
    /// <see cref="Microsoft.Extensions.AI.AIFunctionFactory"/>, or a Semantic Kernel <c>KernelFunction</c>. It gets the run's services.
    /// </param>
    /// <returns>The task.</returns>
    /// <exception cref="FlowDefinitionException">The input does not provide a parameter the function requires.</exception>
    /// <remarks>A function that throws fails the task with a <see cref="FlowTaskException"/> naming the node path and the tool.</remarks>
    public static FlowTask<TIn, TOut> FromTool<TIn, TOut>(string name, Microsoft.Extensions.AI.AIFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var task = new ToolTask<TIn, TOut>(name, function);
        DefinitionValidator.ThrowIfInvalid(task);
        return task;
    }
}
