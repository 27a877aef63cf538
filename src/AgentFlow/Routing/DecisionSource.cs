namespace AgentFlow;

/// <summary>Who chose a route.</summary>
public enum DecisionSource
{
    /// <summary>Code chose a declared case (a selector or a predicate).</summary>
    Code,

    /// <summary>Code produced a value with no case of its own, and the declared default case ran.</summary>
    Default,

    /// <summary>An LLM chose a declared case.</summary>
    Llm,

    /// <summary>An LLM gave no valid answer within its corrections, and the declared fallback case ran.</summary>
    Fallback,
}
