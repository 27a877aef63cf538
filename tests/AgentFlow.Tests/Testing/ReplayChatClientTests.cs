using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Testing;

/// <summary>The replay chat client's modes: record, replay with no model, auto; through raw calls and prompt tasks.</summary>
public sealed class ReplayChatClientTests
{
    public enum Severity
    {
        Low,
        High,
    }

    public sealed record Ticket(string Customer, string Text);

    public sealed record Triage([property: Required] string Summary, Severity Severity);

    private static readonly Prompt TriagePrompt = new("triage", "1", "Customer {{$Customer}} wrote: {{$Text}}", "Summarise the ticket and rate its severity.");

    [Test]
    public async Task RawCall_RecordedThenReplayedWithNoInnerClient_AnswersAsRecorded()
    {
        using var file = new TempCassette();
        var scripted = new ScriptedChatClient("gpt-test").Enqueue(ScriptedReply.Text("Paris.").WithUsage(11, 2));
        ChatResponse recorded;
        using (var recorder = file.Client(CassetteMode.Record, scripted))
        {
            recorded = await recorder.GetResponseAsync("What is the capital of France?");
        }

        using var replayer = file.Client(CassetteMode.Replay);
        var replayed = await replayer.GetResponseAsync("What is the capital of France?");

        Assert.That(replayer.InnerClient, Is.Null);
        Assert.That(scripted.Requests, Has.Count.EqualTo(1), "replay never calls a model");
        Assert.That(
            (replayed.Text, replayed.ModelId, replayed.ResponseId, replayed.FinishReason),
            Is.EqualTo((recorded.Text, "gpt-test", recorded.ResponseId, ChatFinishReason.Stop)));
        Assert.That(replayed.Text, Is.EqualTo("Paris."));
        Assert.That((replayed.Usage?.InputTokenCount, replayed.Usage?.OutputTokenCount, replayed.Usage?.TotalTokenCount), Is.EqualTo(((long?)11, (long?)2, (long?)13)));
    }

    [Test]
    public async Task PromptTask_RecordedThenReplayed_GivesTheSameTypedOutputAndTheRecordedUsage()
    {
        using var file = new TempCassette();
        var task = FlowTask.FromPrompt<Ticket, Triage>("triage", TriagePrompt, o => o.ModelId = "gpt-test");
        var ticket = new Ticket("Ana", "I was charged twice.");
        var scripted = new ScriptedChatClient().WhenNode("triage", ScriptedReply.Json(new { summary = "Double charge", severity = "High" }).WithUsage(40, 12));
        using (var recorder = file.Client(CassetteMode.Record, scripted))
        {
            await task.RunAsync(ticket, new RunOptions { ChatClient = recorder });
        }

        using var replayer = file.Client(CassetteMode.Replay);
        var result = await task.RunAsync(ticket, new RunOptions { ChatClient = replayer });

        Assert.That(result.Output, Is.EqualTo(new Triage("Double charge", Severity.High)));
        var call = result.Record.LlmCalls.Single();
        Assert.That((call.Usage?.InputTokenCount, call.Usage?.OutputTokenCount, call.UsageEstimated), Is.EqualTo(((long?)40, (long?)12, false)), "recorded usage is replayed as is, not estimated");
        Assert.That(call.ModelId, Is.EqualTo("scripted"), "the model id the provider reported when recorded");
        Assert.That(scripted.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task LlmDecision_InAFlow_RecordedThenReplayed_TakesTheSameRoute()
    {
        using var file = new TempCassette();
        var flow = Flow.Define<string>("support")
            .Then(Flow.Branch<string, Severity, string>("route")
                .DecideByLlm(ticket => $"How severe is this ticket?\n{ticket}")
                .Case(Severity.Low, FlowTask.Create("later", (string t) => "later: " + t))
                .Case(Severity.High, FlowTask.Create("now", (string t) => "now: " + t))
                .Build())
            .Build();
        var scripted = new ScriptedChatClient().WhenNode("support/route", ScriptedReply.Choice("High", "The site is down.", 0.9));
        using (var recorder = file.Client(CassetteMode.Record, scripted))
        {
            await flow.RunAsync("The site is down", new RunOptions { ChatClient = recorder });
        }

        using var replayer = file.Client(CassetteMode.Replay);
        var result = await flow.RunAsync("The site is down", new RunOptions { ChatClient = replayer });

        Assert.That(result.Output, Is.EqualTo("now: The site is down"));
        Assert.That(result.Record.Routes.Single().Rationale, Is.EqualTo("The site is down."));
    }

    [Test]
    public async Task Replay_RepeatedIdenticalRequests_AreAnsweredInRecordedOrder_EachRecordingOnce()
    {
        using var file = new TempCassette();
        var scripted = new ScriptedChatClient().Enqueue("one", "two", "three");
        using (var recorder = file.Client(CassetteMode.Record, scripted))
        {
            for (var i = 0; i < 3; i++)
            {
                await recorder.GetResponseAsync("Tell me a number.");
            }
        }

        using var replayer = file.Client(CassetteMode.Replay);
        List<string> answers = [];
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await replayer.GetResponseAsync("Tell me a number.")).Text);
        }

        Assert.That(answers, Is.EqualTo(new[] { "one", "two", "three" }));
        var ex = Assert.ThrowsAsync<CassetteMissException>(async () => await replayer.GetResponseAsync("Tell me a number."));
        Assert.That(ex!.Message, Does.Contain("recorded 3 time(s)").And.Contain("request 4 with this key"));
        Assert.That(ex.ClosestKey, Is.EqualTo(ex.RequestKey));
    }

    [Test]
    public async Task Auto_ReplaysWhatIsRecorded_AndRecordsOnlyWhatIsMissing()
    {
        using var file = new TempCassette();
        using (var recorder = file.Client(CassetteMode.Record, new ScriptedChatClient().Enqueue("first answer")))
        {
            await recorder.GetResponseAsync("first");
        }

        var scripted = new ScriptedChatClient().Enqueue("second answer");
        using (var auto = file.Client(CassetteMode.Auto, scripted))
        {
            Assert.That((await auto.GetResponseAsync("first")).Text, Is.EqualTo("first answer"));
            Assert.That((await auto.GetResponseAsync("second")).Text, Is.EqualTo("second answer"));
        }

        Assert.That(scripted.Requests.Select(r => r.LastUserText), Is.EqualTo(new[] { "second" }), "only the miss reached the model");
        using var replayer = file.Client(CassetteMode.Replay);
        Assert.That(replayer.Cassette.Count, Is.EqualTo(2));
        Assert.That((await replayer.GetResponseAsync("second")).Text, Is.EqualTo("second answer"));
        Assert.That((await replayer.GetResponseAsync("first")).Text, Is.EqualTo("first answer"));
    }

    [Test]
    public async Task Record_StartsFromAnEmptyCassette_SoNoStaleRecordingRemains()
    {
        using var file = new TempCassette();
        using (var recorder = file.Client(CassetteMode.Record, new ScriptedChatClient().Enqueue("old")))
        {
            await recorder.GetResponseAsync("old prompt");
        }

        var scripted = new ScriptedChatClient().Enqueue("new", "new again");
        using (var recorder = file.Client(CassetteMode.Record, scripted))
        {
            Assert.That((await recorder.GetResponseAsync("new prompt")).Text, Is.EqualTo("new"));
            Assert.That((await recorder.GetResponseAsync("new prompt")).Text, Is.EqualTo("new again"), "record never replays");
        }

        var entries = JsonNode.Parse(file.Text)!["entries"]!.AsArray();
        Assert.That(entries.Select(e => e!["response"]!["messages"]![0]!["contents"]![0]!["text"]!.GetValue<string>()), Is.EqualTo(new[] { "new", "new again" }));
    }

    [Test]
    public async Task Record_TwoClientsOnOneCassette_KeepEachOthersRecordings()
    {
        using var file = new TempCassette();
        var cassette = file.Open();
        using var big = new ReplayChatClient(cassette, new ScriptedChatClient("big").Enqueue("from big"), TempCassette.Options(CassetteMode.Record));
        await big.GetResponseAsync("hello", new ChatOptions { ModelId = "big" });
        using var small = new ReplayChatClient(cassette, new ScriptedChatClient("small").Enqueue("from small"), TempCassette.Options(CassetteMode.Record));
        await small.GetResponseAsync("hello", new ChatOptions { ModelId = "small" });

        Assert.That(file.Open().Count, Is.EqualTo(2), "a cassette is emptied once, by the first client that records into it");
    }

    [Test]
    public void RecordOrAuto_WithoutAnInnerClient_FailsWhenCreated()
    {
        using var file = new TempCassette();

        var record = Assert.Throws<ArgumentException>(() => file.Client(CassetteMode.Record));
        var auto = Assert.Throws<ArgumentException>(() => file.Client(CassetteMode.Auto));

        Assert.That(record!.Message, Does.Contain("Record").And.Contain("ReplayChatClientOptions.Mode").And.Contain("innerClient").And.Contain(file.FilePath));
        Assert.That(auto!.Message, Does.Contain("Auto"));
    }

    [Test]
    public async Task EnvironmentVariable_OverridesTheModeTheTestSets()
    {
        using var file = new TempCassette();
        var variable = "AGENTFLOW_TEST_CASSETTE_MODE_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, " Record ");
        try
        {
            var scripted = new ScriptedChatClient().Enqueue("recorded");
            using var client = new ReplayChatClient(file.Open(), scripted, new ReplayChatClientOptions { Mode = CassetteMode.Replay, ModeEnvironmentVariable = variable });
            await client.GetResponseAsync("hi");

            Assert.That(client.Mode, Is.EqualTo(CassetteMode.Record));
            Assert.That(file.Open().Count, Is.EqualTo(1));
            var noInner = Assert.Throws<ArgumentException>(() => new ReplayChatClient(file.Open(), null, new ReplayChatClientOptions { ModeEnvironmentVariable = variable }));
            Assert.That(noInner!.Message, Does.Contain($"the environment variable {variable}"));

            Environment.SetEnvironmentVariable(variable, "recrod");
            var bad = Assert.Throws<InvalidOperationException>(() => new ReplayChatClient(file.Open(), scripted, new ReplayChatClientOptions { ModeEnvironmentVariable = variable }));
            Assert.That(bad!.Message, Does.Contain(variable).And.Contain("'recrod'").And.Contain("record, replay or auto"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        using var unset = new ReplayChatClient(file.Open(), null, new ReplayChatClientOptions { Mode = CassetteMode.Replay, ModeEnvironmentVariable = variable });
        Assert.That(unset.Mode, Is.EqualTo(CassetteMode.Replay), "an unset variable leaves the test's mode");
        Assert.That(new ReplayChatClientOptions().ModeEnvironmentVariable, Is.EqualTo("AGENTFLOW_CASSETTE_MODE"));
    }

    [Test]
    public void AFailedCall_IsNotRecorded()
    {
        using var file = new TempCassette();
        var scripted = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(new HttpRequestException("boom")));
        using var client = file.Client(CassetteMode.Auto, scripted);

        Assert.ThrowsAsync<HttpRequestException>(async () => await client.GetResponseAsync("hi"));

        Assert.That(client.Cassette.Count, Is.Zero);
        Assert.That(file.Exists, Is.False);
    }

    [Test]
    public async Task Dispose_LeavesTheInnerClientUsable()
    {
        using var file = new TempCassette();
        var inner = new FakeChatClient();
        using (var client = file.Client(CassetteMode.Record, inner))
        {
            await client.GetResponseAsync("one");
        }

        using var again = file.Client(CassetteMode.Record, inner);
        Assert.That((await again.GetResponseAsync("two")).Text, Is.EqualTo("echo: two"));
        Assert.That(inner.Calls, Is.EqualTo(2));
    }

    [Test]
    public void GetService_FindsTheClientAndItsCassette()
    {
        using var file = new TempCassette();
        using var client = file.Client(CassetteMode.Replay);

        Assert.That(client.GetService<ReplayChatClient>(), Is.SameAs(client));
        Assert.That(client.GetService<Cassette>(), Is.SameAs(client.Cassette));
        Assert.That(client.GetService<ChatClientMetadata>()?.ProviderName, Is.EqualTo(nameof(ReplayChatClient)));
    }

    [Test]
    public async Task Replay_HonoursCancellation()
    {
        using var file = new TempCassette();
        using (var recorder = file.Client(CassetteMode.Record, new FakeChatClient()))
        {
            await recorder.GetResponseAsync("hi");
        }

        using var replayer = file.Client(CassetteMode.Replay);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.That(
            async () => await replayer.GetResponseAsync("hi", cancellationToken: cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }
}
