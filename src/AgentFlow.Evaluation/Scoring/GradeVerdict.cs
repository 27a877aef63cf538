using System.ComponentModel.DataAnnotations;

namespace AgentFlow.Evaluation;

/// <summary>An LLM judge's graded verdict, the shape its reply is constrained to.</summary>
/// <param name="Reasoning">Why, written first.</param>
/// <param name="Score">The grade, from 1 (worst) to 5 (best).</param>
internal sealed record GradeVerdict([property: Required] string Reasoning, [property: Range(1, 5)] int Score);
