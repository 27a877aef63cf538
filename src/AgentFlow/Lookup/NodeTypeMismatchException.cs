namespace AgentFlow;

/// <summary>
/// The node at a path is not a task of the input and output types asked for (<see cref="FlowNode.TaskAt{TIn, TOut}"/>);
/// the message names its real types.
/// </summary>
public sealed class NodeTypeMismatchException : InvalidCastException
{
    internal NodeTypeMismatchException(string path, FlowNode node, Type inputType, Type outputType, Type requestedInputType, Type requestedOutputType)
        : base(
            $"The node at '{path}' is a {node.Kind} node from {TypeNames.Display(inputType)} to {TypeNames.Display(outputType)}, "
            + $"not from {TypeNames.Display(requestedInputType)} to {TypeNames.Display(requestedOutputType)}. "
            + $"Ask for TaskAt<{TypeNames.Display(inputType)}, {TypeNames.Display(outputType)}>(\"{path}\").")
    {
        Path = path;
        InputType = inputType;
        OutputType = outputType;
        RequestedInputType = requestedInputType;
        RequestedOutputType = requestedOutputType;
    }

    /// <summary>Gets the path that was asked for.</summary>
    public string Path { get; }

    /// <summary>Gets the node's input type.</summary>
    public Type InputType { get; }

    /// <summary>Gets the node's output type.</summary>
    public Type OutputType { get; }

    /// <summary>Gets the input type that was asked for.</summary>
    public Type RequestedInputType { get; }

    /// <summary>Gets the output type that was asked for.</summary>
    public Type RequestedOutputType { get; }
}
