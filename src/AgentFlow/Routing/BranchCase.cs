namespace AgentFlow;

/// <summary>One declared case of a branch: its label in paths and prompts, a description for LLM decisions, and its task.</summary>
internal sealed record BranchCase<TIn, TOut>(string Label, string? Description, FlowTask<TIn, TOut> Task);
