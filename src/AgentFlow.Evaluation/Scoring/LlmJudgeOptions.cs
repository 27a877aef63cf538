using System.Text.Json;

namespace AgentFlow.Evaluation;

/// <summary>How an LLM judge (<see cref="Scorers.LlmJudge{TExpected, TActual}"/>) answers, and which model it asks.</summary>
public sealed class LlmJudgeOptions
{
    private int _passingGrade = 4;
    private JsonSerializerOptions _serializerOptions = PromptTaskOptions.DefaultSerializerOptions;

    /// <summary>Gets or sets what the judge answers with: pass or fail, or a grade from 1 to 5.</summary>
    /// <value>Defaults to <see cref="JudgeScale.PassFail"/>.</value>
    public JudgeScale Scale { get; set; } = JudgeScale.PassFail;

    /// <summary>Gets or sets the lowest grade that passes, with <see cref="JudgeScale.Grade"/>.</summary>
    /// <value>Defaults to 4. Allowed range: 1 to 5.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 5.</exception>
    public int PassingGrade
    {
        get => _passingGrade;
        set
        {
            if (value is < 1 or > 5)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "LlmJudgeOptions.PassingGrade must be between 1 and 5.");
            }

            _passingGrade = value;
        }
    }

    /// <summary>Gets or sets the name of the judge's prompt task: the node path of its model calls, which a scripted model's <c>WhenNode</c> can name.</summary>
    /// <value>Defaults to <c>judge</c>.</value>
    public string TaskName { get; set; } = "judge";

    /// <summary>
    /// Gets or sets a function that configures the judge's prompt task: its chat client or keyed model, model id,
    /// <see cref="PromptTaskOptions.MaxRepairs"/> (how often a reply that does not parse is sent back; 2 by default),
    /// resilience and fallbacks. The reply's parsing is the judge's own and cannot be changed here.
    /// </summary>
    /// <value>
    /// Defaults to <see langword="null"/>: the chat client of the run options the evaluator makes for the case
    /// (<see cref="EvaluationOptions.RunOptions"/>), at temperature 0, with 2 repairs.
    /// </value>
    public Action<PromptTaskOptions>? Model { get; set; }

    /// <summary>Gets or sets how the input and outputs are written as JSON into the rubric, when they are not simple values.</summary>
    /// <value>Defaults to <see cref="PromptTaskOptions.DefaultSerializerOptions"/>.</value>
    public JsonSerializerOptions SerializerOptions
    {
        get => _serializerOptions;
        set => _serializerOptions = value ?? throw new ArgumentNullException(nameof(value));
    }
}
