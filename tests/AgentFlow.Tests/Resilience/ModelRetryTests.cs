using System.Net;
using AgentFlow.Testing;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;

namespace AgentFlow.Tests.Resilience;

/// <summary>Transport retries of model calls: which failures, how long between attempts, how they are recorded.</summary>
public sealed class ModelRetryTests
{
    private static readonly ModelResilienceOptions NoJitter = ModelResilienceOptions.Default with { UseJitter = false, CircuitBreaker = false };

    private static FlowTask<string, string> Ask() => FlowTask.FromPrompt<string, string>("ask", new Prompt("ask", "1", "{{$input}}"));

    private static HttpRequestException Http(HttpStatusCode status) => new($"HTTP {(int)status}", null, status);

    [Test]
    public async Task TransientFailure_IsRetriedAfterTheBackoffDelay_AndCountedApartFromAttempts()
    {
        var time = new FakeTimeProvider();
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(Http(HttpStatusCode.ServiceUnavailable)), "ok");
        var run = Ask().RunAsync("x", new RunOptions { ChatClient = model, TimeProvider = time, Resilience = NoJitter with { BaseDelay = TimeSpan.FromSeconds(2) } });

        await Eventually.True(() => model.Requests.Count == 1, "the first call");
        time.Advance(TimeSpan.FromSeconds(1.9));
        await Eventually.Still(() => model.Requests.Count == 1, "no retry before the 2 s backoff");
        time.Advance(TimeSpan.FromSeconds(0.1));
        var result = await run;

        Assert.That(result.Output, Is.EqualTo("ok"));
        Assert.That(model.Requests, Has.Count.EqualTo(2));
        var call = result.Record.LlmCalls.Single();
        Assert.That((call.Attempts, call.Retries, call.Fallbacks), Is.EqualTo((1, 1, 0)));
    }

    [Test]
    public async Task EachRequest_IsRecordedWithItsLatencyAndTokens()
    {
        var time = new FakeTimeProvider();
        var model = new ScriptedChatClient { TimeProvider = time }.Enqueue(
            ScriptedReply.Throw(Http(HttpStatusCode.ServiceUnavailable)).WithDelay(TimeSpan.FromSeconds(2)),
            ScriptedReply.Text("ok").WithUsage(30, 4).WithDelay(TimeSpan.FromSeconds(3)));
        var run = Ask().RunAsync("x", new RunOptions { ChatClient = model, TimeProvider = time, Resilience = NoJitter with { BaseDelay = TimeSpan.Zero } });

        await Eventually.True(() => model.Requests.Count == 1, "the first call");
        time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.True(() => model.Requests.Count == 2, "the retry");
        time.Advance(TimeSpan.FromSeconds(3));
        var call = (await run).Record.LlmCalls.Single();

        Assert.That(call.Requests, Is.EqualTo(new[]
        {
            new ModelRequestRecord("scripted", TimeSpan.FromSeconds(2), null, null, false, nameof(HttpRequestException)),
            new ModelRequestRecord("scripted", TimeSpan.FromSeconds(3), 30, 4, false, null),
        }));
        Assert.That(call.Duration, Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task Backoff_DoublesForEachRetry()
    {
        var time = new FakeTimeProvider();
        var outage = ScriptedReply.Throw(Http(HttpStatusCode.BadGateway));
        var model = new ScriptedChatClient().Enqueue(outage, outage, "ok");
        var run = Ask().RunAsync("x", new RunOptions { ChatClient = model, TimeProvider = time, Resilience = NoJitter });

        await Eventually.True(() => model.Requests.Count == 1, "the first call");
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.True(() => model.Requests.Count == 2, "the first retry after 1 s");
        time.Advance(TimeSpan.FromSeconds(1.9));
        await Eventually.Still(() => model.Requests.Count == 2, "the second retry waits 2 s");
        time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.That((await run).Record.LlmCalls.Single().Retries, Is.EqualTo(2));
    }

    [TestCase("Retry-After", "7")]
    [TestCase("retry-after-ms", "7000")]
    public async Task TooManyRequests_WaitsAsLongAsTheProviderAsks(string header, string value)
    {
        var time = new FakeTimeProvider();
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(FakePipelineResponse.Failure(429, (header, value))), "ok");
        var run = Ask().RunAsync("x", new RunOptions { ChatClient = model, TimeProvider = time, Resilience = NoJitter });

        await Eventually.True(() => model.Requests.Count == 1, "the first call");
        time.Advance(TimeSpan.FromSeconds(6.9));
        await Eventually.Still(() => model.Requests.Count == 1, "no retry before the 7 s the provider asked for, although the backoff is 1 s");
        time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.That((await run).Output, Is.EqualTo("ok"));
    }

    [Test]
    public async Task RetryAfter_LongerThanMaxDelay_IsStillHonoured()
    {
        var time = new FakeTimeProvider();
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(FakePipelineResponse.Failure(429, ("Retry-After", "45"))), "ok");
        var run = Ask().RunAsync("x", new RunOptions { ChatClient = model, TimeProvider = time, Resilience = NoJitter with { MaxDelay = TimeSpan.FromSeconds(30) } });

        await Eventually.True(() => model.Requests.Count == 1, "the first call");
        time.Advance(TimeSpan.FromSeconds(44));
        await Eventually.Still(() => model.Requests.Count == 1, "MaxDelay caps backoff, not the provider's Retry-After");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.That((await run).Output, Is.EqualTo("ok"));
    }

    [Test]
    public void RetryAfter_LongerThanMaxRetryAfter_IsNotWaitedFor()
    {
        var throttled = FakePipelineResponse.Failure(429, ("Retry-After", "3600"));
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(throttled), "never asked");

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await Ask().RunAsync("x", new RunOptions { ChatClient = model, Resilience = NoJitter }));

        Assert.That(ex!.InnerException, Is.SameAs(throttled));
        Assert.That(model.Requests, Has.Count.EqualTo(1));
        Assert.That(ex.Record!.LlmCalls.Single().Retries, Is.Zero);
    }

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.NotFound)]
    public void ClientErrors_AreNotRetried(HttpStatusCode status)
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(Http(status)), "never asked");

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await Ask().RunAsync("x", new RunOptions { ChatClient = model }));

        Assert.That(ex!.NodePath, Is.EqualTo("ask"));
        Assert.That(model.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void ExceptionsThatAreNotTransportFailures_AreNotRetried()
    {
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(new InvalidOperationException("bug")), "never asked");

        Assert.ThrowsAsync<FlowTaskException>(async () => await Ask().RunAsync("x", new RunOptions { ChatClient = model }));
        Assert.That(model.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void ACustomTransientTest_AddsFailuresToRetry()
    {
        var time = new FakeTimeProvider();
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(new ProviderBusyException()), "ok");
        var options = NoJitter with { BaseDelay = TimeSpan.Zero, IsTransient = ex => ex is ProviderBusyException };

        Assert.DoesNotThrowAsync(async () => await Ask().RunAsync("x", new RunOptions { ChatClient = model, TimeProvider = time, Resilience = options }));
        Assert.That(model.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public void ACustomTransientTest_AddsToTheBuiltInOnes_EvenForAClientErrorStatus()
    {
        var time = new FakeTimeProvider();
        var conflict = Http(HttpStatusCode.Conflict);
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(conflict), "ok");
        var options = NoJitter with { BaseDelay = TimeSpan.Zero, IsTransient = ex => ex is HttpRequestException { StatusCode: HttpStatusCode.Conflict } };

        Assert.DoesNotThrowAsync(async () => await Ask().RunAsync("x", new RunOptions { ChatClient = model, TimeProvider = time, Resilience = options }));
        Assert.That(model.Requests, Has.Count.EqualTo(2), "the 409 the caller declared transient was retried");
    }

    [Test]
    public async Task RetriesUsedUp_FailTheNodeWithTheLastFailure()
    {
        var time = new FakeTimeProvider();
        var last = Http(HttpStatusCode.ServiceUnavailable);
        var model = new ScriptedChatClient().Enqueue(
            ScriptedReply.Throw(Http(HttpStatusCode.ServiceUnavailable)), ScriptedReply.Throw(Http(HttpStatusCode.ServiceUnavailable)), ScriptedReply.Throw(last));
        var run = Ask().RunAsync("x", new RunOptions { ChatClient = model, TimeProvider = time, Resilience = NoJitter with { MaxRetries = 2, BaseDelay = TimeSpan.Zero } });

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await run);

        Assert.That(ex!.InnerException, Is.SameAs(last));
        Assert.That(ex.Record!.LlmCalls.Single().Retries, Is.EqualTo(2));
        Assert.That(model.Requests, Has.Count.EqualTo(3));
        await Task.CompletedTask;
    }

    [Test]
    public async Task AttemptTimeout_CancelsASlowCall_AndRetries()
    {
        var time = new FakeTimeProvider();
        var model = new ScriptedChatClient { TimeProvider = time }.Enqueue(ScriptedReply.Text("too late").WithDelay(TimeSpan.FromMinutes(10)), "ok");
        var run = Ask().RunAsync("x", new RunOptions
        {
            ChatClient = model,
            TimeProvider = time,
            Resilience = NoJitter with { AttemptTimeout = TimeSpan.FromSeconds(20), BaseDelay = TimeSpan.Zero },
        });

        await Eventually.True(() => model.Requests.Count == 1, "the first call");
        time.Advance(TimeSpan.FromSeconds(20));
        var result = await run;

        Assert.That(result.Output, Is.EqualTo("ok"));
        Assert.That(result.Record.LlmCalls.Single().Retries, Is.EqualTo(1));
    }

    [Test]
    public async Task TotalTimeout_EndsTheCallWithItsRetries()
    {
        var time = new FakeTimeProvider();
        var slow = ScriptedReply.Text("too late").WithDelay(TimeSpan.FromMinutes(10));
        var model = new ScriptedChatClient { TimeProvider = time }.Enqueue(slow, slow, slow, slow);
        var run = Ask().RunAsync("x", new RunOptions
        {
            ChatClient = model,
            TimeProvider = time,
            Resilience = NoJitter with { AttemptTimeout = TimeSpan.FromSeconds(20), TotalTimeout = TimeSpan.FromSeconds(30), BaseDelay = TimeSpan.Zero },
        });

        await Eventually.True(() => model.Requests.Count == 1, "the first call");
        time.Advance(TimeSpan.FromSeconds(20));
        await Eventually.True(() => model.Requests.Count == 2, "the retry after the attempt timed out");
        time.Advance(TimeSpan.FromSeconds(10));

        var ex = Assert.ThrowsAsync<FlowTaskException>(async () => await run);
        Assert.That(ex!.InnerException, Is.InstanceOf<TimeoutRejectedException>());
        Assert.That(ex.NodePath, Is.EqualTo("ask"));
        Assert.That(model.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task CallerCancellation_DuringABackoffDelay_SurfacesUnwrapped()
    {
        var time = new FakeTimeProvider();
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(Http(HttpStatusCode.ServiceUnavailable)), "ok");
        using var cts = new CancellationTokenSource();
        var run = Ask().RunAsync("x", new RunOptions { ChatClient = model, TimeProvider = time, Resilience = NoJitter }, cts.Token);

        await Eventually.True(() => model.Requests.Count == 1, "the first call");
        await cts.CancelAsync();

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(model.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task EachRetry_CountsAgainstTheModelCallBudget()
    {
        var time = new FakeTimeProvider();
        var outage = ScriptedReply.Throw(Http(HttpStatusCode.ServiceUnavailable));
        var model = new ScriptedChatClient().Enqueue(outage, outage, "ok");
        var run = Ask().RunAsync("x", new RunOptions
        {
            ChatClient = model,
            TimeProvider = time,
            Resilience = NoJitter with { BaseDelay = TimeSpan.Zero },
            Budget = new RunBudget { MaxModelCalls = 2 },
        });

        var ex = Assert.ThrowsAsync<BudgetExceededException>(async () => await run);

        Assert.That(ex!.Limit, Is.EqualTo("MaxModelCalls"));
        Assert.That(model.Requests, Has.Count.EqualTo(2), "the budget is not retried");
        await Task.CompletedTask;
    }

    [Test]
    public async Task LlmDecisions_AreRetriedToo()
    {
        var time = new FakeTimeProvider();
        var model = new ScriptedChatClient().Enqueue(ScriptedReply.Throw(Http(HttpStatusCode.TooManyRequests)), ScriptedReply.Choice("yes"));
        var flow = Flow.Branch<string, string, string>("route")
            .DecideByLlm(s => $"Is it urgent? {s}", o => o.Resilience = NoJitter with { BaseDelay = TimeSpan.Zero })
            .Case("yes", FlowTask.Create("urgent", (string s) => "urgent"))
            .Case("no", FlowTask.Create("later", (string s) => "later"))
            .Build();

        var result = await flow.RunAsync("x", new RunOptions { ChatClient = model, TimeProvider = time });

        Assert.That(result.Output, Is.EqualTo("urgent"));
        Assert.That(result.Record.LlmCalls.Single().Retries, Is.EqualTo(1));
    }

    private sealed class ProviderBusyException : Exception
    {
        public ProviderBusyException()
            : base("busy")
        {
        }
    }
}
