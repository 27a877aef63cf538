namespace AgentFlow;

/// <summary>The kinds of node a flow is made of.</summary>
public enum NodeKind
{
    /// <summary>A task that runs a delegate.</summary>
    Code,

    /// <summary>A task that runs an <see cref="IFlowTaskHandler{TIn, TOut}"/> resolved from dependency injection.</summary>
    Service,

    /// <summary>A named sequence of steps; any flow can be used as a task of another.</summary>
    Flow,

    /// <summary>Fixed branches that run concurrently on the same input and are joined into one typed result.</summary>
    Parallel,

    /// <summary>One task applied to every item of a collection, with a maximum degree of parallelism.</summary>
    Map,

    /// <summary>A conditional: one of several typed cases is chosen by code or by an LLM decision.</summary>
    Branch,

    /// <summary>A body repeated until a condition holds, always with an iteration cap.</summary>
    Loop,

    /// <summary>A task that asks a model with a versioned prompt and returns its validated, typed reply.</summary>
    Prompt,

    /// <summary>A prompt task whose model may call an allow-list of tools in a bounded loop before it answers.</summary>
    Agent,

    /// <summary>A task that calls one tool (an <c>AIFunction</c> or a Semantic Kernel <c>KernelFunction</c>) with its input, without a model.</summary>
    Tool,
}
