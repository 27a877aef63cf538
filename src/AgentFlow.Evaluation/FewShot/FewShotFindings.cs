using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>What few-shot diagnostics found wrong with a prompt task. Written to JSON by name.</summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<FewShotFindings>))]
public enum FewShotFindings
{
    /// <summary>Nothing: the task gets its examples right and does about as well on held-out cases.</summary>
    None = 0,

    /// <summary>
    /// The task gets fewer of its own examples right than <see cref="FewShotOptions.MinExampleAccuracy"/>: the model does
    /// not understand the prompt or its examples (unclear instructions, examples that contradict each other or the
    /// output's format).
    /// </summary>
    PromptUnclear = 1,

    /// <summary>
    /// The task's accuracy on its own examples exceeds its accuracy on the held-out set by more than
    /// <see cref="FewShotOptions.MaxGap"/>: the examples do not represent the cases the task meets.
    /// </summary>
    Overfitting = 2,
}
