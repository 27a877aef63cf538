namespace AgentFlow;

/// <summary>What a model costs, per million tokens, in the currency of your choice (the same for every price you give).</summary>
/// <param name="InputPerMillionTokens">The price of one million input tokens.</param>
/// <param name="OutputPerMillionTokens">The price of one million output tokens.</param>
public sealed record ModelPrice(decimal InputPerMillionTokens, decimal OutputPerMillionTokens)
{
    /// <summary>Gets the cost of a number of input and output tokens.</summary>
    /// <param name="inputTokens">Input tokens.</param>
    /// <param name="outputTokens">Output tokens.</param>
    /// <returns>The cost.</returns>
    public decimal CostOf(long inputTokens, long outputTokens)
        => ((inputTokens * InputPerMillionTokens) + (outputTokens * OutputPerMillionTokens)) / 1_000_000m;
}
