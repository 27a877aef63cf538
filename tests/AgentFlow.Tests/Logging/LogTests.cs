using AgentFlow.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentFlow.Tests.Logging;

/// <summary>What runs log: failures and rejected answers as warnings; prompts and replies only at Trace, only when enabled.</summary>
public sealed class LogTests
{
    private const string PromptSecret = "PROMPT-SECRET-4711";
    private const string ChoiceSecret = "CHOICE-SECRET-0815";
    private const string RationaleSecret = "RATIONALE-SECRET-1234";

    public enum Topic
    {
        Billing,
        Technical,
    }

    [Test]
    public async Task Run_WithSensitiveDataOff_NeverLogsPromptsOrModelReplies()
    {
        var logs = new CapturingLoggerFactory();

        await Route().RunAsync(PromptSecret, new RunOptions { ChatClient = Model(), LoggerFactory = logs });

        Assert.That(logs.Entries, Has.Some.Matches<LogEntry>(e => e.Level == LogLevel.Debug), "the capture sees every level");
        Assert.That(logs.Entries, Has.Some.Matches<LogEntry>(e => e.Level == LogLevel.Warning), "the rejected answer is logged");
        Assert.That(logs.Entries.Where(e => e.Mentions(PromptSecret)), Is.Empty);
        Assert.That(logs.Entries.Where(e => e.Mentions(ChoiceSecret)), Is.Empty);
        Assert.That(logs.Entries.Where(e => e.Mentions(RationaleSecret)), Is.Empty);
    }

    [Test]
    public async Task Run_WithSensitiveDataOn_LogsPromptAndEveryReplyAtTraceOnly()
    {
        var logs = new CapturingLoggerFactory();

        await Route().RunAsync(PromptSecret, new RunOptions { ChatClient = Model(), LoggerFactory = logs, EnableSensitiveData = true });

        var prompt = logs.Entries.Where(e => e.Mentions(PromptSecret)).ToArray();
        Assert.That(prompt, Is.Not.Empty);
        Assert.That(prompt.Select(e => e.Message), Has.Some.Contain("'route'"));
        Assert.That(logs.Entries.Where(e => e.Mentions(ChoiceSecret)).Select(e => e.Message), Has.Some.Contain("attempt 1"));
        Assert.That(logs.Entries.Where(e => e.Mentions(RationaleSecret)).Select(e => e.Message), Has.Some.Contain("attempt 2"));
        var sensitive = logs.Entries.Where(e => e.Mentions(PromptSecret) || e.Mentions(ChoiceSecret) || e.Mentions(RationaleSecret));
        Assert.That(sensitive.Select(e => e.Level), Has.All.EqualTo(LogLevel.Trace));
    }

    [Test]
    public async Task Decision_WithRejectedAnswer_LogsAWarningNamingNodeAndAttemptWithoutTheReplyText()
    {
        var logs = new CapturingLoggerFactory();

        await Route().RunAsync("hi", new RunOptions { ChatClient = Model(), LoggerFactory = logs });

        var warning = logs.Entries.Single(e => e.Level == LogLevel.Warning);
        Assert.That(warning.Message, Does.Contain("'route'").And.Contain("attempt 1").And.Contain("not one of the allowed choices"));
        Assert.That(warning.Mentions(ChoiceSecret), Is.False);
        Assert.That(warning.Category, Is.EqualTo("AgentFlow"));
    }

    [Test]
    public async Task Decision_WithUnparseableReply_LogsAWarningWithoutTheReplyText()
    {
        var logs = new CapturingLoggerFactory();
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Text($"{{{ChoiceSecret}}}"), ScriptedReply.Choice("Billing"));

        await Route().RunAsync("hi", new RunOptions { ChatClient = model, LoggerFactory = logs });

        var warning = logs.Entries.Single(e => e.Level == LogLevel.Warning);
        Assert.That(warning.Message, Does.Contain("not valid JSON"));
        Assert.That(logs.Entries.Where(e => e.Mentions(ChoiceSecret[..6])), Is.Empty);
    }

    [Test]
    public async Task Decision_EndingInFallback_LogsAWarningNamingTheFallbackCase()
    {
        var logs = new CapturingLoggerFactory();
        var model = new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice(ChoiceSecret));
        var branch = Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(s => s, o => o.MaxCorrections = 0)
            .Case(Topic.Billing, Echo("billing"))
            .Case(Topic.Technical, Echo("technical"))
            .FallbackTo(Topic.Technical)
            .Build();

        await branch.RunAsync("hi", new RunOptions { ChatClient = model, LoggerFactory = logs });

        var fallback = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("fallback", StringComparison.Ordinal)).ToArray();
        Assert.That(fallback, Has.Length.EqualTo(1));
        Assert.That(fallback[0].Message, Does.Contain("'route'").And.Contain("'Technical'").And.Contain("1 attempt(s)"));
        Assert.That(logs.Entries.Where(e => e.Mentions(ChoiceSecret)), Is.Empty);
    }

    [Test]
    public void Run_WhenANodeFails_LogsAWarningNamingTheNodePath()
    {
        var logs = new CapturingLoggerFactory();
        var flow = Flow.Define<string>("support").Then("trim", s => s.Trim()).Then("boom", (string s) => s.Length > 0 ? throw new InvalidOperationException("nope") : s).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await flow.RunAsync("x", new RunOptions { LoggerFactory = logs, RunId = "run-1" }));

        var warning = logs.Entries.Single(e => e.Level == LogLevel.Warning);
        Assert.That(warning.Message, Does.Contain("'support/boom'").And.Contain("run-1").And.Contain("support"));
        Assert.That(warning.Exception, Is.SameAs(ex));
        Assert.That(logs.Entries.Where(e => e.Level > LogLevel.Warning), Is.Empty);
    }

    [Test]
    public void Run_WhenDecisionFails_LogsAWarningNamingTheBranchPath()
    {
        var logs = new CapturingLoggerFactory();
        var model = new ScriptedChatClient().WhenNode("route", _ => ScriptedReply.Choice("Sales"));

        Assert.That(
            async () => await Route().RunAsync("hi", new RunOptions { ChatClient = model, LoggerFactory = logs }),
            Throws.TypeOf<RouteDecisionException>());

        Assert.That(logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message), Has.Some.Contain("failed at 'route'"));
    }

    [Test]
    public async Task Run_WithDebugLogging_LogsNodesAndRoutesWithoutAnyRecordNodes()
    {
        var logs = new CapturingLoggerFactory();

        await Route().RunAsync("hi", new RunOptions { ChatClient = Model(), LoggerFactory = logs, RecordNodes = false });

        var debug = logs.Entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Message).ToArray();
        Assert.That(debug, Has.Some.Contain("'route[Billing]/billing'"));
        Assert.That(debug, Has.Some.Contain("Route 'Billing' chosen at 'route' by Llm"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task FlowRunner_UsesTheRegisteredLoggerFactoryAndTheSensitiveDataOption(bool enableSensitiveData)
    {
        var logs = new CapturingLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddSingleton<IChatClient>(Model());
        services.AddAgentFlow(o => o.EnableSensitiveData = enableSensitiveData);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<FlowRunner>().RunAsync(Route(), PromptSecret);

        Assert.That(logs.Entries, Is.Not.Empty);
        var prompt = logs.Entries.Where(e => e.Mentions(PromptSecret)).ToArray();
        Assert.That(prompt, enableSensitiveData ? Is.Not.Empty : Is.Empty);
        Assert.That(prompt.Select(e => e.Level), Has.All.EqualTo(LogLevel.Trace));
    }

    private static ScriptedChatClient Model()
        => new ScriptedChatClient().WhenNode("route", ScriptedReply.Choice(ChoiceSecret, "unsure"), ScriptedReply.Choice("Billing", RationaleSecret));

    private static FlowTask<string, string> Echo(string name) => FlowTask.Create(name, (string s) => $"{name}:{s}");

    private static FlowTask<string, string> Route()
        => Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(text => $"Ticket: {text}")
            .Case(Topic.Billing, Echo("billing"))
            .Case(Topic.Technical, Echo("technical"))
            .Build();
}
