using System.Globalization;
using AgentFlow.Evaluation;
using Microsoft.Extensions.AI;
using NUnit.Framework;

namespace AgentFlow.Testing.NUnit;

/// <summary>
/// Runs a task on one eval case and fails the test, with the input, the expected and actual outputs, the scorer's
/// reason and the node path of a failure, when the case does not pass.
/// </summary>
public static class EvalAssert
{
    /// <summary>Runs <paramref name="task"/> on the case's input with <paramref name="chatClient"/> and asserts that <paramref name="scorer"/> passes its output.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TExpected">The expected output type.</typeparam>
    /// <typeparam name="TOut">The task's output type.</typeparam>
    /// <param name="task">The task or flow under test.</param>
    /// <param name="evalCase">The case.</param>
    /// <param name="scorer">How the output is judged against the expected one.</param>
    /// <param name="chatClient">The model: scripted, replayed from a cassette, or real.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's result, for further assertions.</returns>
    public static Task<FlowResult<TOut>> PassesAsync<TIn, TExpected, TOut>(
        FlowTask<TIn, TOut> task, EvalCase<TIn, TExpected> evalCase, IScorer<TExpected, TOut> scorer, IChatClient chatClient, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        return PassesAsync(task, evalCase, scorer, new RunOptions { ChatClient = chatClient }, cancellationToken);
    }

    /// <summary>Runs <paramref name="task"/> on the case's input with <paramref name="options"/> and asserts that <paramref name="scorer"/> passes its output.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TExpected">The expected output type.</typeparam>
    /// <typeparam name="TOut">The task's output type.</typeparam>
    /// <param name="task">The task or flow under test.</param>
    /// <param name="evalCase">The case.</param>
    /// <param name="scorer">How the output is judged against the expected one.</param>
    /// <param name="options">The run's options; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's result, for further assertions.</returns>
    /// <exception cref="AssertionException">The run failed, the scorer could not score, or the output did not pass.</exception>
    public static async Task<FlowResult<TOut>> PassesAsync<TIn, TExpected, TOut>(
        FlowTask<TIn, TOut> task, EvalCase<TIn, TExpected> evalCase, IScorer<TExpected, TOut> scorer, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(scorer);
        FlowResult<TOut> result;
        try
        {
            result = await task.RunAsync(evalCase.Input, options, cancellationToken).ConfigureAwait(false);
        }
        catch (FlowRunException ex)
        {
            Assert.Fail(Message(evalCase, $"the run failed at {ex.NodePath}: {RunText.Failure(ex)}", actual: null, hasActual: false));
            throw; // unreachable: Assert.Fail throws
        }

        var score = await scorer.ScoreAsync(
            evalCase.Expected, result.Output, new ScoringContext(evalCase.Id, evalCase.Input, evalCase.Tags, () => ForScoring(options)), cancellationToken).ConfigureAwait(false);
        if (score.IsError)
        {
            Assert.Fail(Message(evalCase, $"the scorer '{scorer.Name}' could not score it: {score.Error}", result.Output, hasActual: true));
        }
        else if (!score.Passed)
        {
            var value = score.Value.ToString("0.###", CultureInfo.InvariantCulture);
            Assert.Fail(Message(evalCase, $"the scorer '{scorer.Name}' gave {value}{(score.Reason is null ? string.Empty : $": {score.Reason}")}", result.Output, hasActual: true));
        }

        return result;
    }

    /// <summary>The options of a scorer's own run (an LLM judge): the task's model, services and settings, but a run of its own.</summary>
    private static RunOptions ForScoring(RunOptions? options) => options is null
        ? new RunOptions()
        : new RunOptions
        {
            ChatClient = options.ChatClient,
            Services = options.Services,
            LoggerFactory = options.LoggerFactory,
            EnableSensitiveData = options.EnableSensitiveData,
            Prices = options.Prices,
            Resilience = options.Resilience,
            TimeProvider = options.TimeProvider,
        };

    private static string Message<TIn, TExpected>(EvalCase<TIn, TExpected> evalCase, string why, object? actual, bool hasActual)
    {
        List<string> lines =
        [
            $"Eval {evalCase} did not pass: {why}",
            "  " + RunText.Labelled("Input:", RunText.Json(evalCase.Input)),
            "  " + RunText.Labelled("Expected:", RunText.Json(evalCase.Expected)),
        ];
        if (hasActual)
        {
            lines.Add("  " + RunText.Labelled("Actual:", RunText.Json(actual)));
        }

        return string.Join("\n", lines);
    }
}
