namespace AgentFlow.Evaluation;

/// <summary>A column of a Markdown table.</summary>
/// <param name="Header">The header's text.</param>
/// <param name="AlignRight">Whether the column is aligned right, as numbers are.</param>
internal sealed record MarkdownColumn(string Header, bool AlignRight = false);
