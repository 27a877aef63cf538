using System.ComponentModel.DataAnnotations;

namespace AgentFlow.Evaluation;

/// <summary>An LLM judge's pass-or-fail verdict, the shape its reply is constrained to.</summary>
/// <param name="Reasoning">Why, written first.</param>
/// <param name="Pass">Whether the output passes.</param>
internal sealed record PassFailVerdict([property: Required] string Reasoning, bool Pass);
