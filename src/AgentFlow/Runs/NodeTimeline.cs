namespace AgentFlow;

/// <summary>
/// The node executions of one run as compact entries, turned into <see cref="NodeRecord"/>s (with their path strings)
/// only when someone reads them. A run that records its timeline keeps one small struct per node while it runs.
/// </summary>
internal sealed class NodeTimeline(
    DateTimeOffset runStartedAt, long runStartTimestamp, TimeProvider time, IReadOnlyList<NodeEntry> entries, Dictionary<long, object?>? outputs = null)
{
    public NodeRecord[] Materialize()
    {
        var records = new NodeRecord[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            records[i] = ToRecord(entries[i]);
        }

        return records;
    }

    public NodeRecord ToRecord(in NodeEntry entry)
    {
        var path = NodeFrame.PathOf(entry.Parent, entry.Node.Name);
        return new NodeRecord(
            path,
            entry.Parent is { HasIndex: true } ? NodeFrame.DefinitionPathOf(entry.Parent, entry.Node.Name) : path,
            entry.Node.Kind,
            runStartedAt + time.GetElapsedTime(runStartTimestamp, entry.StartTimestamp),
            time.GetElapsedTime(entry.StartTimestamp, entry.EndTimestamp),
            entry.Status,
            entry.Error)
        {
            Output = Output(entry),
        };
    }

    private object? Output(in NodeEntry entry)
    {
        if (outputs is null || entry.Status != NodeStatus.Succeeded)
        {
            return null;
        }

        // Outputs are written under the run's lock while nodes end; a record read during the run reads them the same way.
        lock (outputs)
        {
            return outputs.GetValueOrDefault(entry.Sequence);
        }
    }
}

/// <summary>One node execution, as kept while the run goes on.</summary>
internal readonly record struct NodeEntry(
    FlowNode Node, NodeFrame? Parent, long Sequence, long StartTimestamp, long EndTimestamp, NodeStatus Status, Exception? Error);
