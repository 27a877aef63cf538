namespace AgentFlow.Evaluation;

/// <summary>A confidence interval of a proportion.</summary>
/// <param name="Lower">The lower bound, from 0 to 1.</param>
/// <param name="Upper">The upper bound, from 0 to 1.</param>
/// <param name="Level">The confidence level, such as 0.95.</param>
public sealed record ConfidenceInterval(double Lower, double Upper, double Level);
