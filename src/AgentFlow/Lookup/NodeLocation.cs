namespace AgentFlow;

/// <summary>A node found at a path, with the segments of the containers above it.</summary>
/// <param name="Node">The node, as defined (a task with a resilience pipeline is found with its pipeline).</param>
/// <param name="DefinitionPath">Its definition path.</param>
/// <param name="Prefix">The segments above it, as the path gave them (with labels, and indices if any).</param>
internal sealed record NodeLocation(FlowNode Node, string DefinitionPath, PathSegment[] Prefix);
