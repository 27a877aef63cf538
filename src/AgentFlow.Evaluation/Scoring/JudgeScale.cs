using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>What an LLM judge answers with.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JudgeScale>))]
public enum JudgeScale
{
    /// <summary><c>{"reasoning": "...", "pass": true}</c>: a pass or a fail, scored 1 or 0.</summary>
    PassFail,

    /// <summary>
    /// <c>{"reasoning": "...", "score": 4}</c>: a grade from 1 to 5, scored (grade - 1) / 4 and passing from
    /// <see cref="LlmJudgeOptions.PassingGrade"/>.
    /// </summary>
    Grade,
}
