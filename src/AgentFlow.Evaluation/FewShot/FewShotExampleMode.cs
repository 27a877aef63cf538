using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>How <see cref="FewShotDiagnostics"/> runs a prompt task on its own examples. Written to JSON by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FewShotExampleMode>))]
public enum FewShotExampleMode
{
    /// <summary>
    /// Each example is asked of the task with every other example in its prompt but not itself, so the model cannot copy
    /// the answer: it is right only if the instructions and the other examples teach it. One model call per example, as
    /// with <see cref="InPrompt"/>. The default.
    /// </summary>
    LeaveOneOut,

    /// <summary>
    /// Each example is asked of the task as it is, with all its examples in the prompt, that one included: a check that the
    /// model can read its examples and reply in the format they show, which a model that copies passes trivially.
    /// </summary>
    InPrompt,
}
