using AgentFlow.Testing;
using Microsoft.Extensions.AI;

namespace AgentFlow.Tests.Testing;

/// <summary>The scripted chat client: rules, queue, recorded requests, streaming, failures and metadata.</summary>
public sealed class ScriptedChatClientTests
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    public enum Topic
    {
        Billing,
        Technical,
    }

    [Test]
    public async Task WhenNode_MatchesBothTheRunTimeAndTheDefinitionPath()
    {
        var model = new ScriptedChatClient()
            .WhenNode("doc/polish#2", ScriptedReply.Choice("stop", "from the run-time path rule"))
            .WhenNode("doc/polish", ScriptedReply.Choice("continue", "from the definition path rule"), ScriptedReply.Choice("continue", "unused"));
        var flow = Flow.Define<string>("doc").Then(Polish()).Build();

        var result = await flow.RunAsync("a", new RunOptions { ChatClient = model });

        Assert.That(result.Record.Routes.Select(r => (r.Path, r.Rationale)), Is.EqualTo(new[]
        {
            ("doc/polish#1", "from the definition path rule"),
            ("doc/polish#2", "from the run-time path rule"),
        }));
        Assert.That(model.UnusedReplies, Is.EqualTo(1));
    }

    [Test]
    public async Task WhenNode_WithReplyList_UsesEachOnceInOrderThenStopsMatching()
    {
        var model = new ScriptedChatClient()
            .WhenNode("polish", ScriptedReply.Choice("continue", "first"), ScriptedReply.Choice("continue", "second"))
            .When(_ => true, _ => ScriptedReply.Choice("stop", "catch-all"));

        var result = await Polish().RunAsync("a", new RunOptions { ChatClient = model });

        Assert.That(result.Record.Routes.Select(r => r.Rationale), Is.EqualTo(new[] { "first", "second", "catch-all" }));
        Assert.That(result.Output, Is.EqualTo("a!!!"));
    }

    [Test]
    public async Task When_WithFunction_AnswersEveryMatchingRequest()
    {
        var calls = 0;
        var model = new ScriptedChatClient().When(r => r.IsFrom("polish"), r =>
        {
            calls++;
            return ScriptedReply.Choice(calls < 4 ? "continue" : "stop", r.NodePath!);
        });

        var result = await Polish().RunAsync("a", new RunOptions { ChatClient = model });

        Assert.That(calls, Is.EqualTo(4));
        Assert.That(result.Record.Routes.Select(r => r.Rationale), Is.EqualTo(new[] { "polish#1", "polish#2", "polish#3", "polish#4" }));
        Assert.That(model.UnusedReplies, Is.Zero, "a function rule holds no replies");
    }

    [Test]
    public async Task Rules_AreTriedInTheOrderTheyWereAdded()
    {
        var model = new ScriptedChatClient()
            .WhenPromptContains("hello", "first")
            .When(_ => true, "second")
            .WhenPromptContains("hello", "third");

        var first = await model.GetResponseAsync("hello there");
        var second = await model.GetResponseAsync("hello again");

        Assert.That(first.Text, Is.EqualTo("first"));
        Assert.That(second.Text, Is.EqualTo("second"));
        Assert.That(model.UnusedReplies, Is.EqualTo(1));
    }

    [Test]
    public async Task Enqueue_AnswersRequestsNoRuleMatchesInOrderAfterTheRules()
    {
        var model = new ScriptedChatClient()
            .Enqueue("queued 1", "queued 2")
            .WhenPromptContains("special", "rule");

        var special = await model.GetResponseAsync("a special question");
        var other = await model.GetResponseAsync("anything");
        var another = await model.GetResponseAsync("a special question");

        Assert.That(special.Text, Is.EqualTo("rule"), "a matching rule wins over the queue");
        Assert.That(other.Text, Is.EqualTo("queued 1"));
        Assert.That(another.Text, Is.EqualTo("queued 2"), "a used-up rule lets the queue answer");
        Assert.That(model.UnusedReplies, Is.Zero);
    }

    [Test]
    public void NothingLeftToAnswer_ThrowsScriptedChatClientExceptionNamingTheAskingNode()
    {
        var model = new ScriptedChatClient().WhenNode("support/other", "never used");
        var flow = Flow.Define<string>("support").Then(Route()).Build();

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await flow.RunAsync("where is my invoice", new RunOptions { ChatClient = model }));

        Assert.That(ex!.NodePath, Is.EqualTo("support/route"));
        var inner = ex.InnerException as ScriptedChatClientException;
        Assert.That(inner, Is.Not.Null);
        Assert.That(inner!.Message, Does.Contain("support/route").And.Contain("where is my invoice").And.Contain(".WhenNode("));
        Assert.That(model.Requests, Has.Count.EqualTo(1), "the unanswered request is still recorded");
    }

    [Test]
    public async Task NothingLeftToAnswer_OutsideAgentFlow_SaysNoNodeAsked()
    {
        var model = new ScriptedChatClient().Enqueue("only one");
        await model.GetResponseAsync("first");

        var ex = Assert.ThrowsAsync<ScriptedChatClientException>(async () => await model.GetResponseAsync("second"));

        Assert.That(ex!.Message, Does.Contain("no AgentFlow node").And.Contain("second"));
    }

    [Test]
    public async Task Requests_RecordMessagesOptionsNodePathAndPurpose()
    {
        var model = new ScriptedChatClient()
            .WhenNode("job/route", ScriptedReply.Choice("Billing"))
            .WhenNode("job/polish", ScriptedReply.Choice("stop"));
        var flow = Flow.Define<string>("job").Then(Route()).Then(Polish()).Build();

        var result = await flow.RunAsync("invoice", new RunOptions { ChatClient = model, RunId = "run-7" });

        var requests = model.Requests;
        Assert.That(requests.Select(r => r.Index), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(requests.Select(r => r.NodePath), Is.EqualTo(new[] { "job/route", "job/polish#1" }));
        Assert.That(requests.Select(r => r.DefinitionPath), Is.EqualTo(new[] { "job/route", "job/polish" }));
        Assert.That(requests.Select(r => r.Purpose), Is.EqualTo(new[] { "route-decision", "loop-exit" }));
        Assert.That(requests.Select(r => r.RunId), Has.All.EqualTo(result.Record.RunId));
        Assert.That(requests.Select(r => r.Streaming), Has.All.False);
        Assert.That(requests[0].Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User }));
        Assert.That(requests[0].LastUserText, Is.EqualTo("Route: invoice"));
        Assert.That(requests[0].Options!.Temperature, Is.EqualTo(0f));
        Assert.That(requests[0].ToString(), Does.Contain("#0").And.Contain("job/route").And.Contain("Route: invoice"));
    }

    [Test]
    public async Task Requests_KeepTheMessagesAndOptionsAsTheyWereWhenSent()
    {
        var model = new ScriptedChatClient().Enqueue("one", "two");
        List<ChatMessage> conversation = [new(ChatRole.User, "first")];
        var options = new ChatOptions { Temperature = 0.3f };

        await model.GetResponseAsync(conversation, options);
        conversation.Add(new ChatMessage(ChatRole.User, "second"));
        options.Temperature = 1.5f;
        await model.GetResponseAsync(conversation, options);

        Assert.That(model.Requests[0].Messages, Has.Count.EqualTo(1));
        Assert.That(model.Requests[0].Options!.Temperature, Is.EqualTo(0.3f));
        Assert.That(model.Requests[1].Messages, Has.Count.EqualTo(2));
        Assert.That(model.Requests[1].Options!.Temperature, Is.EqualTo(1.5f));
    }

    [Test]
    public async Task Requests_OutsideAgentFlow_HaveNoNodePathRunIdOrPurpose()
    {
        var model = new ScriptedChatClient().Enqueue("hi");

        await model.GetResponseAsync("hello");

        var request = model.Requests.Single();
        Assert.That(request.NodePath, Is.Null);
        Assert.That(request.DefinitionPath, Is.Null);
        Assert.That(request.RunId, Is.Null);
        Assert.That(request.Purpose, Is.Null);
        Assert.That(request.Options, Is.Null);
        Assert.That(request.IsFrom("route"), Is.False);
    }

    [Test]
    public async Task Streaming_YieldsTheScriptedTextAndRecordsAStreamingRequest()
    {
        var model = new ScriptedChatClient("model-x").Enqueue(ScriptedReply.Text("streamed answer").WithUsage(5, 2));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in model.GetStreamingResponseAsync("tell me"))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.That(updates, Is.Not.Empty);
        Assert.That(response.Text, Is.EqualTo("streamed answer"));
        Assert.That(response.Usage?.InputTokenCount, Is.EqualTo(5));
        Assert.That(response.ModelId, Is.EqualTo("model-x"));
        Assert.That(model.Requests.Single().Streaming, Is.True);
        Assert.That(model.Requests.Single().LastUserText, Is.EqualTo("tell me"));
    }

    [Test]
    public async Task Response_CarriesModelIdUsageAndStopFinishReason()
    {
        var model = new ScriptedChatClient("model-y").Enqueue(ScriptedReply.Text("ok").WithUsage(10, 3));

        var response = await model.GetResponseAsync("q");

        Assert.That(response.Text, Is.EqualTo("ok"));
        Assert.That(response.ModelId, Is.EqualTo("model-y"));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(response.Usage!.InputTokenCount, Is.EqualTo(10));
        Assert.That(response.Usage.OutputTokenCount, Is.EqualTo(3));
        Assert.That(response.Usage.TotalTokenCount, Is.EqualTo(13));
        Assert.That(response.Messages.Single().Role, Is.EqualTo(ChatRole.Assistant));
    }

    [Test]
    public void ThrowReply_ThrowsTheGivenExceptionFromTheCall()
    {
        var failure = new InvalidOperationException("rate limited");
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(failure), "after");

        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await model.GetResponseAsync("q"));

        Assert.That(ex, Is.SameAs(failure));
        Assert.That(model.UnusedReplies, Is.EqualTo(1), "the throwing reply is used up like any other");
    }

    [Test]
    public void ThrowReply_ThrowsFromTheStreamingCallToo()
    {
        var failure = new TimeoutException("slow");
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(failure));

        var ex = Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            await foreach (var update in model.GetStreamingResponseAsync("q"))
            {
                Assert.Fail($"no update expected, got {update}");
            }
        });

        Assert.That(ex, Is.SameAs(failure));
    }

    [Test]
    public async Task DelayedReply_HonoursCancellationWhileWaiting()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Text("late").WithDelay(TimeSpan.FromMinutes(5)));
        using var cts = new CancellationTokenSource();

        var pending = model.GetResponseAsync("q", cancellationToken: cts.Token);
        Assert.That(pending.IsCompleted, Is.False, "the reply waits for its delay");
        await cts.CancelAsync();

        Assert.That(async () => await pending.WaitAsync(MaxWait), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(model.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void Call_WithAlreadyCancelledToken_ThrowsWithoutUsingAReply()
    {
        var model = new ScriptedChatClient().Enqueue("kept");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.That(async () => await model.GetResponseAsync("q", cancellationToken: cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(model.UnusedReplies, Is.EqualTo(1));
        Assert.That(model.Requests, Is.Empty);
    }

    [Test]
    public async Task UnusedReplies_CountsRuleRepliesAndQueuedRepliesLeft()
    {
        var model = new ScriptedChatClient()
            .WhenPromptContains("a", "a1", "a2")
            .When(_ => false, _ => "never")
            .Enqueue("q1", "q2", "q3");
        Assert.That(model.UnusedReplies, Is.EqualTo(5));

        await model.GetResponseAsync("a");
        await model.GetResponseAsync("b");

        Assert.That(model.UnusedReplies, Is.EqualTo(3));
    }

    [Test]
    public void GetService_ReturnsTheClientItselfAndItsMetadata()
    {
        using var model = new ScriptedChatClient("model-z");

        var metadata = model.GetService<ChatClientMetadata>();

        Assert.That(model.GetService<ScriptedChatClient>(), Is.SameAs(model));
        Assert.That(model.GetService<IChatClient>(), Is.SameAs(model));
        Assert.That(metadata, Is.Not.Null);
        Assert.That(metadata!.DefaultModelId, Is.EqualTo("model-z"));
        Assert.That(metadata.ProviderName, Is.EqualTo(nameof(ScriptedChatClient)));
        Assert.That(model.GetService(typeof(string)), Is.Null);
        Assert.That(model.GetService(typeof(ScriptedChatClient), serviceKey: "key"), Is.Null);
        Assert.That(model.ModelId, Is.EqualTo("model-z"));
    }

    [Test]
    public void When_WithoutReplies_ThrowsArgumentException()
    {
        var model = new ScriptedChatClient();

        Assert.That(() => model.When(_ => true, Array.Empty<ScriptedReply>()), Throws.ArgumentException.With.Message.Contain("at least one reply"));
    }

    [Test]
    public void When_WithNullReplyInTheList_ThrowsArgumentExceptionWhenScripted()
    {
        var model = new ScriptedChatClient();

        Assert.That(() => model.WhenNode("route", "ok", null!), Throws.ArgumentException.With.Message.Contain("cannot be null"));
    }

    [Test]
    public void Enqueue_WithNullReply_ThrowsArgumentException()
    {
        var model = new ScriptedChatClient();

        Assert.That(() => model.Enqueue("ok", null!), Throws.ArgumentException);
    }

    [Test]
    public async Task Client_UsedConcurrently_AnswersEveryRequestOnceWithoutLosingAny()
    {
        var model = new ScriptedChatClient().Enqueue([.. Enumerable.Range(0, 50).Select(i => ScriptedReply.Text($"r{i}"))]);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => model.GetResponseAsync("q")))).WaitAsync(MaxWait);

        Assert.That(responses.Select(r => r.Text), Is.EquivalentTo(Enumerable.Range(0, 50).Select(i => $"r{i}")));
        Assert.That(model.Requests.Select(r => r.Index), Is.EquivalentTo(Enumerable.Range(0, 50)));
        Assert.That(model.UnusedReplies, Is.Zero);
    }

    private static FlowTask<string, string> Polish()
        => Flow.Loop("polish", FlowTask.Create("exclaim", (string s) => s + "!")).UntilLlm(s => $"Done? {s}").MaxIterations(5).Build();

    private static FlowTask<string, string> Route()
        => Flow.Branch<string, Topic, string>("route")
            .DecideByLlm(s => $"Route: {s}")
            .Case(Topic.Billing, FlowTask.Create("billing", (string s) => s))
            .Case(Topic.Technical, FlowTask.Create("technical", (string s) => s))
            .Build();
}
