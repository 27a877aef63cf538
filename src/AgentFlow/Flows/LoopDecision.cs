namespace AgentFlow;

/// <summary>What a loop does after an iteration; the labels an LLM exit decision chooses from.</summary>
public enum LoopDecision
{
    /// <summary>Run the body again.</summary>
    Continue,

    /// <summary>Stop and return the body's last output.</summary>
    Stop,
}
