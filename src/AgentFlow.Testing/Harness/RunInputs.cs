using System.Runtime.CompilerServices;

namespace AgentFlow.Testing;

/// <summary>
/// The inputs of the runs <see cref="TaskHarness"/> started, keyed by their records and dropped with them, so a failure
/// message about a run can show what it was given.
/// </summary>
internal static class RunInputs
{
    private static readonly ConditionalWeakTable<RunRecord, Input> Inputs = [];

    public static void Remember(RunRecord record, object? input) => Inputs.AddOrUpdate(record, new Input(input));

    public static bool TryGet(RunRecord record, out object? input)
    {
        if (Inputs.TryGetValue(record, out var known))
        {
            input = known.Value;
            return true;
        }

        input = null;
        return false;
    }

    private sealed record Input(object? Value);
}
