using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>What a comparison of two runs concludes, from the exact McNemar test at <see cref="EvalComparisonOptions.SignificanceLevel"/>. Written to JSON by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComparisonVerdict>))]
public enum ComparisonVerdict
{
    /// <summary>The test does not tell the runs apart: the difference may be chance. Not a proof that they are equal.</summary>
    NoSignificantDifference,

    /// <summary>The candidate passed significantly more of the cases than the baseline.</summary>
    CandidateBetter,

    /// <summary>The candidate passed significantly fewer of the cases than the baseline.</summary>
    CandidateWorse,
}
