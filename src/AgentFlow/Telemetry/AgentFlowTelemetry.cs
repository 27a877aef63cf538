using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AgentFlow;

/// <summary>
/// AgentFlow's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>AgentFlow</c>. Spans and
/// measurements follow the OpenTelemetry GenAI semantic conventions for model calls. Nothing is exported unless the
/// host subscribes (for example <c>AddSource("AgentFlow")</c> and <c>AddMeter("AgentFlow")</c> in OpenTelemetry); with
/// no listener, no span is created.
/// </summary>
public static class AgentFlowTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "AgentFlow";

    internal static readonly ActivitySource Source = new(Name, typeof(AgentFlowTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(Name, typeof(AgentFlowTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(
        "agentflow.run.duration", "s", "Duration of flow runs.");

    internal static readonly Histogram<double> NodeDuration = Meter.CreateHistogram<double>(
        "agentflow.node.duration", "s", "Duration of node executions.");

    internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "GenAI operation duration.");

    internal static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Measures number of input and output tokens used.");
}
