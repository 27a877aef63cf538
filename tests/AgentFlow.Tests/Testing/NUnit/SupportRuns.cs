using AgentFlow.Testing;
using AgentFlow.Tests.TestSupport;
using NUnit.Framework.Constraints;
using NUnit.Framework.Internal;

namespace AgentFlow.Tests.Testing.NUnit;

/// <summary>Runs of the nested test flow for the constraint tests, and the failure message a constraint writes.</summary>
internal static class SupportRuns
{
    public const string Input = " The app crashes on start. ";

    /// <summary>
    /// A whole run through the harness: the route chooses Technical, the refine loop drafts twice (continue, then stop),
    /// eight model calls in all, each reporting 10 input and 5 output tokens.
    /// </summary>
    public static Task<FlowResult<int>> SucceededAsync(FlowTask<string, string>? escalate = null)
        => TaskHarness.RunAsync(NestedFlow.Build(escalate), Input, Model());

    /// <summary>A run whose chosen case, support/route[Technical]/escalate, throws an <see cref="InvalidOperationException"/>.</summary>
    public static FlowRunException Failed()
    {
        Func<string, string> fail = _ => throw new InvalidOperationException("no on-call engineer");
        var error = Assert.ThrowsAsync<FlowTaskException>(() => SucceededAsync(FlowTask.Create("escalate", fail)));
        return error!;
    }

    public static ScriptedChatClient Model() => new ScriptedChatClient()
        .WhenNode("support/lookup/summarize", ScriptedReply.Text("crash on start").WithUsage(10, 5))
        .WhenNode("support/route", ScriptedReply.Choice("Technical", "The app crashes.", 0.4).WithUsage(10, 5))
        .WhenNode("support/refine/draft", ScriptedReply.Text("a b").WithUsage(10, 5), ScriptedReply.Text("a b c").WithUsage(10, 5))
        .WhenNode("support/refine", ScriptedReply.Choice("continue").WithUsage(10, 5), ScriptedReply.Choice("stop").WithUsage(10, 5));

    /// <summary>Applies a constraint that must fail, and returns the message NUnit would show.</summary>
    public static string FailureOf(IResolveConstraint constraint, object actual)
    {
        var result = constraint.Resolve().ApplyTo(actual);
        Assert.That(result.IsSuccess, Is.False, "the constraint holds, but it was expected to fail");
        var writer = new TextMessageWriter();
        result.WriteMessageTo(writer);
        return writer.ToString();
    }

    /// <summary>Whether a constraint holds.</summary>
    public static bool Holds(IResolveConstraint constraint, object actual) => constraint.Resolve().ApplyTo(actual).IsSuccess;

    /// <summary>The message of the <see cref="AssertionException"/> that <c>Assert.That</c> throws, without failing the calling test.</summary>
    public static string AssertionMessage(object actual, IResolveConstraint constraint, string because)
    {
        using (new TestExecutionContext.IsolatedContext())
        {
            try
            {
                Assert.That(actual, constraint, because);
            }
            catch (AssertionException ex)
            {
                return ex.Message;
            }
        }

        throw new InvalidOperationException("Assert.That passed, but it was expected to fail.");
    }
}
