namespace AgentFlow.Testing;

/// <summary>The <see cref="ScriptedChatClient"/> received a request that no rule matched and no queued reply was left for.</summary>
public sealed class ScriptedChatClientException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="ScriptedChatClientException"/> class.</summary>
    /// <param name="message">What was asked and what the script had left.</param>
    public ScriptedChatClientException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScriptedChatClientException"/> class.</summary>
    public ScriptedChatClientException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScriptedChatClientException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ScriptedChatClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
