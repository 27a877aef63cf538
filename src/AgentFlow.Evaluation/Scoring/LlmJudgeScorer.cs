using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentFlow.Evaluation;

/// <summary>
/// An LLM judge: a rubric prompt, rendered with the case's input, expected and actual outputs, asked to a model whose
/// reply is constrained to a strict JSON verdict, validated and repaired a bounded number of times. A reply that never
/// parses is a <see cref="Score.FromError">score error</see>, counted as an error in the report and never as a pass.
/// </summary>
/// <typeparam name="TExpected">The type of the expected output.</typeparam>
/// <typeparam name="TActual">The type of the task's output.</typeparam>
/// <remarks>
/// The judge is an AgentFlow prompt task (<see cref="FlowTask.FromPrompt{TIn, TOut}"/>) named
/// <see cref="LlmJudgeOptions.TaskName"/>: its schema, validation, repairs, resilience, tokens and cost work as for any
/// prompt task, and its calls are attached to the score (<see cref="Score.ModelCalls"/>). The output being judged is
/// model output: it may try to instruct the judge, so a rubric should say that the answer is data to assess, not
/// instructions to follow. Instances are immutable and thread-safe.
/// </remarks>
public sealed class LlmJudgeScorer<TExpected, TActual> : IScorer<TExpected, TActual>
{
    private static readonly JsonSerializerOptions StrictVerdicts = CreateStrictOptions();

    private readonly LlmJudgeOptions _options;
    private readonly PromptTask<JudgeRequest, PassFailVerdict>? _passFail;
    private readonly PromptTask<JudgeRequest, GradeVerdict>? _grade;

    internal LlmJudgeScorer(Prompt rubric, LlmJudgeOptions options)
    {
        _options = options;
        var instruction = options.Scale == JudgeScale.PassFail
            ? "Reply with only a JSON object: {\"reasoning\": \"<why, briefly>\", \"pass\": true or false}. Write the reasoning first."
            : "Reply with only a JSON object: {\"reasoning\": \"<why, briefly>\", \"score\": <a whole number from 1 to 5, 5 the best>}. Write the reasoning first.";
        Prompt = new Prompt(rubric.Name, rubric.Version, rubric.User, rubric.System is null ? instruction : $"{rubric.System}\n\n{instruction}");
        Name = $"llm-judge:{rubric.Name}@{rubric.Version}";
        if (options.Scale == JudgeScale.PassFail)
        {
            _passFail = FlowTask.FromPrompt<JudgeRequest, PassFailVerdict>(options.TaskName, Prompt, Configure);
        }
        else
        {
            _grade = FlowTask.FromPrompt<JudgeRequest, GradeVerdict>(options.TaskName, Prompt, Configure);
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>
    /// Gets the prompt as sent: the rubric's name, version and user template, with the reply format appended to its system
    /// template. Its content hash is the one recorded in the judge's model calls.
    /// </summary>
    public Prompt Prompt { get; }

    /// <inheritdoc />
    public async ValueTask<Score> ScoreAsync(TExpected expected, TActual actual, ScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = new JudgeRequest(Render(context.Input), Render(expected), Render(actual), context.CaseId);
        var runOptions = context.CreateRunOptions();
        try
        {
            if (_passFail is not null)
            {
                var result = await _passFail.RunAsync(request, runOptions, cancellationToken).ConfigureAwait(false);
                var verdict = result.Output;
                return (verdict.Pass ? Score.Pass(verdict.Reasoning) : Score.Fail(verdict.Reasoning)).WithModelCalls(result.Record.LlmCalls);
            }

            var graded = await _grade!.RunAsync(request, runOptions, cancellationToken).ConfigureAwait(false);
            var grade = graded.Output.Score;
            var metrics = new Dictionary<string, double> { ["grade"] = grade };
            return Score.Of((grade - 1) / 4.0, grade >= _options.PassingGrade, graded.Output.Reasoning, metrics).WithModelCalls(graded.Record.LlmCalls);
        }
        catch (FlowRunException ex)
        {
            // A judge that never gives a valid verdict (or cannot be asked) has not judged: an error, never a pass.
            return Score.FromError($"The judge '{Name}' gave no verdict: {ex.Message}").WithModelCalls(ex.Record?.LlmCalls ?? []);
        }
    }

    private void Configure(PromptTaskOptions options)
    {
        _options.Model?.Invoke(options);

        // The verdict's parsing is the judge's own, whatever the caller configured: strict, so that a reply missing a
        // field or giving "yes" for a boolean is repaired or fails, rather than read as false.
        options.SerializerOptions = StrictVerdicts;
    }

    private string Render(object? value) => value switch
    {
        null => "(none)",
        string text => text,
        IFormattable formattable when TypeNames.IsSimple(value.GetType()) => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ when TypeNames.IsSimple(value.GetType()) => value.ToString() ?? string.Empty,
        _ => JsonSerializer.Serialize(value, value.GetType(), _options.SerializerOptions),
    };

    private static JsonSerializerOptions CreateStrictOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
