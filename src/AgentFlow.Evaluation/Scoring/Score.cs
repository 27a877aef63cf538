using System.Globalization;

namespace AgentFlow.Evaluation;

/// <summary>
/// The score of one output: a <see cref="Value"/> from 0 to 1, whether it <see cref="Passed"/>, and the
/// <see cref="Reason"/>; or an <see cref="Error"/>: the scorer could not score, which counts as an error in the report,
/// never as a pass.
/// </summary>
/// <remarks>Instances are immutable. Make them with <see cref="Pass"/>, <see cref="Fail"/>, <see cref="Of"/> or <see cref="FromError"/>.</remarks>
public sealed class Score
{
    private static readonly IReadOnlyDictionary<string, double> NoMetrics = new Dictionary<string, double>().AsReadOnly();

    private Score(double value, bool passed, string? reason, string? error, IReadOnlyDictionary<string, double> metrics, IReadOnlyList<LlmCallRecord> modelCalls)
    {
        Value = value;
        Passed = passed;
        Reason = reason;
        Error = error;
        Metrics = metrics;
        ModelCalls = modelCalls;
    }

    /// <summary>Gets the score, from 0 (wrong) to 1 (right); 0 for an error.</summary>
    public double Value { get; }

    /// <summary>Gets a value indicating whether the output passed; always <see langword="false"/> for an error.</summary>
    public bool Passed { get; }

    /// <summary>Gets why the output got this score, such as what differs, or a judge's reasoning; may be <see langword="null"/>.</summary>
    public string? Reason { get; }

    /// <summary>Gets why the scorer could not score, or <see langword="null"/> when it did.</summary>
    public string? Error { get; }

    /// <summary>Gets a value indicating whether the scorer could not score (see <see cref="Error"/>).</summary>
    public bool IsError => Error is not null;

    /// <summary>Gets further numbers the scorer computed, such as <c>precision</c> and <c>recall</c> for set F1, or a judge's <c>grade</c>.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>Gets the scorer's own use of models (an LLM judge's calls), with their tokens and cost; empty for other scorers.</summary>
    public IReadOnlyList<LlmCallRecord> ModelCalls { get; }

    /// <summary>A passing score of 1.</summary>
    /// <param name="reason">Why, if worth saying.</param>
    /// <returns>The score.</returns>
    public static Score Pass(string? reason = null) => new(1, true, reason, null, NoMetrics, []);

    /// <summary>A failing score of 0.</summary>
    /// <param name="reason">What is wrong.</param>
    /// <returns>The score.</returns>
    public static Score Fail(string? reason = null) => new(0, false, reason, null, NoMetrics, []);

    /// <summary>A score with a value of its own.</summary>
    /// <param name="value">The value, from 0 to 1.</param>
    /// <param name="passed">Whether the output passed.</param>
    /// <param name="reason">Why.</param>
    /// <param name="metrics">Further numbers, such as precision and recall.</param>
    /// <returns>The score.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a number from 0 to 1.</exception>
    public static Score Of(double value, bool passed, string? reason = null, IReadOnlyDictionary<string, double>? metrics = null)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A score's value must be a number from 0 to 1.");
        }

        return new Score(value, passed, reason, null, metrics is null ? NoMetrics : new Dictionary<string, double>(metrics).AsReadOnly(), []);
    }

    /// <summary>An error: the scorer could not score the output. It counts as an error in the report, never as a pass.</summary>
    /// <param name="error">Why the scorer could not score, and how to fix it if known.</param>
    /// <returns>The score.</returns>
    public static Score FromError(string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new Score(0, false, null, error, NoMetrics, []);
    }

    /// <summary>Returns this score with the scorer's model calls attached, so their tokens and cost reach the report.</summary>
    /// <param name="calls">The calls.</param>
    /// <returns>A new score; this one is unchanged.</returns>
    public Score WithModelCalls(IEnumerable<LlmCallRecord> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return new Score(Value, Passed, Reason, Error, Metrics, [.. calls]);
    }

    /// <inheritdoc />
    public override string ToString()
        => IsError
            ? $"error: {Error}"
            : string.Create(CultureInfo.InvariantCulture, $"{(Passed ? "passed" : "failed")} ({Value:0.###}){(Reason is null ? string.Empty : ": " + Reason)}");
}
